import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { canonicalJson } from './canonical-json';
import { runDraw } from './draw';
import { serialiseResult, hashResult } from './result';
import { deriveSeed } from './seed';
import { hashSnapshot, serialiseSnapshot } from './serialise';
import { goldenSeedInputs, goldenSnapshot } from './testing';
import { makeReceipt } from './verify';

/**
 * The worked example of docs/draw-algorithm.md §12, byte for byte. A change that alters any
 * of these values changes the algorithm: bump ALGORITHM_VERSION and regenerate the example.
 */
const doc = readFileSync(join(process.cwd(), 'docs', 'draw-algorithm.md'), 'utf8');
const blocks = new Map([...doc.matchAll(/```text golden:([\w-]+)\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]]));
const values = new Map([...doc.matchAll(/golden:([\w-]+) ([0-9a-f]{64})/g)].map((m) => [m[1], m[2]]));

describe('worked example of docs/draw-algorithm.md', () => {
  const s = goldenSnapshot();
  const inputs = goldenSeedInputs(hashSnapshot(s));
  const { seed, material } = deriveSeed(s.seedSources, inputs);
  const result = runDraw(s, seed);

  it('has the documented canonical snapshot and hash', () => {
    expect(serialiseSnapshot(s)).toBe(blocks.get('snapshot'));
    expect(hashSnapshot(s)).toBe(values.get('snapshot-hash'));
  });

  it('has the documented seed material and seed', () => {
    expect(material).toBe(blocks.get('material'));
    expect(seed).toBe(values.get('seed'));
  });

  it('has the documented result, result hash and receipt', () => {
    expect(serialiseResult(result)).toBe(blocks.get('result'));
    expect(hashResult(result)).toBe(values.get('result-hash'));
    expect(`${canonicalJson(JSON.parse(JSON.stringify(makeReceipt(s, inputs, result))))}\n`).toBe(blocks.get('receipt'));
  });

  it('has the documented Alea test vector', () => {
    expect(seedrandom.alea('0123456789abcdef913208030000000014').double()).toBe(0.7312789326070475);
    expect(doc).toContain('`0.7312789326070475`');
  });
});
