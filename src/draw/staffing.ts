import { AleaKeyed, saltFor } from './alea';
import { compareUtf16 } from './canonical-json';
import { EntryHeap } from './entry-heap';
import { sortedOrder } from './order';
import { ALGORITHM_VERSION, type DrawPlan } from './plan';
import type { ConflictPair, DrawInspector, PreviousTeam, Requirement, UnstaffedReason } from './types';

/** The available inspectors meeting one requirement, by (load, pair rank, index). */
interface Group {
  requirement: Requirement;
  heap: EntryHeap;
}

/** What one inspection needs, derived from its matters. */
export interface Needs {
  /** Each must be met by some member; (D, null) is dropped when some (D, s) is present. */
  cover: Requirement[];
  /** Every member meets at least one of these (all distinct requirements of the matters). */
  qualify: Requirement[];
}

export type FillOutcome = { ok: true; added: number[] } | { ok: false; reason: UnstaffedReason; requirement: Requirement | null };

const reqKey = (r: Requirement): string => `${r.department}\u0000${r.speciality === null ? '\u0001' : r.speciality}`;
const compareReq = (a: Requirement, b: Requirement): number =>
  compareUtf16(a.department, b.department) ||
  (a.speciality === null ? (b.speciality === null ? 0 : -1) : b.speciality === null ? 1 : compareUtf16(a.speciality, b.speciality));

/**
 * The inspector pool of one task and its loads. Picks follow one rule, documented in
 * docs/draw-algorithm.md: the lawful candidate with the smallest (load, last-time flag,
 * pair rank at that load, certNo). Used by the draw and by replacements alike.
 */
export class Staffing {
  readonly certNos: string[];
  readonly loads: Int32Array;
  private readonly department: string[];
  private readonly specialities: Set<string>[];
  private readonly onLeave: Uint8Array;
  /** Set by replacements for illness or leave. */
  private readonly unavailable: Uint8Array;
  private readonly rank: Float64Array;
  private readonly byCert = new Map<string, number>();
  private readonly conflicts = new Map<string, Set<number>>();
  private readonly previous = new Map<string, Set<number>>();
  private readonly groups = new Map<string, Group>();
  private readonly groupsOf: Group[][];
  private readonly needsCache = new Map<number | string, Needs>();
  private readonly pairRank: AleaKeyed;
  private readonly cap: number;
  /** "certNo|", the pair-rank key before the load. */
  private readonly keyPrefix: string[];
  private readonly setAside: number[] = [];
  /** For explaining failures: inspectors meeting a requirement set, and those of them present. */
  private readonly qualified = new Map<string, { all: number[]; present: number[] }>();

  constructor(
    private readonly plan: DrawPlan,
    inspectors: readonly DrawInspector[],
    conflicts: readonly ConflictPair[],
    previousTeams: readonly PreviousTeam[],
    seed: string,
  ) {
    const order = sortedOrder(inspectors, (i) => i.certNo, '执法证号');
    const sorted = Array.from(order, (i) => inspectors[i]);
    const n = sorted.length;
    this.certNos = sorted.map((i) => i.certNo);
    this.department = sorted.map((i) => i.department);
    this.specialities = sorted.map((i) => new Set(i.specialities));
    this.certNos.forEach((c, i) => this.byCert.set(c, i));
    const { windowStart, windowEnd } = plan.task;
    // Any overlap with the window: the visit date within the window is not known yet.
    this.onLeave = Uint8Array.from(sorted, (i) => (i.leave.some((l) => l.from <= windowEnd && l.until >= windowStart) ? 1 : 0));
    this.unavailable = new Uint8Array(n);
    this.loads = new Int32Array(n);
    this.groupsOf = Array.from({ length: n }, () => []);
    this.cap = plan.task.maxPerInspector ?? Number.MAX_SAFE_INTEGER;
    this.pairRank = new AleaKeyed(saltFor(ALGORITHM_VERSION, 'pair', seed));
    this.keyPrefix = this.certNos.map((c) => `${c}|`);
    this.rank = Float64Array.from(this.keyPrefix, (k) => this.pairRank.double2(k, '0'));
    for (const c of conflicts) this.addConflict(c.certNo, c.uscc);
    for (const t of previousTeams) {
      const set = new Set<number>();
      for (const c of t.certNos) {
        const i = this.byCert.get(c);
        if (i !== undefined) set.add(i);
      }
      this.previous.set(t.uscc, set);
    }
  }

  /** Loads carried in (e.g. the teams of a draw being amended); only before any pick. */
  startFrom(loads: ReadonlyMap<number, number>): void {
    if (this.groups.size > 0) throw new Error('startFrom must come before any pick');
    for (const [i, load] of loads) {
      this.loads[i] = load;
      this.rank[i] = this.pairRank.double2(this.keyPrefix[i], String(load));
    }
  }

  indexOf(certNo: string): number | undefined {
    return this.byCert.get(certNo);
  }

  addConflict(certNo: string, uscc: string): void {
    const i = this.byCert.get(certNo);
    if (i === undefined) return;
    let set = this.conflicts.get(uscc);
    if (!set) this.conflicts.set(uscc, (set = new Set()));
    set.add(i);
  }

  markUnavailable(i: number): void {
    this.unavailable[i] = 1;
    this.qualified.clear();
  }

  private meets(i: number, r: Requirement): boolean {
    return this.department[i] === r.department && (r.speciality === null || this.specialities[i].has(r.speciality));
  }

  private meetsAny(i: number, rs: readonly Requirement[]): boolean {
    for (const r of rs) if (this.meets(i, r)) return true;
    return false;
  }

  private usable(i: number): boolean {
    return this.onLeave[i] === 0 && this.unavailable[i] === 0 && this.loads[i] < this.cap;
  }

  private group(r: Requirement): Group {
    const key = reqKey(r);
    let g = this.groups.get(key);
    if (g) return g;
    g = { requirement: r, heap: new EntryHeap() };
    for (let i = 0; i < this.certNos.length; i++) {
      if (this.onLeave[i] === 0 && this.meets(i, r)) {
        this.groupsOf[i].push(g);
        if (this.usable(i)) g.heap.push(this.loads[i], this.rank[i], i);
      }
    }
    this.groups.set(key, g);
    return g;
  }

  needs(matterIdxs: readonly number[]): Needs {
    let mask = 0;
    for (const mi of matterIdxs) mask = mi < 30 ? mask | (1 << mi) : -1;
    const key = mask >= 0 ? mask : matterIdxs.join(',');
    let needs = this.needsCache.get(key);
    if (needs) return needs;
    const byKey = new Map<string, Requirement>();
    for (const mi of matterIdxs) {
      const m = this.plan.matters[mi];
      const r = { department: m.leadDepartment, speciality: m.requiredSpeciality };
      byKey.set(reqKey(r), r);
    }
    const qualify = [...byKey.values()].sort(compareReq);
    const cover = qualify.filter(
      (r) => r.speciality !== null || !qualify.some((o) => o.department === r.department && o.speciality !== null),
    );
    needs = { cover, qualify };
    this.needsCache.set(key, needs);
    return needs;
  }

  /**
   * Sets an inspector's load and its pair rank for that load. Heap keys are left as they are:
   * a raised load is picked up when the entry reaches the top (stored keys never exceed true
   * keys, so a fresh top is the true minimum); a lowered one (replacements) gets fresh entries.
   */
  private setLoad(i: number, load: number): void {
    const lowered = load < this.loads[i];
    this.loads[i] = load;
    this.rank[i] = this.pairRank.double2(this.keyPrefix[i], String(load));
    if (lowered && this.usable(i)) for (const g of this.groupsOf[i]) g.heap.push(load, this.rank[i], i);
  }

  /**
   * The best lawful candidate of a group for `uscc`, or -1: the smallest (load, last-time
   * flag, rank, index). Entries are visited in (load, rank, index) order; among the lowest
   * lawful load, one who did not go last time wins. The chosen entry stays in the heap.
   */
  private pick(g: Group, uscc: string, team: readonly number[], barred: ReadonlySet<number>): number {
    const heap = g.heap;
    const conflicted = this.conflicts.get(uscc);
    const previous = this.previous.get(uscc);
    const popped = this.setAside;
    popped.length = 0;
    let chosen = -1;
    let fallback = -1;
    let level = -1;
    while (heap.size > 0) {
      const i = heap.topId();
      if (!this.usable(i)) {
        heap.pop(); // capped or unavailable: for good within this draw
        continue;
      }
      if (heap.topLoad() !== this.loads[i] || heap.topRank() !== this.rank[i]) {
        heap.replaceTop(this.loads[i], this.rank[i], i);
        continue;
      }
      if (level !== -1 && this.loads[i] > level) break;
      if (!team.includes(i) && !barred.has(i) && !conflicted?.has(i)) {
        if (!previous?.has(i)) {
          chosen = i;
          break;
        }
        if (fallback === -1) {
          fallback = i;
          level = this.loads[i];
        }
      }
      heap.pop();
      popped.push(i);
    }
    for (const i of popped) heap.push(this.loads[i], this.rank[i], i);
    return chosen === -1 ? fallback : chosen;
  }

  /** Is i before j by (load, last-time flag, rank, index)? */
  private before(i: number, j: number, previous: ReadonlySet<number> | undefined): boolean {
    if (this.loads[i] !== this.loads[j]) return this.loads[i] < this.loads[j];
    const pi = previous?.has(i) ? 1 : 0;
    const pj = previous?.has(j) ? 1 : 0;
    if (pi !== pj) return pi < pj;
    if (this.rank[i] !== this.rank[j]) return this.rank[i] < this.rank[j];
    return i < j;
  }

  /** The best of several groups' best candidates. */
  private pickAmong(rs: readonly Requirement[], uscc: string, team: readonly number[], barred: ReadonlySet<number>): number {
    const previous = this.previous.get(uscc);
    let best = -1;
    for (const r of rs) {
      const i = this.pick(this.group(r), uscc, team, barred);
      if (i !== -1 && (best === -1 || this.before(i, best, previous))) best = i;
    }
    return best;
  }

  /**
   * Completes a team for one inspection without committing: first every cover requirement
   * not yet met (in requirement order), then up to teamSize from the qualify set.
   */
  fill(uscc: string, needs: Needs, team: readonly number[], barred: ReadonlySet<number>): FillOutcome {
    const members = [...team];
    const added: number[] = [];
    for (const r of needs.cover) {
      if (members.some((i) => this.meets(i, r))) continue;
      const i = this.pick(this.group(r), uscc, members, barred);
      if (i === -1) return { ok: false, reason: this.whyNot([r], uscc, members, barred), requirement: r };
      members.push(i);
      added.push(i);
    }
    while (members.length < this.plan.task.teamSize) {
      const i = this.pickAmong(needs.qualify, uscc, members, barred);
      if (i === -1) return { ok: false, reason: this.whyNot(needs.qualify, uscc, members, barred), requirement: null };
      members.push(i);
      added.push(i);
    }
    return { ok: true, added };
  }

  /**
   * The inspectors in the pool (not on leave, not unavailable) grouped by interchangeability:
   * same department and same specialities. Groups by key, members by certNo.
   */
  interchangeableGroups(): number[][] {
    const byKey = new Map<string, number[]>();
    for (let i = 0; i < this.certNos.length; i++) {
      if (this.onLeave[i] !== 0 || this.unavailable[i] !== 0) continue;
      const key = `${this.department[i]}\u0000${[...this.specialities[i]].sort(compareUtf16).join('\u0001')}`;
      const members = byKey.get(key);
      if (members) members.push(i);
      else byKey.set(key, [i]);
    }
    return [...byKey.keys()].sort(compareUtf16).map((k) => byKey.get(k) as number[]);
  }

  /**
   * May `to` take `from`'s place on the visit to `uscc`? Same group is the caller's to ensure;
   * here: no conflict, and no more "went last time" than `from` had.
   */
  mayStandIn(to: number, from: number, uscc: string): boolean {
    if (this.conflicts.get(uscc)?.has(to)) return false;
    const previous = this.previous.get(uscc);
    return !previous?.has(to) || previous.has(from);
  }

  /** One inspection moves from one inspector to another (balancing, after all picks). */
  transfer(from: number, to: number): void {
    this.setLoad(from, this.loads[from] - 1);
    this.setLoad(to, this.loads[to] + 1);
  }

  commit(added: readonly number[]): void {
    for (const i of added) this.setLoad(i, this.loads[i] + 1);
  }

  release(i: number): void {
    this.setLoad(i, this.loads[i] - 1);
  }

  /** Why no candidate is left, narrowing the qualified inspectors step by step. */
  private whyNot(rs: readonly Requirement[], uscc: string, team: readonly number[], barred: ReadonlySet<number>): UnstaffedReason {
    const key = rs.map(reqKey).join('\u0002');
    let found = this.qualified.get(key);
    if (!found) {
      // Cached: a draw with a missing speciality may fail thousands of times on the same set.
      const all = this.certNos.map((_, i) => i).filter((i) => this.meetsAny(i, rs));
      found = { all, present: all.filter((i) => this.onLeave[i] === 0 && this.unavailable[i] === 0) };
      this.qualified.set(key, found);
    }
    if (found.all.length === 0) return 'no_qualified_inspector';
    if (found.present.length === 0) return 'all_on_leave';
    const conflicted = this.conflicts.get(uscc);
    const free = found.present.filter((i) => !conflicted?.has(i) && !barred.has(i));
    if (free.length === 0) return 'all_recused';
    return free.some((i) => !team.includes(i) && this.loads[i] >= this.cap) ? 'cap_reached' : 'too_few_inspectors';
  }
}
