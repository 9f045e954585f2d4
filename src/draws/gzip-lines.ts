import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { constants, createGunzip, gunzip, gzipSync } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

/** Gzips canonical lines (each with its "\n") and hashes the uncompressed bytes in the same pass. */
export function gzipLines(lines: Iterable<string>): { gz: Buffer; sha256: string } {
  const hash = createHash('sha256');
  const parts: string[] = [];
  let batch: string[] = [];
  for (const line of lines) {
    batch.push(line);
    if (batch.length === 8192) {
      const text = batch.join('');
      hash.update(text, 'utf8');
      parts.push(text);
      batch = [];
    }
  }
  const tail = batch.join('');
  hash.update(tail, 'utf8');
  parts.push(tail);
  const gz = gzipSync(Buffer.from(parts.join(''), 'utf8'), { level: constants.Z_BEST_SPEED });
  return { gz, sha256: hash.digest('hex') };
}

/** The stored file's bytes do not hash to the hash that was published for them. */
export class StoredFileCorruptError extends Error {}

/**
 * The lines of a gzipped canonical file, without their "\n". With `expectedSha256`, the
 * uncompressed bytes must hash to it first (the stored snapshot is re-checked before a draw).
 */
export async function gunzipLines(gz: Buffer, expectedSha256?: string): Promise<string[]> {
  const bytes = await gunzipAsync(gz);
  if (expectedSha256 !== undefined && createHash('sha256').update(bytes).digest('hex') !== expectedSha256) {
    throw new StoredFileCorruptError(`stored file does not hash to ${expectedSha256}`);
  }
  const lines = bytes.toString('utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const NEWLINE = 0x0a;

/**
 * The lines of a gzipped file (without their "\n"), in batches as it is decompressed, so that
 * neither the file's text nor all its lines are ever in memory at once. `onBytes` sees every
 * decompressed byte in order (to hash them).
 */
export async function* gunzipLineBatches(gz: Buffer, onBytes?: (chunk: Buffer) => void): AsyncGenerator<string[]> {
  const stream = createGunzip({ chunkSize: 1 << 20 });
  stream.end(gz);
  let carry: Buffer | null = null;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    onBytes?.(chunk);
    const end = chunk.lastIndexOf(NEWLINE);
    if (end < 0) {
      carry = carry ? Buffer.concat([carry, chunk]) : chunk;
      continue;
    }
    const head = carry ? Buffer.concat([carry, chunk.subarray(0, end)]) : chunk.subarray(0, end);
    carry = end + 1 < chunk.length ? chunk.subarray(end + 1) : null;
    yield head.toString('utf8').split('\n');
  }
  if (carry) yield [carry.toString('utf8')];
}
