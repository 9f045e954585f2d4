import { AleaKeyed, saltFor } from './alea';
import { compareUtf16 } from './canonical-json';
import { DrawInputError } from './errors';
import { classify, REASON_BY_CODE, verdictsFor } from './eligibility';
import { orderByRank, usccOrder } from './order';
import { ALGORITHM_VERSION, preparePlan, type DrawPlan } from './plan';
import { sampleSize, TIERS } from './policy';
import { EXCLUSION_REASONS, UNSTAFFED_REASONS } from './reasons';
import { mergeTopK, TopK, UNRANKED, type Candidate } from './select';
import { balanceLoads } from './balance';
import { Staffing } from './staffing';
import type {
  DrawEnterprise,
  DrawInspection,
  DrawResult,
  DrawSnapshot,
  Exclusion,
  ExclusionReason,
  StratumReport,
  UnstaffedInspection,
} from './types';
import { validateEnterprises } from './validate';

/** Per stratum (matterIndex × 4 + tierIndex): eligible pairs in the whole roster, and how many to draw. */
export interface Quotas {
  eligible: number[];
  sampleSize: number[];
}

/** What one shard of the roster contributes: its best candidates per stratum (best first) and its exclusions. */
export interface ShardSelection {
  candidates: Candidate[][];
  /** Sorted by (uscc, matter). */
  exclusions: Exclusion[];
  excluded: number[];
}

export type SnapshotPlanParts = Omit<DrawSnapshot, 'enterprises'>;

const checkSeed = (seed: string): void => {
  if (!/^[0-9a-f]{64}$/.test(seed)) throw new DrawInputError(['随机种子应为 64 位小写十六进制（由 deriveSeed 得出）']);
};

interface Scan {
  /** usccs in ascending order; positions index this. */
  usccs: string[];
  exclusions: Exclusion[];
  excluded: number[];
}

/**
 * Walks a roster (or shard, or chunk) in uscc order, appending its usccs to `into.usccs` (a
 * position indexes that list), calling `eligible` with (stratum, position) for each eligible
 * pair and appending exclusions in (uscc, matter) order. Returns the chunk's uscc order.
 */
function walk(plan: DrawPlan, enterprises: readonly DrawEnterprise[], into: Scan, eligible: (stratum: number, position: number, uscc: string) => void): Int32Array {
  const problems = validateEnterprises(enterprises);
  if (problems.length > 0) throw new DrawInputError(problems);
  const order = usccOrder(enterprises.map((e) => e.uscc));
  const { usccs, exclusions, excluded } = into;
  const v = verdictsFor(plan);
  for (let j = 0; j < order.length; j++) {
    const e = enterprises[order[j]];
    const p = usccs.length;
    usccs.push(e.uscc);
    const n = classify(plan, e, v);
    for (let k = 0; k < n; k++) {
      const s = v.strata[k];
      if (v.reasons[k] === 0) eligible(s, p, e.uscc);
      else {
        excluded[s]++;
        const reason = REASON_BY_CODE[v.reasons[k]] as ExclusionReason;
        exclusions.push({ uscc: e.uscc, matter: plan.matters[v.matters[k]].code, tier: TIERS[v.tier], reason, label: EXCLUSION_REASONS[reason] });
      }
    }
  }
  return order;
}

const emptyScan = (plan: DrawPlan): Scan => ({ usccs: [], exclusions: [], excluded: new Array<number>(plan.matters.length * 4).fill(0) });

function scan(plan: DrawPlan, enterprises: readonly DrawEnterprise[], eligible: (stratum: number, position: number, uscc: string) => void): Scan {
  const out = emptyScan(plan);
  walk(plan, enterprises, out, eligible);
  return out;
}

/** Phase 1 of a sharded draw: eligible pairs per stratum in this shard. */
export function countShard(plan: DrawPlan, enterprises: readonly DrawEnterprise[]): number[] {
  const counts = new Array<number>(plan.matters.length * 4).fill(0);
  scan(plan, enterprises, (s) => counts[s]++);
  return counts;
}

/** Sums shard counts and fixes each stratum's sample size: ceil(eligible × ratio), exactly. */
export function quotasFor(plan: DrawPlan, shardCounts: readonly (readonly number[])[]): Quotas {
  const eligible = new Array<number>(plan.matters.length * 4).fill(0);
  for (const counts of shardCounts) counts.forEach((c, s) => (eligible[s] += c));
  return { eligible, sampleSize: eligible.map((n, s) => sampleSize(n, plan.ratioBp[s])) };
}

/** Strata drawn in part get a bounded heap; strata drawn whole (or not at all) get none. */
function heapsFor(quotas: Quotas): (TopK | null)[] {
  return quotas.sampleSize.map((k, s) => (k > 0 && k < quotas.eligible[s] ? new TopK(k) : null));
}

const rankers = (plan: DrawPlan, seed: string): AleaKeyed[] =>
  plan.matters.map((m) => new AleaKeyed(saltFor(ALGORITHM_VERSION, `rank|${m.code}`, seed)));

/** Phase 2: this shard's best candidates per stratum, at most the stratum's whole sample size. */
export function selectShard(plan: DrawPlan, seed: string, enterprises: readonly DrawEnterprise[], quotas: Quotas): ShardSelection {
  checkSeed(seed);
  const rank = rankers(plan, seed);
  const heaps = heapsFor(quotas);
  const whole: number[][] = quotas.sampleSize.map(() => []);
  const { usccs, exclusions, excluded } = scan(plan, enterprises, (s, p, uscc) => {
    const heap = heaps[s];
    if (heap !== null) heap.offer(rank[s >> 2].double(uscc), p);
    else if (quotas.sampleSize[s] > 0) whole[s].push(p);
  });
  const candidates = heaps.map((heap, s) => {
    if (heap === null) return whole[s].map((p) => ({ rank: UNRANKED, uscc: usccs[p] }));
    return Array.from(heap.sortedIndices(), (j) => ({ rank: heap.ranks[j], uscc: usccs[heap.ids[j]] }));
  });
  return { candidates, exclusions, excluded };
}

/** Merges sorted lists of exclusions, one per shard, keeping (uscc, matter) order. */
function mergeExclusions(lists: readonly Exclusion[][]): Exclusion[] {
  const out: Exclusion[] = [];
  const heads = lists.map(() => 0);
  for (;;) {
    let best = -1;
    lists.forEach((list, i) => {
      if (heads[i] >= list.length) return;
      const a = list[heads[i]];
      const b = best === -1 ? null : lists[best][heads[best]];
      if (b === null || compareUtf16(a.uscc, b.uscc) < 0 || (a.uscc === b.uscc && compareUtf16(a.matter, b.matter) < 0)) best = i;
    });
    if (best === -1) return out;
    out.push(lists[best][heads[best]++]);
  }
}

/** Merges shard selections; the same as selecting from the whole roster at once. */
export function mergeShards(quotas: Quotas, parts: readonly ShardSelection[]): ShardSelection {
  return {
    candidates: quotas.sampleSize.map((k, s) =>
      mergeTopK(
        parts.map((p) => p.candidates[s]),
        k,
      ),
    ),
    exclusions: mergeExclusions(parts.map((p) => p.exclusions)),
    excluded: quotas.sampleSize.map((_, s) => parts.reduce((sum, p) => sum + p.excluded[s], 0)),
  };
}

/**
 * The drawn enterprises before staffing, compactly: usccs ascending, and for each a bit set
 * of drawn matter indices (`words` 32-bit words each).
 */
interface Drawn {
  usccs: string[];
  words: number;
  masks: Uint32Array;
}

const wordsFor = (plan: DrawPlan): number => Math.max(1, Math.ceil(plan.matters.length / 32));

/** Phase 3 of a sharded draw: one visit per drawn enterprise, inspectors paired, result assembled. */
export function completeDraw(
  parts: SnapshotPlanParts,
  plan: DrawPlan,
  seed: string,
  quotas: Quotas,
  selection: ShardSelection,
): DrawResult {
  checkSeed(seed);
  const mattersOf = new Map<string, number[]>();
  selection.candidates.forEach((list, s) => {
    for (const c of list) {
      const found = mattersOf.get(c.uscc);
      if (found) found.push(s >> 2);
      else mattersOf.set(c.uscc, [s >> 2]);
    }
  });
  const keys = [...mattersOf.keys()];
  const words = wordsFor(plan);
  const order = usccOrder(keys);
  const usccs = Array.from(order, (i) => keys[i]);
  const masks = new Uint32Array(usccs.length * words);
  usccs.forEach((u, v) => {
    for (const mi of mattersOf.get(u) as number[]) masks[v * words + (mi >> 5)] |= 1 << (mi & 31);
  });
  return finish(parts, plan, seed, quotas, selection.excluded, selection.exclusions, { usccs, words, masks });
}

/** A drawn matter set, resolved once however many enterprises share it. */
interface MatterSet {
  indices: number[];
  /** Frozen and shared between the inspections with this set. */
  codes: readonly string[];
}

function matterSets(plan: DrawPlan, drawn: Drawn): (v: number) => MatterSet {
  const cache = new Map<number | string, MatterSet>();
  const { words, masks } = drawn;
  return (v) => {
    const key = words === 1 ? masks[v] : Array.from(masks.subarray(v * words, (v + 1) * words)).join(',');
    let set = cache.get(key);
    if (!set) {
      const indices: number[] = [];
      for (let mi = 0; mi < plan.matters.length; mi++) if (masks[v * words + (mi >> 5)] & (1 << (mi & 31))) indices.push(mi);
      set = { indices, codes: Object.freeze(indices.map((mi) => plan.matters[mi].code)) };
      cache.set(key, set);
    }
    return set;
  };
}

/** Staffs the drawn enterprises in visit-rank order and assembles the result in uscc order. */
function finish(
  parts: SnapshotPlanParts,
  plan: DrawPlan,
  seed: string,
  quotas: Quotas,
  excluded: number[],
  exclusions: Exclusion[],
  drawn: Drawn,
): DrawResult {
  const { usccs } = drawn;
  const n = usccs.length;
  const setOf = matterSets(plan, drawn);
  const visitRank = new AleaKeyed(saltFor(ALGORITHM_VERSION, 'visit', seed));
  const ranks = new Float64Array(n);
  for (let v = 0; v < n; v++) ranks[v] = visitRank.double(usccs[v]);
  const order = orderByRank(ranks);
  const staffing = new Staffing(plan, parts.inspectors, parts.conflicts, parts.previousTeams, seed);
  // Teams in one flat buffer: visit v's members are members[start[v] .. start[v] + size[v]).
  let members = new Int32Array(Math.max(16, n * plan.task.teamSize));
  let used = 0;
  const start = new Int32Array(n);
  const size = new Int32Array(n).fill(-1);
  const failures = new Map<number, UnstaffedInspection>();
  const none = new Set<number>();
  for (const v of order) {
    const uscc = usccs[v];
    const set = setOf(v);
    const outcome = staffing.fill(uscc, staffing.needs(set.indices), [], none);
    if (outcome.ok) {
      staffing.commit(outcome.added);
      if (used + outcome.added.length > members.length) {
        const bigger = new Int32Array(members.length * 2);
        bigger.set(members);
        members = bigger;
      }
      start[v] = used;
      size[v] = outcome.added.length;
      for (const i of outcome.added) members[used++] = i;
    } else {
      failures.set(v, {
        uscc,
        matters: [...set.codes],
        reason: outcome.reason,
        label: UNSTAFFED_REASONS[outcome.reason],
        requirement: outcome.requirement,
      });
    }
  }
  balanceLoads(staffing, order, usccs, { members, start, size });
  const inspections: DrawInspection[] = [];
  const unstaffed: UnstaffedInspection[] = [];
  for (let v = 0; v < n; v++) {
    if (size[v] < 0) {
      unstaffed.push(failures.get(v) as UnstaffedInspection);
      continue;
    }
    const team = Array.from(members.subarray(start[v], start[v] + size[v]), (i) => staffing.certNos[i]).sort(compareUtf16);
    inspections.push({ uscc: usccs[v], matters: setOf(v).codes, team });
  }
  const strata: StratumReport[] = [];
  plan.matters.forEach((m, mi) =>
    TIERS.forEach((tier, ti) => {
      const s = mi * 4 + ti;
      if (quotas.eligible[s] + excluded[s] === 0) return;
      strata.push({
        matter: m.code,
        tier,
        eligible: quotas.eligible[s],
        excluded: excluded[s],
        ratioBp: plan.ratioBp[s],
        roundsPerYear: plan.rounds[s],
        sampleSize: quotas.sampleSize[s],
      });
    }),
  );
  return { algorithm: ALGORITHM_VERSION, taskCode: plan.task.code, seed, strata, inspections, unstaffed, exclusions };
}

/**
 * One pass over the roster, fed in chunks: validates and classifies each enterprise and keeps
 * only its eligible pairs, compactly, so that a roster read from a file need never be in memory
 * whole. Chunks must come in ascending uscc order and must not overlap (a chunk may be in any
 * order inside); `runDraw` feeds the whole roster as one chunk. Positions are global, so the
 * result is the same however the roster is cut.
 */
export class RosterPass {
  private readonly seen: Scan;
  private pairStratum = new Int32Array(1024);
  private pairPosition = new Int32Array(1024);
  private pairs = 0;
  private readonly counts: number[];

  constructor(private readonly plan: DrawPlan) {
    this.seen = emptyScan(plan);
    this.counts = new Array<number>(plan.matters.length * 4).fill(0);
  }

  get enterprises(): number {
    return this.seen.usccs.length;
  }

  add(enterprises: readonly DrawEnterprise[]): void {
    const { usccs } = this.seen;
    const last = usccs.length > 0 ? usccs[usccs.length - 1] : null;
    const from = usccs.length;
    walk(this.plan, enterprises, this.seen, (s, p) => {
      this.counts[s]++;
      this.pushPair(s, p);
    });
    const first = usccs[from];
    if (last !== null && first !== undefined && !(last < first)) {
      throw new DrawInputError([last === first ? `统一社会信用代码“${first}”重复` : `检查对象须按统一社会信用代码升序分批读入：“${first}”排在“${last}”之后`]);
    }
  }

  private pushPair(s: number, p: number): void {
    if (this.pairs === this.pairStratum.length) {
      const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.pairStratum = grow(this.pairStratum);
      this.pairPosition = grow(this.pairPosition);
    }
    this.pairStratum[this.pairs] = s;
    this.pairPosition[this.pairs++] = p;
  }

  /**
   * Sample sizes from the whole roster's counts, the ranked selection, then one visit per drawn
   * enterprise with its team. `parts` are the snapshot's other parts (inspectors, conflicts …),
   * which in the file come after the roster; they must describe the same plan.
   */
  finish(parts: SnapshotPlanParts, seed: string, plan: DrawPlan = preparePlan(parts)): DrawResult {
    checkSeed(seed);
    if (plan !== this.plan && plan.matters.map((m) => m.code).join() !== this.plan.matters.map((m) => m.code).join()) {
      throw new DrawInputError(['快照首行与其余部分的监管事项不一致']);
    }
    const { pairStratum, pairPosition, pairs } = this;
    const { usccs, excluded, exclusions } = this.seen;
    const quotas = quotasFor(plan, [this.counts]);
    const rank = rankers(plan, seed);
    const heaps = heapsFor(quotas);
    // Drawn matters per roster position as a bit set: visits come out in uscc order without a sort.
    const words = wordsFor(plan);
    const bits = new Uint32Array(usccs.length * words);
    const mark = (p: number, mi: number): void => {
      bits[p * words + (mi >> 5)] |= 1 << (mi & 31);
    };
    for (let q = 0; q < pairs; q++) {
      const s = pairStratum[q];
      const p = pairPosition[q];
      const heap = heaps[s];
      if (heap !== null) heap.offer(rank[s >> 2].double(usccs[p]), p);
      else if (quotas.sampleSize[s] > 0) mark(p, s >> 2);
    }
    heaps.forEach((heap, s) => {
      for (let j = 0; heap !== null && j < heap.size; j++) mark(heap.ids[j], s >> 2);
    });
    const positions: number[] = [];
    for (let p = 0; p < usccs.length; p++) {
      for (let w = 0; w < words; w++) {
        if (bits[p * words + w] !== 0) {
          positions.push(p);
          break;
        }
      }
    }
    const masks = new Uint32Array(positions.length * words);
    positions.forEach((p, v) => masks.set(bits.subarray(p * words, (p + 1) * words), v * words));
    const drawn = { usccs: positions.map((p) => usccs[p]), words, masks };
    return finish(parts, plan, seed, quotas, excluded, exclusions, drawn);
  }
}

/** The whole draw: a pure function of (snapshot, seed, ALGORITHM_VERSION). */
export function runDraw(snapshot: DrawSnapshot, seed: string): DrawResult {
  checkSeed(seed);
  const plan = preparePlan(snapshot);
  const pass = new RosterPass(plan);
  pass.add(snapshot.enterprises);
  return pass.finish(snapshot, seed, plan);
}

/** A sharded draw, as a service streaming the roster in uscc ranges would run it. */
export function runShardedDraw(parts: SnapshotPlanParts, shards: readonly (readonly DrawEnterprise[])[], seed: string): DrawResult {
  checkSeed(seed);
  const plan = preparePlan(parts);
  // Each shard refuses a uscc it holds twice; one held by two shards would be counted twice.
  usccOrder(shards.flatMap((shard) => shard.map((e) => e.uscc)));
  const quotas = quotasFor(
    plan,
    shards.map((shard) => countShard(plan, shard)),
  );
  const selection = mergeShards(
    quotas,
    shards.map((shard) => selectShard(plan, seed, shard, quotas)),
  );
  return completeDraw(parts, plan, seed, quotas, selection);
}
