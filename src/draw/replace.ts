import { compareUtf16 } from './canonical-json';
import type { SnapshotPlanParts } from './draw';
import { DrawInputError } from './errors';
import { preparePlan } from './plan';
import { REPLACEMENT_REASONS, UNSTAFFED_REASONS } from './reasons';
import { Staffing } from './staffing';
import type { DrawInspection, DrawResult, ReplacementRecord, ReplacementRequest, UnstaffedInspection } from './types';

export interface AmendedStaffing {
  inspections: DrawInspection[];
  unstaffed: UnstaffedInspection[];
  records: ReplacementRecord[];
}

/**
 * Replays a task's replacement log over its draw. Each request removes one inspector from
 * one inspection and completes the team by the draw's own rule (docs/draw-algorithm.md §8)
 * from the current loads; the removed inspector never returns to that inspection, and after
 * illness or leave is drawn nowhere else. The log is the record: same inputs, same teams.
 */
export function applyReplacements(
  parts: SnapshotPlanParts,
  seed: string,
  result: DrawResult,
  requests: readonly ReplacementRequest[],
): AmendedStaffing {
  const plan = preparePlan(parts);
  const staffing = new Staffing(plan, parts.inspectors, parts.conflicts, parts.previousTeams, seed);
  const teams = new Map<string, number[]>();
  const loads = new Map<number, number>();
  const mattersOf = new Map<string, readonly string[]>();
  for (const insp of result.inspections) {
    const team = insp.team.map((c) => {
      const i = staffing.indexOf(c);
      if (i === undefined) throw new DrawInputError([`检查组成员 ${c} 不在快照的执法人员名录中`]);
      loads.set(i, (loads.get(i) ?? 0) + 1);
      return i;
    });
    teams.set(insp.uscc, team);
    mattersOf.set(insp.uscc, insp.matters);
  }
  staffing.startFrom(loads);

  const barred = new Map<string, Set<number>>();
  const unstaffed = [...result.unstaffed];
  const records: ReplacementRecord[] = requests.map((req, n) => {
    const team = teams.get(req.uscc);
    if (!team) throw new DrawInputError([`第 ${n + 1} 项更换：${req.uscc} 不是本次抽取中已配备检查组的检查`]);
    const out = staffing.indexOf(req.certNo);
    if (out === undefined || !team.includes(out))
      throw new DrawInputError([`第 ${n + 1} 项更换：${req.certNo} 不是 ${req.uscc} 检查组的成员`]);
    if (!Object.hasOwn(REPLACEMENT_REASONS, req.reason)) throw new DrawInputError([`第 ${n + 1} 项更换：更换原因“${req.reason}”无效`]);
    if (req.reason === 'illness' || req.reason === 'leave') staffing.markUnavailable(out);
    if (req.reason === 'late_conflict') staffing.addConflict(req.certNo, req.uscc);
    const bar = barred.get(req.uscc) ?? new Set<number>();
    bar.add(out);
    barred.set(req.uscc, bar);

    const remaining = team.filter((i) => i !== out);
    staffing.release(out);
    const codes = mattersOf.get(req.uscc) ?? [];
    const matterIdxs = codes.map((c) => plan.matterIndex.get(c) ?? -1);
    if (matterIdxs.includes(-1)) throw new DrawInputError([`${req.uscc} 的检查事项不在本任务中`]);
    const outcome = staffing.fill(req.uscc, staffing.needs(matterIdxs), remaining, bar);
    const base = {
      seq: n + 1,
      uscc: req.uscc,
      removed: req.certNo,
      reason: req.reason,
      label: REPLACEMENT_REASONS[req.reason],
      note: req.note,
    };
    if (outcome.ok) {
      staffing.commit(outcome.added);
      teams.set(req.uscc, [...remaining, ...outcome.added]);
      return { ...base, added: outcome.added.map((i) => staffing.certNos[i]).sort(compareUtf16), unstaffed: null };
    }
    // No lawful team: release the rest rather than send an incomplete one.
    for (const i of remaining) staffing.release(i);
    teams.delete(req.uscc);
    unstaffed.push({
      uscc: req.uscc,
      matters: [...codes],
      reason: outcome.reason,
      label: UNSTAFFED_REASONS[outcome.reason],
      requirement: outcome.requirement,
    });
    return { ...base, added: [], unstaffed: outcome.reason };
  });

  const inspections = result.inspections
    .filter((i) => teams.has(i.uscc))
    .map((i) => ({ uscc: i.uscc, matters: i.matters, team: (teams.get(i.uscc) ?? []).map((x) => staffing.certNos[x]).sort(compareUtf16) }));
  unstaffed.sort((a, b) => compareUtf16(a.uscc, b.uscc));
  return { inspections, unstaffed, records };
}
