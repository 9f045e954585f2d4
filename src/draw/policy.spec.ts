import { accidentCutoff, DEFAULT_TIER_POLICY, effectiveTier, sampleSize, stratumRatioBp, stratumRounds } from './policy';
import { enterprise, matter } from './testing';

describe('tier policy defaults', () => {
  const m = matter('M01', { baseRatioBp: 2000, roundsPerYear: 1 });

  it('lowers the ratio for A, keeps the base for B, raises it for C and most for D', () => {
    expect(['A', 'B', 'C', 'D'].map((t) => stratumRatioBp(m, DEFAULT_TIER_POLICY[t as 'A']))).toEqual([1000, 2000, 3000, 6000]);
  });

  it('caps a multiplied ratio at 100% and keeps key supervision at 100% for every tier', () => {
    expect(stratumRatioBp(matter('M', { baseRatioBp: 5000 }), DEFAULT_TIER_POLICY.D)).toBe(10000);
    const key = matter('M02', { baseRatioBp: 10000, keySupervision: true });
    expect(stratumRatioBp(key, DEFAULT_TIER_POLICY.A)).toBe(10000);
    expect(stratumRatioBp({ ...key, baseRatioBp: 2000 }, DEFAULT_TIER_POLICY.A)).toBe(10000);
  });

  it('rounds multiplied ratios up to a whole basis point', () => {
    expect(stratumRatioBp(matter('M', { baseRatioBp: 333 }), DEFAULT_TIER_POLICY.A)).toBe(167);
    expect(
      stratumRatioBp(matter('M', { baseRatioBp: 2000 }), { ratio: { kind: 'fixed', bp: 500 }, rounds: { kind: 'fixed', perYear: 1 } }),
    ).toBe(500);
  });

  it('gives A fewer rounds (never below one), C and D more; key supervision never fewer than the matter', () => {
    const twice = matter('M', { roundsPerYear: 2 });
    expect(['A', 'B', 'C', 'D'].map((t) => stratumRounds(twice, DEFAULT_TIER_POLICY[t as 'A']))).toEqual([1, 2, 3, 4]);
    expect(stratumRounds(m, DEFAULT_TIER_POLICY.A)).toBe(1);
    expect(stratumRounds({ ...twice, keySupervision: true }, DEFAULT_TIER_POLICY.A)).toBe(2);
  });
});

describe('sampleSize', () => {
  it('is the exact ceiling of eligible × ratio', () => {
    expect(sampleSize(10, 2000)).toBe(2);
    expect(sampleSize(11, 2000)).toBe(3);
    expect(sampleSize(7, 2000)).toBe(2);
    expect(sampleSize(1, 1)).toBe(1);
    expect(sampleSize(0, 10000)).toBe(0);
    expect(sampleSize(5, 0)).toBe(0);
    expect(sampleSize(123457, 10000)).toBe(123457);
    expect(sampleSize(1_000_000, 333)).toBe(33300);
    expect(sampleSize(1_000_001, 333)).toBe(33301);
  });
});

describe('effective tier', () => {
  const cutoff = accidentCutoff(DEFAULT_TIER_POLICY, '2026-04-01');

  it('counts accidents on or after windowStart minus the lookback years', () => {
    expect(cutoff).toBe('2023-04-01');
    expect(effectiveTier(enterprise(1, { tier: 'A', lastAccidentOn: '2023-04-01' }), DEFAULT_TIER_POLICY, cutoff)).toBe('D');
    expect(effectiveTier(enterprise(1, { tier: 'A', lastAccidentOn: '2023-03-31' }), DEFAULT_TIER_POLICY, cutoff)).toBe('A');
  });

  it('never lowers a tier and can be switched off', () => {
    expect(
      effectiveTier(enterprise(1, { tier: 'D', lastAccidentOn: '2025-01-01' }), { ...DEFAULT_TIER_POLICY, accidentTier: 'C' }, cutoff),
    ).toBe('D');
    expect(accidentCutoff({ ...DEFAULT_TIER_POLICY, accidentLookbackYears: 0 }, '2026-04-01')).toBeNull();
  });
});
