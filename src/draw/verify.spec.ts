import { runDraw } from './draw';
import { ALGORITHM_VERSION } from './plan';
import { resultLines } from './result';
import { deriveSeed } from './seed';
import { hashSnapshot, parseSnapshotLines, serialiseSnapshot } from './serialise';
import { enterprise, inspector, matter, seedInputs, snapshot } from './testing';
import type { DrawSnapshot } from './types';
import { makeReceipt, verifyDraw } from './verify';

// plan → commit → seed → draw → receipt → verify, on a roster with something to choose.
const s: DrawSnapshot = snapshot({
  matters: [matter('M01'), matter('M02', { baseRatioBp: 10000, keySupervision: true })],
  enterprises: Array.from({ length: 40 }, (_, i) =>
    enterprise(i, { tier: (['A', 'B', 'C', 'D'] as const)[i % 4], matters: i % 5 === 0 ? ['M01', 'M02'] : ['M01'] }),
  ),
  inspectors: Array.from({ length: 8 }, (_, i) => inspector(i)),
});
const snapshotHash = hashSnapshot(s);
const inputs = seedInputs(snapshotHash);
const { seed } = deriveSeed(s.seedSources, inputs);
const result = runDraw(s, seed);
const receipt = makeReceipt(s, inputs, result);

describe('verifyDraw', () => {
  it('matches a genuine draw, also from the published snapshot file', () => {
    expect(receipt).toMatchObject({ format: 'ssj-draw-receipt/1', algorithm: ALGORITHM_VERSION, snapshotHash, seed });
    expect(verifyDraw(receipt, s)).toEqual({ match: true, resultHash: receipt.resultHash, result });
    const fromFile = parseSnapshotLines(serialiseSnapshot(s).split('\n').slice(0, -1));
    expect(verifyDraw(receipt, fromFile, resultLines(result))).toEqual({ match: true, resultHash: receipt.resultHash, result });
  });

  it('catches a tampered snapshot', () => {
    const tampered = { ...s, enterprises: s.enterprises.map((e, i) => (i === 7 ? { ...e, tier: 'A' as const } : e)) };
    const v = verifyDraw(receipt, tampered);
    expect(v).toMatchObject({
      match: false,
      difference: { step: 'snapshotHash', claimed: snapshotHash, message: '快照内容与提交时公布的摘要不符' },
    });
  });

  it('answers a malformed snapshot with a mismatch, not an exception', () => {
    const broken = { ...s, enterprises: [...s.enterprises, s.enterprises[0]] };
    expect(verifyDraw(receipt, broken)).toMatchObject({
      match: false,
      difference: { step: 'snapshotHash', message: expect.stringContaining('重复') },
    });
  });

  it('catches a seed that does not follow from the published values', () => {
    expect(verifyDraw({ ...receipt, seed: 'f'.repeat(64) }, s)).toMatchObject({
      match: false,
      difference: { step: 'seed', recomputed: seed },
    });
    const early = { ...receipt, seedValues: receipt.seedValues.map((v) => ({ ...v, availableAt: '2026-02-01T00:00:00+08:00' })) };
    expect(verifyDraw(early, s)).toMatchObject({
      match: false,
      difference: { step: 'seed', message: expect.stringContaining('快照提交之前') },
    });
  });

  it('catches a tampered result hash', () => {
    expect(verifyDraw({ ...receipt, resultHash: '0'.repeat(64) }, s)).toMatchObject({
      match: false,
      difference: { step: 'resultHash', recomputed: receipt.resultHash },
    });
  });

  it('names the first line of a published result that differs', () => {
    const lines = [...resultLines(result)];
    const swapped = lines.map((l, i) => (i === 2 ? l.replace(/"team":\["ZF\d+"/, '"team":["ZF9999"') : l));
    const v = verifyDraw(receipt, s, swapped);
    expect(v).toMatchObject({ match: false, difference: { step: 'resultLine', line: 3, recomputed: lines[2].trimEnd() } });
  });

  it('declines a receipt made by another algorithm version', () => {
    expect(verifyDraw({ ...receipt, algorithm: 'ssj-draw/0.9.0' }, s)).toMatchObject({ match: false, difference: { step: 'algorithm' } });
  });
});
