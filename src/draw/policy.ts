import type { DrawEnterprise, DrawMatter, IsoDate, Tier, TierPolicy, TierRule } from './types';

export const TIERS: readonly Tier[] = ['A', 'B', 'C', 'D'];
export const TIER_INDEX: Record<Tier, number> = { A: 0, B: 1, C: 2, D: 3 };

/**
 * Defaults in the spirit of seed 004 (信用分级监管): good credit and low risk, a lower ratio
 * and frequency; ordinary, the matter's own; dishonest, high risk or a recent accident, more
 * of both. Published with the plan; an office may change them before committing a task.
 */
export const DEFAULT_TIER_POLICY: TierPolicy = {
  A: { ratio: { kind: 'multiplier', percent: 50 }, rounds: { kind: 'relative', delta: -1 } },
  B: { ratio: { kind: 'multiplier', percent: 100 }, rounds: { kind: 'relative', delta: 0 } },
  C: { ratio: { kind: 'multiplier', percent: 150 }, rounds: { kind: 'relative', delta: 1 } },
  D: { ratio: { kind: 'multiplier', percent: 300 }, rounds: { kind: 'relative', delta: 2 } },
  accidentTier: 'D',
  accidentLookbackYears: 3,
};

/** The tier's ratio for a matter in basis points; key supervision is always 100%. */
export function stratumRatioBp(matter: DrawMatter, rule: TierRule): number {
  if (matter.keySupervision) return 10000;
  const r = rule.ratio;
  // Integer arithmetic keeps the result exact: ceil(base × percent / 100), capped.
  const bp = r.kind === 'fixed' ? r.bp : Math.ceil((matter.baseRatioBp * r.percent) / 100);
  return Math.min(10000, bp);
}

/** Draws per year the tier allows for a matter; key supervision never goes below the matter's own. */
export function stratumRounds(matter: DrawMatter, rule: TierRule): number {
  const r = rule.rounds;
  const rounds = r.kind === 'fixed' ? r.perYear : Math.max(1, matter.roundsPerYear + r.delta);
  return matter.keySupervision ? Math.max(rounds, matter.roundsPerYear) : rounds;
}

/** ceil(eligible × ratioBp / 10000), exactly (eligible × 10000 stays far below 2^53). */
export function sampleSize(eligible: number, ratioBp: number): number {
  return Math.floor((eligible * ratioBp + 9999) / 10000);
}

/** First day counted by the accident rule: windowStart moved back whole years, as text. */
export function accidentCutoff(policy: TierPolicy, windowStart: IsoDate): IsoDate | null {
  if (policy.accidentLookbackYears <= 0) return null;
  const year = Number(windowStart.slice(0, 4)) - policy.accidentLookbackYears;
  return `${String(year).padStart(4, '0')}${windowStart.slice(4)}`;
}

/** The stratum: the recorded tier, raised to the accident tier after a recent accident. */
export function effectiveTier(e: DrawEnterprise, policy: TierPolicy, cutoff: IsoDate | null): Tier {
  if (cutoff !== null && e.lastAccidentOn !== null && e.lastAccidentOn >= cutoff && TIER_INDEX[policy.accidentTier] > TIER_INDEX[e.tier]) {
    return policy.accidentTier;
  }
  return e.tier;
}
