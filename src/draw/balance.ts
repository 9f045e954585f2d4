import type { Staffing } from './staffing';

/**
 * The teams of a draw in one flat buffer: visit v's members are
 * members[start[v] .. start[v] + size[v]), size -1 for an unstaffed visit.
 */
export interface Teams {
  members: Int32Array;
  start: Int32Array;
  size: Int32Array;
}

/**
 * Evens out loads after the greedy picks (docs/draw-algorithm.md §8, "Balancing"). Within each
 * group of interchangeable inspectors, while the loads differ by more than one, one inspection
 * moves from a most-loaded member to a member at least two below, wherever that is lawful:
 * the first most-loaded member by certNo, their first such visit in staffing order, the least
 * loaded (then first by certNo) stand-in. Every move lowers the sum of squared loads, so it ends.
 */
export function balanceLoads(staffing: Staffing, order: Int32Array, usccs: readonly string[], teams: Teams): number {
  const { loads } = staffing;
  const { members, start, size } = teams;
  const position = new Int32Array(order.length);
  order.forEach((v, p) => (position[v] = p));
  let visitsOf: Map<number, number[]> | null = null;
  const visitsIndex = (): Map<number, number[]> => {
    const index = new Map<number, number[]>();
    for (const v of order) {
      for (let k = start[v], end = start[v] + size[v]; k < end; k++) {
        const list = index.get(members[k]);
        if (list) list.push(v);
        else index.set(members[k], [v]);
      }
    }
    return index;
  };
  let moves = 0;
  for (const group of staffing.interchangeableGroups()) {
    if (group.length < 2) continue;
    for (;;) {
      let hi = -1;
      let lo = Number.MAX_SAFE_INTEGER;
      for (const i of group) {
        if (loads[i] > hi) hi = loads[i];
        if (loads[i] < lo) lo = loads[i];
      }
      if (hi - lo <= 1) break;
      visitsOf ??= visitsIndex();
      if (!moveOne(staffing, group, hi, usccs, teams, visitsOf, position)) break;
      moves++;
    }
  }
  return moves;
}

function moveOne(
  staffing: Staffing,
  group: readonly number[],
  hi: number,
  usccs: readonly string[],
  { members, start, size }: Teams,
  visitsOf: Map<number, number[]>,
  position: Int32Array,
): boolean {
  const { loads } = staffing;
  const low = group.filter((i) => loads[i] <= hi - 2).sort((a, b) => loads[a] - loads[b] || a - b);
  for (const from of group) {
    if (loads[from] !== hi) continue;
    const visits = visitsOf.get(from) ?? [];
    for (let n = 0; n < visits.length; n++) {
      const v = visits[n];
      const first = start[v];
      const end = first + size[v];
      const team = members.subarray(first, end);
      for (const to of low) {
        if (team.includes(to) || !staffing.mayStandIn(to, from, usccs[v])) continue;
        members[first + team.indexOf(from)] = to;
        staffing.transfer(from, to);
        visits.splice(n, 1);
        let list = visitsOf.get(to);
        if (!list) visitsOf.set(to, (list = []));
        let at = list.length;
        while (at > 0 && position[list[at - 1]] > position[v]) at--;
        list.splice(at, 0, v);
        return true;
      }
    }
  }
  return false;
}
