import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DomainError } from '../common/domain-error';
import { hashResult, serialiseSnapshot } from '../draw';
import { publishedDraw, receiptText, writeDrawFiles, type DrawFiles } from './testing';
import { verifyFiles, type VerificationReport } from './verify-files';

const draw = publishedDraw();
let dir: string;
let files: DrawFiles;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ssj-verify-spec-'));
  files = await writeDrawFiles(dir, draw);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const f = (path: string) => ({ path, name: path.slice(dir.length + 1) });
const verify = (receipt: string, snapshot: string, result?: string): Promise<VerificationReport> =>
  verifyFiles({ receipt: f(receipt), snapshot: f(snapshot), ...(result ? { result: f(result) } : {}) });
async function write(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}
async function domainError(p: Promise<unknown>): Promise<DomainError> {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(e)}`);
  return e;
}

describe('verifyFiles', () => {
  const expected: VerificationReport = {
    match: true,
    taskCode: draw.snapshot.task.code,
    snapshotHash: draw.receipt.snapshotHash,
    seed: draw.receipt.seed,
    resultHash: hashResult(draw.result),
    inspections: draw.result.inspections.length,
    unstaffed: draw.result.unstaffed.length,
  };

  it('matches a genuine draw, with the counts of the recomputed result', async () => {
    expect(draw.result.inspections.length).toBeGreaterThan(5);
    expect(await verify(files.receipt, files.snapshot)).toEqual(expected);
  });

  it('gives the same answer for the gzip snapshot and with the published result, plain or gzip', async () => {
    expect(await verify(files.receipt, files.snapshotGz)).toEqual(expected);
    expect(await verify(files.receipt, files.snapshot, files.result)).toEqual(expected);
    expect(await verify(files.receipt, files.snapshotGz, files.resultGz)).toEqual(expected);
  });

  it('reads snapshots with CRLF line ends and a byte-order mark (a file saved on Windows)', async () => {
    const text = await readFile(files.snapshot, 'utf8');
    const path = await write('snapshot-crlf.txt', `\uFEFF${text.replace(/\n/g, '\r\n')}`);
    expect(await verify(files.receipt, path)).toEqual(expected);
  });

  it('catches a snapshot in which one enterprise’s credit tier was changed', async () => {
    const e = draw.snapshot.enterprises[7];
    const tampered = { ...draw.snapshot, enterprises: draw.snapshot.enterprises.map((x) => (x === e ? { ...x, tier: 'A' as const } : x)) };
    expect(e.tier).not.toBe('A');
    const plain = await write('tampered.txt', serialiseSnapshot(tampered));
    const gz = await write('tampered.txt.gz', gzipSync(serialiseSnapshot(tampered)));
    for (const path of [plain, gz]) {
      const v = await verify(files.receipt, path);
      expect(v).toMatchObject({
        match: false,
        difference: { step: 'snapshotHash', claimed: draw.receipt.snapshotHash, message: '快照内容与提交时公布的摘要不符' },
      });
      expect(v.match === false && v.difference.recomputed).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('catches a receipt whose seed does not follow from the published seed values', async () => {
    const path = await write('receipt-seed.json', receiptText({ ...draw.receipt, seed: 'f'.repeat(64) }));
    expect(await verify(path, files.snapshot)).toEqual({
      match: false,
      difference: {
        step: 'seed',
        claimed: 'f'.repeat(64),
        recomputed: draw.receipt.seed,
        message: '由公布的种子来源计算出的种子与凭证不符',
      },
    });
  });

  it('catches a seed value that existed before the commitment', async () => {
    const early = { ...draw.receipt, seedValues: draw.receipt.seedValues.map((v) => ({ ...v, availableAt: '2026-02-01T00:00:00+08:00' })) };
    const path = await write('receipt-early.json', receiptText(early));
    expect(await verify(path, files.snapshot)).toMatchObject({
      match: false,
      difference: { step: 'seed', message: expect.stringContaining('快照提交之前') },
    });
  });

  it('catches a receipt whose result hash is not that of the recomputed draw', async () => {
    const path = await write('receipt-result.json', receiptText({ ...draw.receipt, resultHash: '0'.repeat(64) }));
    expect(await verify(path, files.snapshot)).toMatchObject({
      match: false,
      difference: { step: 'resultHash', claimed: '0'.repeat(64), recomputed: expected.resultHash },
    });
  });

  it('names the first line of a published result that differs', async () => {
    const lines = (await readFile(files.result, 'utf8')).split('\n');
    lines[2] = lines[2].replace(/"team":\["ZF\d+"/, '"team":["ZF9999"');
    const path = await write('result-edited.txt', lines.join('\n'));
    expect(await verify(files.receipt, files.snapshot, path)).toMatchObject({
      match: false,
      difference: { step: 'resultLine', line: 3, claimed: lines[2] },
    });
  });

  it('says when the receipt belongs to another task', async () => {
    const other = publishedDraw('淮应急抽查〔2026〕4号');
    const path = await write('receipt-other.json', receiptText(other.receipt));
    expect(await verify(path, files.snapshot)).toMatchObject({ match: false, difference: { step: 'taskCode' } });
  });

  it('refuses a truncated gzip download as a broken file, not a mismatch', async () => {
    const gz = await readFile(files.snapshotGz);
    const path = await write('cut.txt.gz', gz.subarray(0, gz.length - 20));
    const e = await domainError(verify(files.receipt, path));
    expect(e.code).toBe('UNSUPPORTED_FILE');
    expect(e.message).toContain('不是完整有效的 gzip 文件');
  });

  it('refuses a snapshot with fewer lines than its header declares', async () => {
    const text = await readFile(files.snapshot, 'utf8');
    const path = await write('short.txt', text.split('\n').slice(0, 20).join('\n'));
    const e = await domainError(verify(files.receipt, path));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.message).toMatch(/首行声明共 \d+ 行，文件实际有 20 行（文件可能不完整/);
  });

  it('says so when the files are given in the wrong order', async () => {
    expect((await domainError(verify(files.receipt, files.receipt))).message).toBe(
      '快照文件 receipt.json 是抽取凭证文件，不是快照文件；请检查文件的顺序',
    );
    expect((await domainError(verify(files.snapshot, files.snapshot))).message).toContain('是抽取快照文件，不是抽取凭证');
    expect((await domainError(verify(files.receipt, files.snapshot, files.receipt))).message).toContain('是抽取凭证文件，不是结果文件');
  });

  it('answers rows of the wrong shape as bad input, not as a crash', async () => {
    const lines = (await readFile(files.snapshot, 'utf8')).split('\n');
    lines[1] = lines[1].replace('"drawnThisYear":{}', '"drawnThisYear":null');
    const path = await write('null-row.txt', lines.join('\n'));
    const e = await domainError(verify(files.receipt, path));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.message).toContain('快照文件内容不符合规范');
  });

  it('names the file that is missing or is not text', async () => {
    expect((await domainError(verify(files.receipt, join(dir, 'nowhere.txt')))).message).toBe('找不到快照文件：nowhere.txt');
    const zip = await write('snapshot.zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
    const e = await domainError(verify(files.receipt, zip));
    expect(e.code).toBe('UNSUPPORTED_FILE');
    expect(e.message).toContain('是ZIP 压缩包');
  });
});
