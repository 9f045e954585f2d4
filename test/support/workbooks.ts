import ExcelJS from 'exceljs';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

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

/**
 * The same xlsx with one of its files (e.g. `xl/worksheets/sheet1.xml`) changed, to make workbooks that exceljs
 * would never write, such as one with a raw NUL in its XML. The zip is read by its central directory and
 * written again, deflated (the streaming reader mishandles stored entries now and then).
 */
export function editXlsxEntry(buf: Buffer, entry: string, edit: (text: string) => string): Buffer {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  const files: { name: string; data: Buffer }[] = [];
  for (let p = buf.readUInt32LE(eocd + 16), i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const local = buf.readUInt32LE(p + 42);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    files.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  const target = files.find((f) => f.name === entry);
  if (!target) throw new Error(`no ${entry} in the workbook`);
  target.data = Buffer.from(edit(target.data.toString('utf8')), 'utf8');

  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data: plain } of files) {
    const n = Buffer.from(name, 'utf8');
    const crc = crc32(plain);
    const data = deflateRawSync(plain);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(plain.length, 22);
    head.writeUInt16LE(n.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(plain.length, 24);
    dir.writeUInt16LE(n.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(head, n, data);
    centrals.push(dir, n);
    offset += head.length + n.length + data.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, central, end]);
}
