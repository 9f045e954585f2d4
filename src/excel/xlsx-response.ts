import type { Response } from 'express';
import ExcelJS from 'exceljs';
import { neutralise } from './cell-text';
import { allHeaders, type SheetLayout } from './sheet-layouts';

export type CellValue = string | number | null;

/** exceljs has range-wide validations at run time but not in its typings. */
interface DataValidationSheet {
  dataValidations: { add(range: string, v: ExcelJS.DataValidation): void };
}

function startDownload(res: Response, fileName: string): void {
  res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.setHeader('Content-Disposition', `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  res.setHeader('Cache-Control', 'no-store');
}

export interface SheetStream {
  name: string;
  headers: readonly string[];
  rows: AsyncIterable<CellValue[]>;
}

/** Streams sheets into an xlsx download; text that could run as a formula is neutralised. */
export async function sendWorkbook(res: Response, fileName: string, sheets: Iterable<SheetStream> | AsyncIterable<SheetStream>): Promise<void> {
  startDownload(res, fileName);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true });
  for await (const sheet of sheets) {
    // Excel allows 31 characters and no []:*?/\ in a sheet name.
    const ws = wb.addWorksheet(sheet.name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.headers.map((h) => ({ width: Math.max(12, h.length * 2 + 4) }));
    const head = ws.addRow([...sheet.headers]);
    head.font = { bold: true };
    head.commit();
    for await (const values of sheet.rows) {
      ws.addRow(values.map((v) => (typeof v === 'string' ? neutralise(v) : v))).commit();
    }
    ws.commit();
  }
  await wb.commit();
}

/** One list's export, with the layout's headers. */
export function sendXlsx(res: Response, fileName: string, layout: SheetLayout, rows: AsyncIterable<CellValue[]>): Promise<void> {
  return sendWorkbook(res, fileName, [{ name: layout.sheet, headers: allHeaders(layout), rows }]);
}

export interface ColumnHelp {
  header: string;
  help: string;
  /** Allowed values, offered as a drop-down in the template. */
  choices?: readonly string[];
}

/** The empty template: the header row, drop-downs where values are fixed, and a sheet of instructions. */
export async function sendTemplate(res: Response, fileName: string, layout: SheetLayout, help: readonly ColumnHelp[]): Promise<void> {
  startDownload(res, fileName);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(layout.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers = allHeaders(layout);
  ws.columns = headers.map((h) => ({ header: h, width: Math.max(12, h.length * 2 + 4) }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  headers.forEach((h, i) => {
    const cell = head.getCell(i + 1);
    if ((layout.required as readonly string[]).includes(h)) cell.font = { bold: true, color: { argb: 'FFC00000' } };
    const choices = help.find((c) => c.header === h)?.choices;
    if (choices) {
      const letter = ws.getColumn(i + 1).letter;
      (ws as unknown as DataValidationSheet).dataValidations.add(`${letter}2:${letter}100000`, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${choices.join(',')}"`],
        showErrorMessage: true,
        errorTitle: '取值不正确',
        error: `只能填写：${choices.join('、')}`,
      });
    }
  });
  const notes = wb.addWorksheet('填写说明');
  notes.columns = [
    { header: '列名', width: 18 },
    { header: '是否必填', width: 10 },
    { header: '填写说明', width: 90 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const h of headers) {
    const required = (layout.required as readonly string[]).includes(h);
    notes.addRow([h, required ? '必填' : '选填', help.find((c) => c.header === h)?.help ?? '']);
  }
  notes.addRow([]);
  notes.addRow(['说明', '', '第一个工作表为数据表，第一行为表头（红色为必填列）。整个文件任何一行有错都不会写入；再次导入按关键列更新已有记录。多个值用“；”分隔。']);
  await wb.xlsx.write(res);
  res.end();
}
