import { createHash } from 'node:crypto';
import { createGunzip, gzipSync, constants } from 'node:zlib';
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';

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

/** The lines of a gzipped canonical file, each with its "\n". */
export async function gunzipLines(gz: Buffer): Promise<string[]> {
  const rl = createInterface({ input: Readable.from([gz]).pipe(createGunzip()), crlfDelay: Infinity });
  const lines: string[] = [];
  for await (const line of rl) lines.push(`${line}\n`);
  return lines;
}
