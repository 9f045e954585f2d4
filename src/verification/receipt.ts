import { InvalidInputError } from '../common/domain-error';
import { parseTimestamp, type DrawReceipt, type SeedValue } from '../draw';
import { unsupportedFile, type InputFile } from './input-file';
import { RECEIPT_FORMAT, describeFormat, readSmallTextFile } from './read-files';

/** A receipt is about a kilobyte; anything this big is another file given by mistake. */
export const MAX_RECEIPT_BYTES = 1024 * 1024;

const SHA256_HEX = /^[0-9a-f]{64}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks the shape of a receipt (fields, types, hash and timestamp formats) and returns only
 * its known fields. Whether the values are *right* is verifyDraw's business: a wrong seed is
 * a mismatch, a missing seed is a broken file.
 */
export function parseReceipt(text: string, name?: string): DrawReceipt {
  const who = name ? `凭证文件 ${name}` : '凭证文件';
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    // A snapshot or result is several JSON lines: its first line says what it is.
    let firstLine: unknown;
    try {
      const end = text.indexOf('\n');
      firstLine = JSON.parse(end < 0 ? text : text.slice(0, end));
    } catch {
      firstLine = undefined;
    }
    const actually = isObject(firstLine) ? describeFormat(firstLine.format) : null;
    if (actually) throw new InvalidInputError(`${who} 是${actually}文件，不是抽取凭证；请检查文件的顺序`);
    throw unsupportedFile(`${who} 不是 JSON 文件（${(e as Error).message}）；凭证应为 ${RECEIPT_FORMAT} 格式的 JSON`);
  }
  if (!isObject(data)) throw new InvalidInputError(`${who} 应为一个 JSON 对象`);
  if (!('format' in data)) throw new InvalidInputError(`${who} 缺少字段 format（应为“${RECEIPT_FORMAT}”）`);
  if (data.format !== RECEIPT_FORMAT) {
    const actually = describeFormat(data.format);
    if (actually) throw new InvalidInputError(`${who} 是${actually}文件，不是抽取凭证；请检查文件的顺序`);
    throw new InvalidInputError(`${who} 的 format 为“${String(data.format)}”，不受支持，应为“${RECEIPT_FORMAT}”`);
  }

  const problems: string[] = [];
  const field = (key: string, ok: (v: unknown) => boolean, expected: string): void => {
    if (!(key in data) || data[key] === null) problems.push(`缺少字段 ${key}`);
    else if (!ok(data[key])) problems.push(`字段 ${key} 应为${expected}`);
  };
  const text1 = (v: unknown) => typeof v === 'string' && v.length > 0;
  const hash = (v: unknown) => typeof v === 'string' && SHA256_HEX.test(v);
  const timestamp = (v: unknown) => typeof v === 'string' && parseTimestamp(v) !== null;
  const HASH = ' 64 位小写十六进制的 SHA-256 摘要';
  const TIME = '带时区的 ISO 8601 时间（如 2026-03-26T21:15:00+08:00）';
  field('algorithm', text1, '算法版本（如 ssj-draw/1.0.0）');
  field('taskCode', text1, '非空的任务编号');
  field('snapshotHash', hash, HASH);
  field('committedAt', timestamp, TIME);
  field('seed', hash, HASH);
  field('resultHash', hash, HASH);
  field('seedValues', Array.isArray, '随机种子来源取值的列表');
  const seedValues: SeedValue[] = [];
  if (Array.isArray(data.seedValues)) {
    data.seedValues.forEach((v: unknown, i) => {
      const at = `seedValues[${i}]`;
      if (!isObject(v)) return problems.push(`${at} 应为 {sourceId, value, availableAt} 对象`);
      if (!text1(v.sourceId)) problems.push(`${at}.sourceId 应为种子来源标识`);
      const value = v.value;
      if (!(typeof value === 'string' || (Array.isArray(value) && value.every((n) => typeof n === 'number'))))
        problems.push(`${at}.value 应为数字列表（彩票开奖号码）或十六进制串（随机信标、工作人员密钥）`);
      if (!timestamp(v.availableAt)) problems.push(`${at}.availableAt 应为${TIME}`);
      seedValues.push({ sourceId: v.sourceId as string, value: value as SeedValue['value'], availableAt: v.availableAt as string });
    });
  }
  if (problems.length > 0) throw new InvalidInputError(`${who} 不符合格式：${problems.join('；')}`, { problems });
  return {
    format: RECEIPT_FORMAT,
    algorithm: data.algorithm as string,
    taskCode: data.taskCode as string,
    snapshotHash: data.snapshotHash as string,
    committedAt: data.committedAt as string,
    seedValues,
    seed: data.seed as string,
    resultHash: data.resultHash as string,
  };
}

export async function readReceiptFile(file: InputFile): Promise<DrawReceipt> {
  return parseReceipt(await readSmallTextFile(file, '凭证文件', MAX_RECEIPT_BYTES), file.name);
}
