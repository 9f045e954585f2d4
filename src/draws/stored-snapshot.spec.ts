import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { DrawInputError, SeedRefusedError, deriveSeed, runDraw, serialiseSnapshot } from '../draw';
import { hashResult } from '../draw/result';
import { syntheticSnapshot } from '../draw/synthetic';
import { SEED } from '../draw/testing';
import { StoredFileCorruptError } from './gzip-lines';
import { drawFromStoredSnapshot } from './stored-snapshot';

const sha = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

// More enterprises than one chunk, so the roster reaches the engine in several pieces.
const snapshot = syntheticSnapshot({ enterprises: 23_456, inspectors: 300, seed: 'stored-snapshot' });
const text = serialiseSnapshot(snapshot);
const gz = gzipSync(Buffer.from(text, 'utf8'));

describe('drawing from the stored snapshot as it is decompressed', () => {
  it('gives exactly the draw of the whole parsed snapshot', async () => {
    const headers: string[] = [];
    const { parts, seed, result } = await drawFromStoredSnapshot(gz, sha(text), (header) => {
      headers.push(header.task.code);
      return SEED;
    });
    expect(headers).toEqual([snapshot.task.code]);
    expect(seed).toBe(SEED);
    expect(parts.inspectors).toHaveLength(300);
    expect(result.inspections.length).toBeGreaterThan(1000);
    expect(hashResult(result)).toBe(hashResult(runDraw(snapshot, SEED)));
  });

  it('gives the same draw from bytes still arriving in slices, and refuses a file whose slices break off', async () => {
    async function* slices(bytes: Buffer, size: number) {
      for (let at = 0; at < bytes.length; at += size) {
        await new Promise((resolve) => setImmediate(resolve));
        yield bytes.subarray(at, at + size);
      }
    }
    const { result } = await drawFromStoredSnapshot(slices(gz, 4096), sha(text), () => SEED);
    expect(hashResult(result)).toBe(hashResult(runDraw(snapshot, SEED)));
    await expect(drawFromStoredSnapshot(slices(gz.subarray(0, gz.length - 9000), 4096), sha(text), () => SEED)).rejects.toBeInstanceOf(StoredFileCorruptError);
  });

  it('refuses bad seed values from the first line, before reading the roster', async () => {
    let read = 0;
    const refusal = drawFromStoredSnapshot(gz, sha(text), (header) => {
      read++;
      return deriveSeed(header.seedSources, { snapshotHash: sha(text), committedAt: '2026-01-01T00:00:00.000+08:00', values: [] }).seed;
    });
    await expect(refusal).rejects.toBeInstanceOf(SeedRefusedError);
    expect(read).toBe(1);
  });

  it('reports a file whose bytes do not hash to the commitment as damaged, even when it still parses', async () => {
    const edited = text.replace('"tier":"B"', '"tier":"A"');
    expect(edited).not.toBe(text);
    await expect(drawFromStoredSnapshot(gzipSync(Buffer.from(edited)), sha(text), () => SEED)).rejects.toBeInstanceOf(StoredFileCorruptError);
  });

  it('reports a damaged file as damaged, not as malformed: broken JSON, a file cut short, bytes that do not decompress', async () => {
    const broken = text.replace('"tier":"B"', '"tier":B"');
    await expect(drawFromStoredSnapshot(gzipSync(Buffer.from(broken)), sha(text), () => SEED)).rejects.toBeInstanceOf(StoredFileCorruptError);
    await expect(drawFromStoredSnapshot(gz.subarray(0, gz.length >> 1), sha(text), () => SEED)).rejects.toBeInstanceOf(StoredFileCorruptError);
    const flipped = Buffer.from(gz);
    flipped[flipped.length >> 1] ^= 0xff;
    await expect(drawFromStoredSnapshot(flipped, sha(text), () => SEED)).rejects.toBeInstanceOf(StoredFileCorruptError);
  });

  it('refuses a file that hashes to the commitment but is not a canonical snapshot, saying what is wrong', async () => {
    const lines = text.split('\n');
    const extra = `${text}{"certNo":"X"}\n`;
    await expect(drawFromStoredSnapshot(gzipSync(Buffer.from(extra)), sha(extra), () => SEED)).rejects.toThrow(
      new DrawInputError(['快照文件在声明的行数之后还有内容']),
    );
    const short = `${lines.slice(0, 100).join('\n')}\n`;
    await expect(drawFromStoredSnapshot(gzipSync(Buffer.from(short)), sha(short), () => SEED)).rejects.toThrow(
      new DrawInputError(['快照文件不完整：缺少检查对象']),
    );
  });
});
