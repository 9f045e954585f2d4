import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { NotFoundError } from '../common/domain-error';
import { neutralise } from './cell-text';
import type { ImportIssue } from './import-issue';
import { type FileKind, openRows } from './row-source';
import type { SheetLayout } from './sheet-layouts';

interface StoredReport {
  kind: FileKind;
  sheet: string;
  originalName: string;
  issues: ImportIssue[];
}

const KEEP_MS = 24 * 3600 * 1000;
const RED = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } } as const;

/**
 * Keeps a rejected upload with its problems for a day, so that the office can download
 * the same workbook with the bad cells marked. Built on request, streamed, never held whole.
 */
@Injectable()
export class ImportReports {
  private readonly root = join(tmpdir(), 'shuangsuiji-import-reports');

  async save(file: { path: string; originalName: string }, kind: FileKind, layout: SheetLayout, issues: ImportIssue[]): Promise<string> {
    await this.sweep();
    const id = randomUUID();
    const dir = join(this.root, id);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await copyFile(file.path, join(dir, 'upload'));
    const report: StoredReport = { kind, sheet: layout.sheet, originalName: file.originalName, issues };
    await writeFile(join(dir, 'report.json'), JSON.stringify(report));
    return id;
  }

  async fileName(id: string): Promise<string> {
    const report = await this.load(id);
    return `${report.originalName.replace(/\.(xlsx|csv)$/i, '')}-错误标注.xlsx`;
  }

  /** Writes the uploaded rows again, bad cells filled red, with a column that says what is wrong. */
  async writeMarked(id: string, out: Writable): Promise<void> {
    const report = await this.load(id);
    const byRow = new Map<number, ImportIssue[]>();
    for (const i of report.issues) byRow.set(i.row, [...(byRow.get(i.row) ?? []), i]);
    const source = await openRows(join(this.root, id, 'upload'), report.kind, report.sheet);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    const ws = wb.addWorksheet(source.sheet);
    let headers: string[] | undefined;
    for await (const { row, cells } of source.rows) {
      const problems = byRow.get(row) ?? [];
      if (!headers && cells.some(Boolean)) {
        headers = cells;
        const h = ws.addRow([...cells.map(neutralise), '错误说明']);
        h.font = { bold: true };
        h.commit();
        continue;
      }
      // The note goes after the last header even where Excel left a row's trailing cells out.
      const width = Math.max(headers?.length ?? 0, cells.length);
      const padded = cells.length < width ? [...cells, ...new Array<string>(width - cells.length).fill('')] : cells;
      const r = ws.addRow([...padded.map(neutralise), problems.map((p) => (p.column ? `${p.column}：${p.reason}` : p.reason)).join('；')]);
      for (const p of problems) {
        const col = headers?.findIndex((h) => h.replace(/[\s*＊]/g, '') === p.column) ?? -1;
        r.getCell(col >= 0 ? col + 1 : width + 1).fill = RED;
      }
      if (problems.length) r.getCell(width + 1).font = { color: { argb: 'FFC00000' } };
      r.commit();
    }
    ws.commit();
    await wb.commit();
  }

  private async load(id: string): Promise<StoredReport> {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new NotFoundError('导入错误报告', id);
    try {
      return JSON.parse(await readFile(join(this.root, id, 'report.json'), 'utf8')) as StoredReport;
    } catch {
      throw new NotFoundError('导入错误报告（可能已超过 24 小时被清理）', id);
    }
  }

  private async sweep(): Promise<void> {
    const entries = await readdir(this.root).catch(() => [] as string[]);
    const now = Date.now();
    for (const e of entries) {
      const s = await stat(join(this.root, e)).catch(() => undefined);
      if (s && now - s.mtimeMs > KEEP_MS) await rm(join(this.root, e), { recursive: true, force: true });
    }
  }
}
