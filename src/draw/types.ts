import type { CreditTier, EnterpriseStatus, TriggerKind } from '../enterprises/enterprise-status';

/**
 * Plain data in and out of the draw engine. Everything a draw reads is in a DrawSnapshot,
 * which is committed (hashed) before any seed exists; see docs/draw-algorithm.md.
 */

export type Tier = CreditTier;
/** YYYY-MM-DD, a calendar date in China Standard Time. */
export type IsoDate = string;
/** ISO 8601 with an explicit offset, e.g. 2026-03-02T21:30:00+08:00. */
export type IsoTimestamp = string;

export interface TargetFilter {
  /** 行政区划代码 prefixes ("3208" matches "320803"); empty: any region. */
  regionPrefixes: string[];
  /** Exact industry names; empty: any industry. */
  industries: string[];
  /** Effective tiers (after the accident rule); empty: any tier. */
  tiers: Tier[];
}

export interface DrawTask {
  /** e.g. 淮应急抽查〔2026〕3号 */
  code: string;
  year: number;
  /** 1-based round within the year. */
  round: number;
  /** Inclusive window of the round. */
  windowStart: IsoDate;
  windowEnd: IsoDate;
  /** 定向抽查: only enterprises matching `filter`. */
  targeted: boolean;
  /** Required when targeted, null otherwise. */
  filter: TargetFilter | null;
  /** 联合抽查: matters of several lead departments, one visit. */
  joint: boolean;
  /** At least 2 (《行政处罚法》). */
  teamSize: number;
  /** Optional cap of inspections per inspector in this draw. */
  maxPerInspector: number | null;
}

export interface DrawMatter {
  code: string;
  /** 抽查比例 in basis points (2000 = 20%). */
  baseRatioBp: number;
  roundsPerYear: number;
  /** 重点监管: 100% whatever the tier policy says. */
  keySupervision: boolean;
  /** The safety floor: observation periods do not shield enterprises from it. */
  highRisk: boolean;
  leadDepartment: string;
  requiredSpeciality: string | null;
}

export type TierRatio = { kind: 'multiplier'; percent: number } | { kind: 'fixed'; bp: number };
export type TierRounds = { kind: 'relative'; delta: number } | { kind: 'fixed'; perYear: number };

export interface TierRule {
  ratio: TierRatio;
  rounds: TierRounds;
}

export interface TierPolicy {
  A: TierRule;
  B: TierRule;
  C: TierRule;
  D: TierRule;
  /** An enterprise with a production-safety accident in the lookback is drawn in this tier (if higher). */
  accidentTier: Tier;
  /** Whole years before windowStart; 0 disables the accident rule. */
  accidentLookbackYears: number;
}

export interface DrawEnterprise {
  uscc: string;
  /** 6-digit 行政区划代码 */
  region: string;
  industry: string;
  status: EnterpriseStatus;
  tier: Tier;
  newEconomy: boolean;
  /** Inclusion / observation period, inclusive; a null start or end is open. */
  observationStart: IsoDate | null;
  observationEnd: IsoDate | null;
  /** 触发式监管 triggers in force; missing = none. */
  triggers?: TriggerKind[];
  lastAccidentOn: IsoDate | null;
  /** Codes of the matters the enterprise is subject to (codes outside the task are ignored). */
  matters: string[];
  /** Matter code -> times already drawn in `task.year` before this round; missing = 0. */
  drawnThisYear?: Record<string, number>;
}

export interface LeavePeriod {
  from: IsoDate;
  until: IsoDate;
}

export interface DrawInspector {
  /** 执法证号 */
  certNo: string;
  department: string;
  specialities: string[];
  leave: LeavePeriod[];
}

/** 回避: the inspector never inspects that enterprise. */
export interface ConflictPair {
  certNo: string;
  uscc: string;
}

/** Who inspected an enterprise last time, to prefer someone else. */
export interface PreviousTeam {
  uscc: string;
  certNos: string[];
}

export type SeedSourceKind = 'lottery' | 'beacon' | 'official';

/** A seed source named at commitment, before its value exists. */
export interface SeedSource {
  /** [a-z0-9_.-]{1,64} */
  id: string;
  kind: SeedSourceKind;
  /** e.g. 中国福利彩票双色球第2026030期开奖号码 */
  description: string;
  /** lottery: false = the numbers are a set and are sorted before use. */
  ordered: boolean;
  /** official: SHA-256 (lowercase hex) of the secret, published with the commitment. */
  secretSha256: string | null;
}

export interface DrawSnapshot {
  task: DrawTask;
  matters: DrawMatter[];
  tierPolicy: TierPolicy;
  seedSources: SeedSource[];
  enterprises: DrawEnterprise[];
  inspectors: DrawInspector[];
  conflicts: ConflictPair[];
  previousTeams: PreviousTeam[];
}

/** A seed source's value, revealed after the commitment. */
export interface SeedValue {
  sourceId: string;
  /** lottery: the drawn numbers; beacon: hex; official: the secret (lowercase hex). */
  value: number[] | string;
  /** When the value came into existence (drawn, published, revealed). */
  availableAt: IsoTimestamp;
}

export interface SeedInputs {
  snapshotHash: string;
  committedAt: IsoTimestamp;
  values: SeedValue[];
}

export interface DerivedSeed {
  seed: string;
  /** The exact text that was hashed. */
  material: string;
}

export type ExclusionReason =
  | 'status_cancelled'
  | 'status_revoked'
  | 'status_closed'
  | 'status_moved_out'
  | 'outside_target_scope'
  | 'observation_period'
  | 'observation_period_targeted'
  | 'rounds_exhausted';

export interface Exclusion {
  uscc: string;
  matter: string;
  tier: Tier;
  reason: ExclusionReason;
  /** Chinese label of the reason. */
  label: string;
}

export interface StratumReport {
  matter: string;
  tier: Tier;
  /** Pairs (enterprise, matter) of this stratum that passed eligibility. */
  eligible: number;
  excluded: number;
  ratioBp: number;
  roundsPerYear: number;
  /** ceil(eligible × ratioBp / 10000), all drawn. */
  sampleSize: number;
}

export interface DrawInspection {
  uscc: string;
  /** Sorted matter codes checked in this one visit (frozen, shared by inspections with the same set). */
  matters: readonly string[];
  /** Sorted cert nos. */
  team: string[];
}

export type UnstaffedReason = 'no_qualified_inspector' | 'all_on_leave' | 'all_recused' | 'cap_reached' | 'too_few_inspectors';

export interface Requirement {
  department: string;
  speciality: string | null;
}

export interface UnstaffedInspection {
  uscc: string;
  matters: string[];
  reason: UnstaffedReason;
  label: string;
  /** The requirement that could not be met; null when the team could not reach its size. */
  requirement: Requirement | null;
}

export interface DrawResult {
  algorithm: string;
  taskCode: string;
  seed: string;
  strata: StratumReport[];
  inspections: DrawInspection[];
  unstaffed: UnstaffedInspection[];
  exclusions: Exclusion[];
}

export interface DrawReceipt {
  format: 'ssj-draw-receipt/1';
  algorithm: string;
  taskCode: string;
  snapshotHash: string;
  committedAt: IsoTimestamp;
  seedValues: SeedValue[];
  seed: string;
  resultHash: string;
}

export type ReplacementReason = 'illness' | 'leave' | 'late_conflict' | 'other';

export interface ReplacementRequest {
  uscc: string;
  certNo: string;
  reason: ReplacementReason;
  /** Free text kept in the record, not read by the rule. */
  note: string;
}

export interface ReplacementRecord {
  /** 1-based position in the task's replacement log. */
  seq: number;
  uscc: string;
  removed: string;
  /** Inspectors added; empty when the inspection became unstaffed. */
  added: string[];
  reason: ReplacementReason;
  label: string;
  note: string;
  /** Set when no lawful replacement exists: the inspection is now unstaffed. */
  unstaffed: UnstaffedReason | null;
}
