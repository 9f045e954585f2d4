/** Turns any exceljs cell value into the text a person sees in the cell. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return restore(value.trim());
  if (typeof value === 'number') return String(Number(value.toFixed(10)));
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return isoDate(value);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('').trim();
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return v.error;
  }
  return String(value).trim();
}

/** Excel date cells come back as UTC midnight of the calendar day. */
function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises text that a spreadsheet would run as a formula (CSV/formula injection):
 * a leading apostrophe makes Excel and WPS show it as plain text.
 */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const NEUTRALISED = /^'[=+\-@]/;

/** Undoes neutralise() on import, so that an exported file imports back unchanged. */
function restore(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}
