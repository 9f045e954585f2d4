import { LIST_SEPARATOR } from './sheet-layouts';
import type { ImportIssue } from './import-issue';

const SEPARATORS = /[；;,，、]/;

/**
 * Reads the cells of one row by header name and collects problems instead of throwing,
 * so that a row reports every bad cell at once.
 */
export class FieldReader {
  readonly issues: ImportIssue[] = [];

  constructor(
    private readonly sheet: string,
    readonly row: number,
    private readonly cells: readonly string[],
    private readonly index: ReadonlyMap<string, number>,
  ) {}

  has(header: string): boolean {
    return this.index.has(header);
  }

  text(header: string): string {
    const i = this.index.get(header);
    return i === undefined ? '' : (this.cells[i] ?? '');
  }

  fail(header: string, reason: string, value = this.text(header)): void {
    this.issues.push({ sheet: this.sheet, row: this.row, column: header, value, reason });
  }

  required(header: string, maxLength: number): string {
    const v = this.text(header);
    if (!v) this.fail(header, `“${header}”不能为空`);
    else if (v.length > maxLength) this.fail(header, `“${header}”最长 ${maxLength} 个字符，实为 ${v.length} 个`);
    return v;
  }

  optional(header: string, maxLength: number): string {
    const v = this.text(header);
    if (v.length > maxLength) this.fail(header, `“${header}”最长 ${maxLength} 个字符，实为 ${v.length} 个`);
    return v;
  }

  matching(header: string, pattern: RegExp, reason: string, required: boolean): string {
    const v = this.text(header);
    if (!v) {
      if (required) this.fail(header, `“${header}”不能为空`);
    } else if (!pattern.test(v)) this.fail(header, reason);
    return v;
  }

  yesNo(header: string): boolean | undefined {
    const v = this.text(header);
    if (!v) return undefined;
    if (['是', 'Y', 'y', '1', 'TRUE', 'true', '√'].includes(v)) return true;
    if (['否', 'N', 'n', '0', 'FALSE', 'false', '×'].includes(v)) return false;
    this.fail(header, `“${header}”只能填“是”或“否”`);
    return undefined;
  }

  integer(header: string, min: number, max: number): number | undefined {
    const v = this.text(header);
    if (!v) return undefined;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      this.fail(header, `“${header}”应为 ${min}–${max} 之间的整数`);
      return undefined;
    }
    return Number(v);
  }

  /** YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日, or an Excel serial day number. */
  date(header: string): string | null {
    const v = this.text(header);
    if (!v) return null;
    const iso = toIsoDate(v);
    if (!iso) this.fail(header, `“${header}”不是有效日期，请填写如 2026-03-01 的格式`);
    return iso;
  }

  /** One of the given labels (or the code itself); returns the code. */
  choice<K extends string>(header: string, labels: Record<K, string>, fallback: K | undefined): K | undefined {
    const v = this.text(header);
    if (!v) return fallback;
    const key = (Object.keys(labels) as K[]).find((k) => labels[k] === v || k === v);
    if (!key) this.fail(header, `“${header}”只能是：${Object.values(labels).join('、')}`);
    return key;
  }

  list(header: string): string[] {
    const v = this.text(header);
    return v ? [...new Set(v.split(SEPARATORS).map((s) => s.trim()).filter(Boolean))] : [];
  }
}

export function joinList(values: readonly string[]): string {
  return values.join(LIST_SEPARATOR);
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

export function toIsoDate(text: string): string | null {
  if (/^\d{5}$/.test(text)) {
    const d = new Date(EXCEL_EPOCH + Number(text) * 86_400_000);
    return d.toISOString().slice(0, 10);
  }
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
