import { compareUtf16 } from './canonical-json';
import { DrawInputError } from './errors';
import { accidentCutoff, stratumRatioBp, stratumRounds, TIERS } from './policy';
import type { DrawMatter, DrawSnapshot, DrawTask, IsoDate, Tier, TierPolicy } from './types';
import { validatePlanParts } from './validate';

/** Bumped whenever any rule in docs/draw-algorithm.md changes; it also keys every salt. */
export const ALGORITHM_VERSION = 'ssj-draw/1.0.0';

/** Everything but the roster, resolved once: matters by index, per-stratum ratio and rounds. */
export interface DrawPlan {
  task: DrawTask;
  policy: TierPolicy;
  /** Sorted by code; a matter's index is its position here. */
  matters: DrawMatter[];
  matterIndex: Map<string, number>;
  /** Stratum s = matterIndex × 4 + tierIndex. */
  ratioBp: Int32Array;
  rounds: Int32Array;
  accidentCutoff: IsoDate | null;
  filter: { regionPrefixes: string[]; industries: Set<string>; tiers: Set<Tier> } | null;
}

export const stratumOf = (matterIdx: number, tierIdx: number): number => matterIdx * 4 + tierIdx;

export function preparePlan(s: Omit<DrawSnapshot, 'enterprises'>): DrawPlan {
  const problems = validatePlanParts(s);
  if (problems.length > 0) throw new DrawInputError(problems);
  const matters = [...s.matters].sort((a, b) => compareUtf16(a.code, b.code));
  const ratioBp = new Int32Array(matters.length * 4);
  const rounds = new Int32Array(matters.length * 4);
  matters.forEach((m, mi) =>
    TIERS.forEach((tier, ti) => {
      ratioBp[stratumOf(mi, ti)] = stratumRatioBp(m, s.tierPolicy[tier]);
      rounds[stratumOf(mi, ti)] = stratumRounds(m, s.tierPolicy[tier]);
    }),
  );
  const f = s.task.filter;
  return {
    task: s.task,
    policy: s.tierPolicy,
    matters,
    matterIndex: new Map(matters.map((m, i) => [m.code, i])),
    ratioBp,
    rounds,
    accidentCutoff: accidentCutoff(s.tierPolicy, s.task.windowStart),
    filter:
      s.task.targeted && f ? { regionPrefixes: [...f.regionPrefixes], industries: new Set(f.industries), tiers: new Set(f.tiers) } : null,
  };
}
