import { createHash } from 'node:crypto';
import { AleaKeyed } from './alea';
import { runDraw } from './draw';
import { enterprise, inspector, snapshot, uscc } from './testing';
import type { Tier } from './types';

/**
 * Fixed seeds, thousands of draws, chi-square tests at significance 0.001 (the documented
 * threshold): a fair draw fails one of these once in a thousand seed sets, and these seeds
 * are fixed, so the outcome is reproducible rather than flaky.
 *
 * Selections within one draw are not independent (exactly k of n are drawn), so the
 * statistic is corrected for sampling without replacement:
 *   X = (n − 1) / n × Σ (O_i − T·p)² / (T·v),  v = per-draw variance of one count,
 * which is chi-square with n − 1 degrees of freedom for a fair draw.
 */
const CHI2_999 = { 7: 24.322, 9: 27.877, 19: 43.82 } as const;
const DRAWS = 3000;
const seedOf = (t: number): string => createHash('sha256').update(`stats-${t}`).digest('hex');

function chiSquare(counts: number[], trials: number, mean: number, variance: number): number {
  const n = counts.length;
  return ((n - 1) / n) * counts.reduce((x, o) => x + (o - trials * mean) ** 2 / (trials * variance), 0);
}

describe('statistics of the draw (fixed seeds)', () => {
  // 10 enterprises per tier on a 20% matter: A 10% (1 of 10), B 20% (2), C 30% (3).
  const tiers: Tier[] = ['A', 'B', 'C'];
  const roster = tiers.flatMap((tier, ti) => Array.from({ length: 10 }, (_, i) => enterprise(ti * 10 + i, { tier })));
  const s = snapshot({ enterprises: roster, inspectors: Array.from({ length: 8 }, (_, i) => inspector(i)) });
  const selected = new Map<string, number>();
  const loads = new Map<string, number>();
  const pairs = new Map<string, number>();
  let unevenDraws = 0;
  for (let t = 0; t < DRAWS; t++) {
    const r = runDraw(s, seedOf(t));
    const perDraw = new Map<string, number>();
    for (const i of r.inspections) {
      selected.set(i.uscc, (selected.get(i.uscc) ?? 0) + 1);
      for (const c of i.team) perDraw.set(c, (perDraw.get(c) ?? 0) + 1);
      pairs.set(i.team.join('+'), (pairs.get(i.team.join('+')) ?? 0) + 1);
    }
    for (const [c, n] of perDraw) loads.set(c, (loads.get(c) ?? 0) + n);
    const values = s.inspectors.map((i) => perDraw.get(i.certNo) ?? 0);
    if (Math.max(...values) - Math.min(...values) > 1) unevenDraws++;
  }

  it.each([
    ['A', 0, 0.1],
    ['B', 1, 0.2],
    ['C', 2, 0.3],
  ] as const)('selects each %s-tier enterprise at its ratio', (_tier, ti, p) => {
    const counts = Array.from({ length: 10 }, (_, i) => selected.get(uscc(ti * 10 + i)) ?? 0);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(Math.round(DRAWS * p * 10)); // exact sample sizes
    expect(chiSquare(counts, DRAWS, p, p * (1 - p))).toBeLessThan(CHI2_999[9]);
  });

  it('keeps loads even within every draw and spreads them evenly across draws', () => {
    // 6 inspections × 2 = 12 slots over 8 inspectors: four carry 2, four carry 1 (mean 1.5, variance 0.25).
    expect(unevenDraws).toBe(0);
    const counts = s.inspectors.map((i) => loads.get(i.certNo) ?? 0);
    expect(chiSquare(counts, DRAWS, 1.5, 0.25)).toBeLessThan(CHI2_999[7]);
  });

  it('pairs inspectors at random: every one of the 28 couples occurs, none dominates', () => {
    expect(pairs.size).toBe(28);
    const mean = (DRAWS * 6) / 28;
    for (const n of pairs.values()) expect(Math.abs(n - mean)).toBeLessThan(mean * 0.25);
  });

  it('gives ranks uniform on [0, 1)', () => {
    const rank = new AleaKeyed('0123456789abcdef');
    const bins = new Array<number>(20).fill(0);
    const n = 20000;
    for (let i = 0; i < n; i++) bins[Math.floor(rank.double(uscc(i)) * 20)]++;
    // Independent draws: the plain multinomial statistic, 19 degrees of freedom.
    const x = bins.reduce((a, o) => a + (o - n / 20) ** 2 / (n / 20), 0);
    expect(x).toBeLessThan(CHI2_999[19]);
  });
});
