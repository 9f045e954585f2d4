import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import { DomainError, InvalidInputError } from '../common/domain-error';
import { DrawInputError, RESULT_FORMAT, SNAPSHOT_FORMAT, parseSnapshotLines, type DrawSnapshot } from '../draw';
import { isZlibError, sniffFile, unsupportedFile, type InputFile } from './input-file';

export const RECEIPT_FORMAT = 'ssj-draw-receipt/1';
const BOM = '\uFEFF';
const stripBom = (text: string): string => (text.startsWith(BOM) ? text.slice(1) : text);

/** What a file is, by the `format` of its first JSON object: to say "you swapped the files" instead of "bad JSON". */
export function describeFormat(format: unknown): string | null {
  if (format === SNAPSHOT_FORMAT) return '抽取快照';
  if (format === RECEIPT_FORMAT) return '抽取凭证';
  if (format === RESULT_FORMAT) return '抽取结果';
  return null;
}

/**
 * The lines of a text file, gunzipped on the fly when it starts with the gzip magic number;
 * without line ends ("\n" or "\r\n") and without a leading byte-order mark.
 */
export async function* readLines(file: InputFile, label: string): AsyncGenerator<string> {
  const { gzip } = await sniffFile(file, label);
  const raw = createReadStream(file.path);
  let input: Readable = raw;
  if (gzip) {
    const gunzip = createGunzip();
    raw.on('error', (e) => gunzip.destroy(e));
    input = raw.pipe(gunzip);
  }
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    let first = true;
    for await (const line of lines) {
      yield first ? stripBom(line) : line;
      first = false;
    }
  } catch (e) {
    if (isZlibError(e)) throw unsupportedFile(`${label} ${file.name} 不是完整有效的 gzip 文件（${(e as Error).message}），请重新下载`);
    throw e;
  } finally {
    lines.close();
    input.destroy();
    raw.destroy();
  }
}

/** A small file (a receipt) as text: gzip allowed, UTF-8 required, at most maxBytes after decompression. */
export async function readSmallTextFile(file: InputFile, label: string, maxBytes: number): Promise<string> {
  const { gzip, size } = await sniffFile(file, label);
  const tooLarge = () =>
    unsupportedFile(`${label} ${file.name} 过大（超过 ${Math.round(maxBytes / 1024)} KB）；是否把快照或结果文件当成了${label}？`);
  // gzip never makes text much bigger, so the size on disk already tells (and a 1 GiB upload is not read).
  if (size > maxBytes) throw tooLarge();
  let bytes = await readFile(file.path);
  if (gzip) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
      throw unsupportedFile(`${label} ${file.name} 不是完整有效的 gzip 文件（${(e as Error).message}）`);
    }
  }
  try {
    return stripBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw unsupportedFile(`${label} ${file.name} 不是 UTF-8 编码的文本文件`);
  }
}

interface SnapshotHeaderCounts {
  enterprises: number;
  inspectors: number;
  conflicts: number;
  previousTeams: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** Parses the first line of a file that should be `expected`, with a hint when it is another of our files. */
function parseHeader(line: string | undefined, file: InputFile, label: string, expected: string): Record<string, unknown> {
  if (line === undefined) throw new InvalidInputError(`${label} ${file.name} 是空文件`);
  let header: unknown;
  try {
    header = JSON.parse(line);
  } catch {
    throw unsupportedFile(`${label} ${file.name} 的首行不是 JSON：${label}应为 ${expected} 格式的文本（每行一个 JSON 对象）`);
  }
  if (!isObject(header)) throw new InvalidInputError(`${label} ${file.name} 的首行应为一个 JSON 对象`);
  if (header.format !== expected) {
    const actually = describeFormat(header.format);
    if (actually) throw new InvalidInputError(`${label} ${file.name} 是${actually}文件，不是${label}；请检查文件的顺序`);
    throw new InvalidInputError(
      `${label} ${file.name} 的格式“${String(header.format ?? '（缺少 format 字段）')}”不受支持，应为 ${expected}`,
    );
  }
  return header;
}

function checkSnapshotHeader(header: Record<string, unknown>, lineCount: number, file: InputFile): void {
  const problems: string[] = [];
  const counts = header.counts as Partial<SnapshotHeaderCounts> | undefined;
  if (
    !isObject(counts) ||
    !['enterprises', 'inspectors', 'conflicts', 'previousTeams'].every((k) => isCount(counts[k as keyof SnapshotHeaderCounts]))
  )
    problems.push('首行的 counts 应给出 enterprises、inspectors、conflicts、previousTeams 四个非负整数');
  if (!isObject(header.task)) problems.push('首行缺少 task（抽查任务）');
  if (!Array.isArray(header.matters) || !header.matters.every(isObject)) problems.push('首行的 matters（监管事项）应为对象列表');
  if (!Array.isArray(header.seedSources) || !header.seedSources.every(isObject))
    problems.push('首行的 seedSources（随机种子来源）应为对象列表');
  const policy = header.tierPolicy;
  if (!isObject(policy) || !['A', 'B', 'C', 'D'].every((t) => isObject(policy[t])))
    problems.push('首行的 tierPolicy（信用分级策略）应给出 A、B、C、D 四个等级');
  if (problems.length === 0) {
    const c = counts as SnapshotHeaderCounts;
    const declared = 1 + c.enterprises + c.inspectors + c.conflicts + c.previousTeams;
    if (declared !== lineCount)
      problems.push(`首行声明共 ${declared} 行，文件实际有 ${lineCount} 行${declared > lineCount ? '（文件可能不完整，请重新下载）' : ''}`);
  }
  if (problems.length > 0) throw new InvalidInputError(`快照文件 ${file.name} 不符合规范：${problems.join('；')}`, { problems });
}

/** Hands the lines to the parser one by one and drops each once read, so raw text and parsed rows are not both held in full. */
function* releasing(lines: (string | undefined)[], file: InputFile): Generator<string> {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    lines[i] = undefined;
    // Every line is a JSON object; anything else (null, a list) would reach the engine as a row of the wrong shape.
    if (line.charCodeAt(0) !== 0x7b) throw new InvalidInputError(`快照文件 ${file.name} 第 ${i + 1} 行不是 JSON 对象`);
    yield line;
  }
}

/**
 * Reads a published snapshot file (canonical text, or gzip of it) into a DrawSnapshot.
 * Streams and decompresses, but parseSnapshotLines is synchronous, so the lines are
 * collected first and released as they are parsed.
 */
export async function readSnapshotFile(file: InputFile): Promise<DrawSnapshot> {
  const label = '快照文件';
  const lines: (string | undefined)[] = [];
  for await (const line of readLines(file, label)) lines.push(line);
  const header = parseHeader(lines[0], file, label, SNAPSHOT_FORMAT);
  checkSnapshotHeader(header, lines.length, file);
  try {
    return parseSnapshotLines(releasing(lines, file));
  } catch (e) {
    if (e instanceof DrawInputError)
      throw new InvalidInputError(`快照文件 ${file.name} 不符合规范：${e.problems.join('；')}`, { problems: e.problems });
    if (e instanceof DomainError) throw e;
    throw new InvalidInputError(`快照文件 ${file.name} 不符合规范：${(e as Error).message}`);
  }
}

/** Reads a published result file (canonical text, or gzip of it): its lines, checked to be a result. */
export async function readResultFile(file: InputFile): Promise<string[]> {
  const label = '结果文件';
  const lines: string[] = [];
  for await (const line of readLines(file, label)) lines.push(line);
  parseHeader(lines[0], file, label, RESULT_FORMAT);
  return lines;
}
