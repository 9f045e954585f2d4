import ExcelJS from 'exceljs';

/** An xlsx file in memory with one sheet: a header row and the given rows. */
export async function xlsxBuffer(sheet: string, header: string[], rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads every sheet of an xlsx into arrays of cell text. */
export async function readXlsx(buf: Buffer): Promise<Record<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  const out: Record<string, string[][]> = {};
  wb.eachSheet((ws) => {
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const values = row.values as unknown[];
      rows.push(Array.from(values.slice(1), (v) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v))));
    });
    out[ws.name] = rows;
  });
  return out;
}

export function cellFill(buf: Buffer, sheetIndex: number, address: string): Promise<string | undefined> {
  const wb = new ExcelJS.Workbook();
  return wb.xlsx.load(buf as unknown as ExcelJS.Buffer).then(() => {
    const fill = wb.worksheets[sheetIndex].getCell(address).fill as { fgColor?: { argb?: string } } | undefined;
    return fill?.fgColor?.argb;
  });
}
