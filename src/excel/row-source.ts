import { createReadStream, ReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { DomainError } from '../common/domain-error';
import { cellText } from './cell-text';

export type FileKind = 'xlsx' | 'csv';

/** One row of an uploaded sheet: its Excel row number and the text of its cells, 0-based. */
export interface SourceRow {
  row: number;
  cells: string[];
}

export interface RowSource {
  sheet: string;
  rows: AsyncIterable<SourceRow>;
}

/** Tells xlsx from csv by content, not by the name the browser sent. */
export async function detectKind(path: string, originalName: string): Promise<FileKind> {
  const fh = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(4), 0, 4, 0);
    if (bytesRead >= 4 && buffer.readUInt32LE(0) === 0x04034b50) return 'xlsx';
    if (/\.xls$/i.test(originalName) || (bytesRead >= 4 && buffer.readUInt32BE(0) === 0xd0cf11e0)) {
      throw new DomainError('UNSUPPORTED_FILE', '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再导入');
    }
    if (/\.xlsx$/i.test(originalName)) throw new DomainError('UNSUPPORTED_FILE', '文件不是有效的 .xlsx 工作簿，可能已损坏');
    return 'csv';
  } finally {
    await fh.close();
  }
}

export function openRows(path: string, kind: FileKind, csvSheetName: string): Promise<RowSource> {
  return kind === 'xlsx' ? openXlsx(path) : openCsv(path, csvSheetName);
}

type SheetReader = AsyncIterable<{ number: number; values: unknown[] }> & { name?: string; iterator?: unknown };

/**
 * exceljs copies a worksheet that comes before the shared strings in the zip to a temporary
 * file and deletes it only when its iterator is advanced past that sheet. Advance it to the
 * end (without reading the other sheets) so that no copy of an upload, with whatever personal
 * data it holds, is left behind in the temp directory.
 */
async function releaseWorkbook(sheets: AsyncIterator<unknown>, current: SheetReader, finished: boolean): Promise<void> {
  const closeFile = (ws: SheetReader) => {
    if (ws.iterator instanceof ReadStream) ws.iterator.destroy();
  };
  try {
    // A sheet streamed straight from the zip can only be left by reading it to its end.
    if (!finished && !(current.iterator instanceof ReadStream)) {
      await sheets.return?.();
      return;
    }
    closeFile(current);
    for (;;) {
      const next = await sheets.next();
      if (next.done) break;
      closeFile(next.value as SheetReader);
    }
  } catch {
    // Nothing more to release.
  }
}

/** Streams the first worksheet; the workbook is never held in memory. */
async function openXlsx(path: string): Promise<RowSource> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  const sheets = reader[Symbol.asyncIterator]();
  let first;
  try {
    first = await sheets.next();
  } catch {
    throw new DomainError('UNSUPPORTED_FILE', '无法读取该 .xlsx 文件，可能已损坏或不是 Excel 工作簿');
  }
  if (first.done) throw new DomainError('UNSUPPORTED_FILE', '工作簿中没有工作表');
  const ws = first.value as unknown as SheetReader;
  const sheet = ws.name ?? 'Sheet1';
  async function* rows(): AsyncGenerator<SourceRow> {
    let finished = false;
    let last = 0;
    try {
      for await (const r of ws) {
        const values = r.values;
        const cells: string[] = new Array(Math.max(values.length - 1, 0));
        for (let i = 1; i < values.length; i++) cells[i - 1] = cellText(values[i]);
        last = r.number;
        yield { row: r.number, cells };
      }
      finished = true;
    } catch {
      // The sheet's XML broke off or holds a character XML forbids (a raw NUL, as some tools write): the person
      // uploading gets told so, not a bare 500. Errors of the code reading the rows never pass through here.
      throw new DomainError(
        'UNSUPPORTED_FILE',
        `无法读取该 .xlsx 文件：工作表“${sheet}”${last ? `第 ${last} 行之后` : ''}的内容已损坏或含有不允许的字符（如空字符 \\0），请在 Excel 中打开后另存为 .xlsx 再导入`,
      );
    } finally {
      await releaseWorkbook(sheets, ws, finished);
    }
  }
  return { sheet, rows: rows() };
}

/** UTF-8 (with or without BOM) or, as Excel saves CSV on Chinese Windows, GB18030. */
async function detectCsvEncoding(path: string): Promise<'utf-8' | 'gb18030'> {
  const fh = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(65536), 0, 65536, 0);
    const sample = buffer.subarray(0, bytesRead);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
      return 'utf-8';
    } catch {
      return 'gb18030';
    }
  } finally {
    await fh.close();
  }
}

function decoder(encoding: 'gb18030'): Transform {
  const d = new TextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, d.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, d.decode());
    },
  });
}

/**
 * Parses CSV with PapaParse's chunk callback (about five times faster here than a stream of row
 * objects), pausing the parser until the importer has taken each chunk of rows.
 */
async function openCsv(path: string, sheet: string): Promise<RowSource> {
  const encoding = await detectCsvEncoding(path);
  // Text, not bytes, reaches the parser: a character split across two reads stays whole.
  const input = encoding === 'utf-8' ? createReadStream(path, { encoding: 'utf8' }) : createReadStream(path).pipe(decoder(encoding));
  async function* rows(): AsyncGenerator<SourceRow> {
    const queue: string[][][] = [];
    let parser: Papa.Parser | undefined;
    let done = false;
    let failure: Error | undefined;
    let wake: (() => void) | undefined;
    const notify = () => {
      wake?.();
      wake = undefined;
    };
    Papa.parse<string[]>(input as unknown as File, {
      skipEmptyLines: false,
      chunk: (results, p) => {
        parser = p;
        queue.push(results.data);
        // Pausing the parser alone would let the file keep flowing into its buffer.
        p.pause();
        input.pause();
        notify();
      },
      complete: () => {
        done = true;
        notify();
      },
      error: (err: Error) => {
        failure = err;
        notify();
      },
    });
    let row = 0;
    for (;;) {
      const batch = queue.shift();
      if (batch) {
        for (const record of batch) {
          for (let i = 0; i < record.length; i++) record[i] = record[i].trim();
          if (row === 0 && record.length) record[0] = record[0].replace(/^\uFEFF/, '');
          // Rows are numbered as Excel numbers them when it opens the CSV: one per record.
          yield { row: ++row, cells: record };
        }
        continue;
      }
      if (failure) throw new DomainError('UNSUPPORTED_FILE', `CSV 文件格式错误：${failure.message}`);
      if (done) return;
      const waiting = new Promise<void>((resolve) => (wake = resolve));
      input.resume();
      parser?.resume();
      await waiting;
    }
  }
  return { sheet, rows: rows() };
}
