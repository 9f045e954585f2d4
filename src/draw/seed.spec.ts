import { createHash } from 'node:crypto';
import { SeedRefusedError, type SeedRefusal } from './errors';
import { deriveSeed, sha256Hex } from './seed';
import type { SeedInputs, SeedSource } from './types';

const SNAPSHOT = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const SECRET = '5f2b9c0e7a41d3386b1e0c9d2a7f4e11';
const sources: SeedSource[] = [
  { id: 'ssq', kind: 'lottery', description: '双色球第2026030期', ordered: true, secretSha256: null },
  { id: 'pl5', kind: 'lottery', description: '排列五第26060期（按集合使用）', ordered: false, secretSha256: null },
  { id: 'drand', kind: 'beacon', description: 'drand 主网第 5000000 轮', ordered: true, secretSha256: null },
  { id: 'official-zhang', kind: 'official', description: '政策法规处张某的密钥', ordered: true, secretSha256: sha256Hex(SECRET) },
];
const inputs = (over: Partial<SeedInputs> = {}): SeedInputs => ({
  snapshotHash: SNAPSHOT,
  committedAt: '2026-03-01T10:00:00+08:00',
  values: [
    { sourceId: 'ssq', value: [3, 9, 14, 22, 27, 31, 6], availableAt: '2026-03-03T21:15:00+08:00' },
    { sourceId: 'pl5', value: [7, 0, 7, 3, 1], availableAt: '2026-03-03T20:30:00+08:00' },
    { sourceId: 'drand', value: 'ABCDEF0123456789ABCDEF0123456789', availableAt: '2026-03-02T00:00:00Z' },
    { sourceId: 'official-zhang', value: SECRET, availableAt: '2026-03-04T09:00:00+08:00' },
  ],
  ...over,
});

function refusal(f: () => unknown): SeedRefusal | null {
  try {
    f();
    return null;
  } catch (e) {
    if (e instanceof SeedRefusedError) return e.refusal;
    throw e;
  }
}

describe('deriveSeed', () => {
  it('hashes the documented text: format, snapshot hash, then sources by id', () => {
    const { seed, material } = deriveSeed(sources, inputs());
    expect(material).toBe(
      [
        'ssj-draw-seed/1',
        `snapshot:${SNAPSHOT}`,
        'drand:abcdef0123456789abcdef0123456789',
        `official-zhang:${SECRET}`,
        'pl5:0.1.3.7.7.',
        'ssq:3.9.14.22.27.31.6.',
        '',
      ].join('\n'),
    );
    expect(seed).toBe(createHash('sha256').update(material, 'utf8').digest('hex'));
  });

  it('does not depend on the order values are given in', () => {
    expect(deriveSeed(sources, inputs({ values: [...inputs().values].reverse() })).seed).toBe(deriveSeed(sources, inputs()).seed);
  });

  it('binds the seed to the snapshot', () => {
    expect(deriveSeed(sources, inputs({ snapshotHash: 'f'.repeat(64) })).seed).not.toBe(deriveSeed(sources, inputs()).seed);
  });

  it('refuses a value that existed at or before the commitment, comparing instants across offsets', () => {
    const at = (availableAt: string) =>
      inputs({ values: inputs().values.map((v) => (v.sourceId === 'drand' ? { ...v, availableAt } : v)) });
    expect(refusal(() => deriveSeed(sources, at('2026-03-01T02:00:00Z')))).toBe('SEED_VALUE_BEFORE_COMMITMENT'); // = 10:00 +08:00
    expect(refusal(() => deriveSeed(sources, at('2026-03-01T09:59:59+08:00')))).toBe('SEED_VALUE_BEFORE_COMMITMENT');
    expect(refusal(() => deriveSeed(sources, at('2026-03-01T02:00:01Z')))).toBeNull();
  });

  it('refuses missing, undeclared and duplicated values', () => {
    const values = inputs().values;
    expect(refusal(() => deriveSeed(sources, inputs({ values: values.slice(1) })))).toBe('SEED_VALUE_MISSING');
    expect(
      refusal(() =>
        deriveSeed(
          sources,
          inputs({ values: [...values, { sourceId: 'extra', value: 'ab'.repeat(16), availableAt: '2026-03-05T00:00:00Z' }] }),
        ),
      ),
    ).toBe('SEED_VALUE_UNDECLARED');
    expect(refusal(() => deriveSeed(sources, inputs({ values: [...values, values[0]] })))).toBe('SEED_VALUE_DUPLICATED');
    expect(refusal(() => deriveSeed([], inputs({ values: [] })))).toBe('NO_SEED_SOURCES');
  });

  it('refuses a revealed secret that does not match its committed digest', () => {
    const values = inputs().values.map((v) => (v.sourceId === 'official-zhang' ? { ...v, value: SECRET.replace('5', '6') } : v));
    expect(refusal(() => deriveSeed(sources, inputs({ values })))).toBe('SEED_SECRET_MISMATCH');
  });

  it('refuses malformed values and timestamps', () => {
    const swap = (id: string, value: number[] | string) =>
      inputs({ values: inputs().values.map((v) => (v.sourceId === id ? { ...v, value } : v)) });
    expect(refusal(() => deriveSeed(sources, swap('ssq', [])))).toBe('SEED_VALUE_MALFORMED');
    expect(refusal(() => deriveSeed(sources, swap('ssq', [1.5])))).toBe('SEED_VALUE_MALFORMED');
    expect(refusal(() => deriveSeed(sources, swap('drand', 'abc')))).toBe('SEED_VALUE_MALFORMED');
    expect(refusal(() => deriveSeed(sources, swap('official-zhang', 'short')))).toBe('SEED_VALUE_MALFORMED');
    expect(refusal(() => deriveSeed(sources, inputs({ committedAt: '2026-03-01 10:00' })))).toBe('SEED_TIMESTAMP_INVALID');
    expect(refusal(() => deriveSeed(sources, inputs({ committedAt: '2026-03-01T10:00:00' })))).toBe('SEED_TIMESTAMP_INVALID');
    // Dates that do not exist are refused rather than rolled over into the next month.
    expect(refusal(() => deriveSeed(sources, inputs({ committedAt: '2026-02-30T10:00:00+08:00' })))).toBe('SEED_TIMESTAMP_INVALID');
    expect(refusal(() => deriveSeed(sources, inputs({ committedAt: '2026-04-31T10:00:00Z' })))).toBe('SEED_TIMESTAMP_INVALID');
    expect(refusal(() => deriveSeed(sources, inputs({ committedAt: '2026-03-01T10:00:60+08:00' })))).toBe('SEED_TIMESTAMP_INVALID');
    expect(refusal(() => deriveSeed(sources, inputs({ snapshotHash: 'xyz' })))).toBe('SNAPSHOT_HASH_INVALID');
  });

  it('explains a refusal in Chinese', () => {
    expect(() => deriveSeed(sources, inputs({ values: inputs().values.slice(1) }))).toThrow(/尚无取值，不能抽取/);
  });
});
