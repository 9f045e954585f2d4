import { createHash } from 'node:crypto';
import {
  type DrawEnterprise,
  type DrawResult,
  DrawInputError,
  RosterPass,
  type SnapshotPlanParts,
  SnapshotLineReader,
  preparePlan,
} from '../draw';
import { StoredFileCorruptError, gunzipLineBatches } from './gzip-lines';

/** Enterprises handed to the engine at a time: small enough to stay out of the old generation. */
const CHUNK = 10_000;

export interface StoredDraw {
  parts: SnapshotPlanParts;
  seed: string;
  result: DrawResult;
}

/**
 * Draws from a committed snapshot as it is decompressed, in one pass: the first line gives the
 * plan (and, through `seedFor`, the seed, so that bad seed values are refused before the roster
 * is read), the roster goes through the engine in chunks, the inspectors and the rest follow.
 * The same result as `runDraw` on the parsed file; memory is the engine's compact state, not
 * the roster. The bytes must hash to `sha256`, or StoredFileCorruptError, also when the file
 * breaks off or does not parse (a damaged file is reported as damaged, not as malformed).
 * `gz` may still be arriving (slices read from the database): it is decompressed as it comes.
 */
export async function drawFromStoredSnapshot(gz: Buffer | AsyncIterable<Buffer>, sha256: string, seedFor: (header: SnapshotPlanParts) => string): Promise<StoredDraw> {
  const hash = createHash('sha256');
  // Iterated by hand: a for-await loop would close the stream on an error, and the rest must still be hashed.
  const batches = gunzipLineBatches(gz, (bytes) => hash.update(bytes))[Symbol.asyncIterator]();
  const hashMatches = (): boolean => hash.digest('hex') === sha256;
  const reader = new SnapshotLineReader();
  let pass: RosterPass | null = null;
  let seed = '';
  let parts: SnapshotPlanParts;
  try {
    let chunk: DrawEnterprise[] = [];
    for (let next = await batches.next(); !next.done; next = await batches.next()) {
      for (const line of next.value) {
        const e = reader.line(line);
        if (e !== null) {
          chunk.push(e);
          if (chunk.length === CHUNK) {
            pass!.add(chunk);
            chunk = [];
          }
        } else if (pass === null) {
          const header = reader.headerParts!;
          seed = seedFor(header);
          pass = new RosterPass(preparePlan(header));
        }
      }
    }
    parts = reader.end();
    pass!.add(chunk);
  } catch (e) {
    // Malformed, or damaged? Only the hash of all the bytes tells (a damaged file throws while they are read).
    if (e instanceof DrawInputError) while (!(await batches.next()).done);
    if (e instanceof DrawInputError && !hashMatches()) throw new StoredFileCorruptError(`stored file does not hash to ${sha256}`);
    throw e;
  }
  if (!hashMatches()) throw new StoredFileCorruptError(`stored file does not hash to ${sha256}`);
  return { parts, seed, result: pass!.finish(parts, seed) };
}

/**
 * Everything of a stored snapshot but its roster, read as it is decompressed; enterprise lines
 * are counted, not parsed. For work after the draw (replacements) that needs the inspectors.
 */
export async function storedSnapshotParts(gz: Buffer): Promise<SnapshotPlanParts> {
  const reader = new SnapshotLineReader();
  for await (const lines of gunzipLineBatches(gz)) for (const line of lines) reader.line(line, true);
  return reader.end();
}
