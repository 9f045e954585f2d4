import type { EnterpriseStatus } from '../enterprises/enterprise-status';
import { stratumOf, type DrawPlan } from './plan';
import { effectiveTier, TIER_INDEX, TIERS } from './policy';
import type { DrawEnterprise, ExclusionReason, Tier } from './types';

/** Reason codes by number; 0 means eligible. */
export const REASON_BY_CODE: readonly (ExclusionReason | null)[] = [
  null,
  'status_cancelled',
  'status_revoked',
  'status_closed',
  'status_moved_out',
  'outside_target_scope',
  'observation_period',
  'observation_period_targeted',
  'rounds_exhausted',
];
const CODE = Object.fromEntries(REASON_BY_CODE.map((r, i) => [r, i])) as Record<ExclusionReason, number>;

const STATUS_CODES: Partial<Record<EnterpriseStatus, number>> = {
  cancelled: CODE.status_cancelled,
  revoked: CODE.status_revoked,
  closed: CODE.status_closed,
  moved_out: CODE.status_moved_out,
};

/** Reused across enterprises so the roster pass allocates nothing per row. */
export interface Verdicts {
  count: number;
  tier: number;
  matters: Int32Array;
  strata: Int32Array;
  reasons: Uint8Array;
}

export const verdictsFor = (plan: DrawPlan): Verdicts => {
  const n = plan.matters.length;
  return { count: 0, tier: 0, matters: new Int32Array(n), strata: new Int32Array(n), reasons: new Uint8Array(n) };
};

function inScope(plan: DrawPlan, e: DrawEnterprise, tier: Tier): boolean {
  const f = plan.filter;
  if (f === null) return true;
  if (f.regionPrefixes.length > 0 && !f.regionPrefixes.some((p) => e.region.startsWith(p))) return false;
  if (f.industries.size > 0 && !f.industries.has(e.industry)) return false;
  return f.tiers.size === 0 || f.tiers.has(tier);
}

/** A new-economy enterprise whose period (open where null) overlaps the round's window. */
function inObservation(plan: DrawPlan, e: DrawEnterprise): boolean {
  if (!e.newEconomy) return false;
  return (
    (e.observationStart === null || e.observationStart <= plan.task.windowEnd) &&
    (e.observationEnd === null || e.observationEnd >= plan.task.windowStart)
  );
}

function drawnBefore(e: DrawEnterprise, code: string): number {
  const d = e.drawnThisYear;
  return d !== undefined && Object.hasOwn(d, code) ? d[code] : 0;
}

/**
 * Fills `out` with a verdict for every task matter the enterprise is subject to, in
 * matter-code order. Reasons are checked in a fixed order: status, target scope,
 * observation period, rounds; the first that applies is the one recorded.
 */
export function classify(plan: DrawPlan, e: DrawEnterprise, out: Verdicts): number {
  let count = 0;
  for (const code of e.matters) {
    const mi = plan.matterIndex.get(code);
    if (mi === undefined) continue;
    let j = count;
    let seen = false;
    for (let k = 0; k < count; k++) if (out.matters[k] === mi) seen = true;
    if (seen) continue;
    while (j > 0 && out.matters[j - 1] > mi) {
      out.matters[j] = out.matters[j - 1];
      j--;
    }
    out.matters[j] = mi;
    count++;
  }
  out.count = count;
  if (count === 0) return 0;
  const tier = effectiveTier(e, plan.policy, plan.accidentCutoff);
  const ti = TIER_INDEX[tier];
  out.tier = ti;
  const status = STATUS_CODES[e.status] ?? 0;
  const scoped = inScope(plan, e, tier);
  const shielded = inObservation(plan, e) && (e.triggers === undefined || e.triggers.length === 0);
  for (let k = 0; k < count; k++) {
    const mi = out.matters[k];
    const stratum = stratumOf(mi, ti);
    const m = plan.matters[mi];
    let reason = status;
    if (reason === 0 && !scoped) reason = CODE.outside_target_scope;
    // 不扩大抽查范围, but the safety floor (key supervision, high risk) holds in ordinary draws.
    if (reason === 0 && shielded) {
      if (plan.task.targeted) reason = CODE.observation_period_targeted;
      else if (!m.keySupervision && !m.highRisk) reason = CODE.observation_period;
    }
    if (reason === 0 && drawnBefore(e, m.code) >= plan.rounds[stratum]) reason = CODE.rounds_exhausted;
    out.strata[k] = stratum;
    out.reasons[k] = reason;
  }
  return count;
}

/** One (enterprise, matter) pair of the task: eligible (reason null) or excluded with its reason. */
export interface PairVerdict {
  matter: string;
  tier: Tier;
  reason: ExclusionReason | null;
}

/** The verdicts for one enterprise, e.g. to explain to it why it was or was not in the draw. */
export function assessEnterprise(plan: DrawPlan, e: DrawEnterprise): PairVerdict[] {
  const v = verdictsFor(plan);
  const n = classify(plan, e, v);
  return Array.from({ length: n }, (_, k) => ({
    matter: plan.matters[v.matters[k]].code,
    tier: TIERS[v.tier],
    reason: REASON_BY_CODE[v.reasons[k]],
  }));
}
