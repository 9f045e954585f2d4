import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { constants, createGunzip, gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Gzips canonical lines (each with its "\n") and hashes the uncompressed bytes in the same pass,
 * letting other work run meanwhile: the event loop turns between batches of lines and the
 * compression runs on libuv's thread pool (the draw saves its inspections meanwhile).
 */
export async function gzipLines(lines: Iterable<string>): Promise<{ gz: Buffer; sha256: string }> {
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
      await yieldToEventLoop();
    }
  }
  const tail = batch.join('');
  hash.update(tail, 'utf8');
  parts.push(tail);
  const gz = await gzipAsync(Buffer.from(parts.join(''), 'utf8'), { level: constants.Z_BEST_SPEED });
  return { gz, sha256: hash.digest('hex') };
}

/** A stored file does not decompress, or its bytes do not hash to the hash published for them. */
export class StoredFileCorruptError extends Error {}

/** The lines of a gzipped canonical file, without their "\n". */
export async function gunzipLines(gz: Buffer): Promise<string[]> {
  const lines: string[] = [];
  for await (const batch of gunzipLineBatches(gz)) for (const line of batch) lines.push(line);
  return lines;
}

const NEWLINE = 0x0a;

/**
 * The lines of a gzipped file (without their "\n"), in batches as it is decompressed, so that
 * neither the file's text nor all its lines are ever in memory at once. `onBytes` sees every
 * decompressed byte in order (to hash them). Bytes that do not decompress: StoredFileCorruptError.
 */
export async function* gunzipLineBatches(gz: Buffer | AsyncIterable<Buffer>, onBytes?: (chunk: Buffer) => void): AsyncGenerator<string[]> {
  const stream = createGunzip({ chunkSize: 1 << 20 });
  // Bytes still arriving (read from the database in slices) are decompressed as they come; an
  // error reading them ends the stream with that error.
  if (Buffer.isBuffer(gz)) stream.end(gz);
  else pipeline(Readable.from(gz), stream).catch(() => undefined);
  let carry: Buffer | null = null;
  try {
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
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('Z_')) throw new StoredFileCorruptError(`stored file does not decompress: ${(e as Error).message}`);
    throw e;
  }
  if (carry) yield [carry.toString('utf8')];
}
