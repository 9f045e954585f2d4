import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DomainError } from '../common/domain-error';
import { serialiseSnapshot } from '../draw';
import { MAX_RECEIPT_BYTES, parseReceipt, readReceiptFile } from './receipt';
import { publishedDraw, receiptText } from './testing';

const { receipt, snapshot } = publishedDraw();
const text = receiptText(receipt);

function refusal(input: string): DomainError {
  try {
    parseReceipt(input, 'r.json');
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('parseReceipt accepted the input');
}
const without = (key: string): string => {
  const copy: Record<string, unknown> = { ...receipt };
  delete copy[key];
  return JSON.stringify(copy);
};

describe('parseReceipt', () => {
  it('reads a published receipt, pretty-printed or not, and keeps only its known fields', () => {
    expect(parseReceipt(text)).toEqual(receipt);
    expect(parseReceipt(`\uFEFF${JSON.stringify({ ...receipt, note: '另附说明' }, null, 2)}`)).toEqual(receipt);
  });

  it('says a file that is not JSON is not JSON', () => {
    const e = refusal('snapshotHash: abc');
    expect(e.code).toBe('UNSUPPORTED_FILE');
    expect(e.message).toMatch(/^凭证文件 r\.json 不是 JSON 文件（.+）；凭证应为 ssj-draw-receipt\/1 格式的 JSON$/);
  });

  it('names a missing field', () => {
    const e = refusal(without('seed'));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.message).toBe('凭证文件 r.json 不符合格式：缺少字段 seed');
    expect(refusal(without('format')).message).toBe('凭证文件 r.json 缺少字段 format（应为“ssj-draw-receipt/1”）');
  });

  it('names a wrong format string, and recognises our other files', () => {
    expect(refusal(JSON.stringify({ ...receipt, format: 'ssj-draw-receipt/2' })).message).toBe(
      '凭证文件 r.json 的 format 为“ssj-draw-receipt/2”，不受支持，应为“ssj-draw-receipt/1”',
    );
    expect(refusal(serialiseSnapshot(snapshot)).message).toBe('凭证文件 r.json 是抽取快照文件，不是抽取凭证；请检查文件的顺序');
  });

  it('lists every malformed field at once', () => {
    const e = refusal(
      JSON.stringify({
        ...receipt,
        snapshotHash: receipt.snapshotHash.toUpperCase(),
        committedAt: '2026-03-01 10:00',
        seedValues: [{ sourceId: 'drand', value: { hex: 'ab' }, availableAt: '2026-03-02T10:00:00+08:00' }, 'x'],
      }),
    );
    expect(e.details).toEqual({
      problems: [
        '字段 snapshotHash 应为 64 位小写十六进制的 SHA-256 摘要',
        '字段 committedAt 应为带时区的 ISO 8601 时间（如 2026-03-26T21:15:00+08:00）',
        'seedValues[0].value 应为数字列表（彩票开奖号码）或十六进制串（随机信标、工作人员密钥）',
        'seedValues[1] 应为 {sourceId, value, availableAt} 对象',
      ],
    });
    expect(refusal('[1,2]').message).toBe('凭证文件 r.json 应为一个 JSON 对象');
  });
});

describe('readReceiptFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ssj-receipt-spec-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads plain and gzip receipts alike', async () => {
    await writeFile(join(dir, 'r.json'), text);
    await writeFile(join(dir, 'r.json.gz'), gzipSync(text));
    expect(await readReceiptFile({ path: join(dir, 'r.json'), name: 'r.json' })).toEqual(receipt);
    expect(await readReceiptFile({ path: join(dir, 'r.json.gz'), name: 'r.json.gz' })).toEqual(receipt);
  });

  it('refuses a file far too big to be a receipt without reading it as one', async () => {
    await writeFile(join(dir, 'big.json'), Buffer.alloc(MAX_RECEIPT_BYTES + 1, 0x20));
    await writeFile(join(dir, 'big.json.gz'), gzipSync(Buffer.alloc(MAX_RECEIPT_BYTES + 1, 0x20)));
    for (const name of ['big.json', 'big.json.gz']) {
      await expect(readReceiptFile({ path: join(dir, name), name })).rejects.toMatchObject({
        code: 'UNSUPPORTED_FILE',
        message: expect.stringContaining('过大'),
      });
    }
  });

  it('refuses text that is not UTF-8', async () => {
    await writeFile(join(dir, 'gbk.json'), Buffer.from([0x7b, 0xd5, 0xfe, 0x7d]));
    await expect(readReceiptFile({ path: join(dir, 'gbk.json'), name: 'gbk.json' })).rejects.toMatchObject({
      message: '凭证文件 gbk.json 不是 UTF-8 编码的文本文件',
    });
  });
});
