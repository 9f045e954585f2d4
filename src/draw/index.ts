/** The draw engine: pure functions over plain data. See docs/draw-algorithm.md. */
export * from './types';
export { DrawInputError, SeedRefusedError, type SeedRefusal } from './errors';
export { EXCLUSION_REASONS, UNSTAFFED_REASONS, REPLACEMENT_REASONS } from './reasons';
export { DEFAULT_TIER_POLICY, TIERS, stratumRatioBp, stratumRounds, sampleSize, effectiveTier } from './policy';
export { ALGORITHM_VERSION, preparePlan, type DrawPlan } from './plan';
export { assessEnterprise, type PairVerdict } from './eligibility';
export { canonicalJson } from './canonical-json';
export { SNAPSHOT_FORMAT, SnapshotLineReader, enterpriseLine, snapshotHeader, snapshotTailLines, snapshotLines, serialiseSnapshot, hashSnapshot, parseSnapshotLines, sha256OfLines } from './serialise';
export { SEED_FORMAT, deriveSeed, parseTimestamp } from './seed';
export { AleaKeyed, saltFor } from './alea';
export { TopK, mergeTopK, type Candidate } from './select';
export {
  runDraw,
  RosterPass,
  runShardedDraw,
  countShard,
  quotasFor,
  selectShard,
  mergeShards,
  completeDraw,
  type Quotas,
  type ShardSelection,
  type SnapshotPlanParts,
} from './draw';
export { applyReplacements, type AmendedStaffing } from './replace';
export { RESULT_FORMAT, resultLines, serialiseResult, hashResult } from './result';
export { makeReceipt, verifyDraw, type Verification, type Difference, type VerifyStep } from './verify';
export { validateEnterprises, validatePlanParts, validateTierPolicy } from './validate';
