import { runDraw } from './draw';
import { DrawInputError } from './errors';
import { applyReplacements } from './replace';
import { enterprise, inspector, matter, SEED, snapshot, task, uscc } from './testing';
import type { DrawSnapshot, ReplacementRequest } from './types';

const s: DrawSnapshot = snapshot({
  matters: [matter('M01', { baseRatioBp: 10000 })],
  enterprises: Array.from({ length: 6 }, (_, i) => enterprise(i)),
  inspectors: Array.from({ length: 5 }, (_, i) => inspector(i)),
});
const { enterprises: _, ...parts } = s;
const result = runDraw(s, SEED);
const first = result.inspections[0];
const request = (over: Partial<ReplacementRequest> = {}): ReplacementRequest => ({
  uscc: first.uscc,
  certNo: first.team[0],
  reason: 'illness',
  note: '住院治疗',
  ...over,
});

describe('replacing an inspector after the draw', () => {
  it('completes the team by the draw rule and records the reason', () => {
    const { inspections, records } = applyReplacements(parts, SEED, result, [request()]);
    const team = inspections.find((i) => i.uscc === first.uscc)?.team ?? [];
    expect(team).toHaveLength(2);
    expect(team).not.toContain(first.team[0]);
    expect(team).toContain(first.team[1]);
    expect(records).toEqual([
      {
        seq: 1,
        uscc: first.uscc,
        removed: first.team[0],
        added: team.filter((c) => c !== first.team[1]),
        reason: 'illness',
        label: '因病不能参加检查',
        note: '住院治疗',
        unstaffed: null,
      },
    ]);
  });

  it('picks the least-loaded lawful inspector', () => {
    const loads = new Map<string, number>();
    for (const i of result.inspections) for (const c of i.team) loads.set(c, (loads.get(c) ?? 0) + 1);
    const { records } = applyReplacements(parts, SEED, result, [request()]);
    const added = records[0].added[0];
    const lawful = s.inspectors.map((i) => i.certNo).filter((c) => !first.team.includes(c));
    expect(loads.get(added) ?? 0).toBe(Math.min(...lawful.map((c) => loads.get(c) ?? 0)));
  });

  it('is deterministic: replaying the log gives the same teams', () => {
    const log = [
      request(),
      request({ uscc: result.inspections[1].uscc, certNo: result.inspections[1].team[1], reason: 'other', note: '' }),
    ];
    expect(applyReplacements(parts, SEED, result, log)).toEqual(applyReplacements(parts, SEED, result, log));
  });

  it('keeps an ill inspector out of every later replacement', () => {
    const ill = first.team[0];
    const log: ReplacementRequest[] = [request()];
    for (const i of result.inspections.slice(1))
      log.push(request({ uscc: i.uscc, certNo: i.team.find((c) => c !== ill) ?? i.team[0], reason: 'other', note: '' }));
    const { records } = applyReplacements(parts, SEED, result, log);
    for (const r of records) expect(r.added).not.toContain(ill);
  });

  it('records a conflict found late and never sends that inspector back', () => {
    const { inspections, records } = applyReplacements(parts, SEED, result, [
      request({ reason: 'late_conflict', note: '系该企业负责人近亲属' }),
    ]);
    expect(records[0].label).toBe('抽取后发现应当回避的情形');
    expect(inspections.find((i) => i.uscc === first.uscc)?.team).not.toContain(first.team[0]);
  });

  it('leaves the inspection unstaffed, with the reason, when no lawful replacement exists', () => {
    const tight = snapshot({
      matters: [matter('M01', { baseRatioBp: 10000 })],
      enterprises: [enterprise(1)],
      inspectors: [inspector(0), inspector(1)],
      task: task(),
    });
    const { enterprises: __, ...tightParts } = tight;
    const drawn = runDraw(tight, SEED);
    const out = applyReplacements(tightParts, SEED, drawn, [{ uscc: uscc(1), certNo: 'ZF0000', reason: 'illness', note: '' }]);
    expect(out.inspections).toEqual([]);
    expect(out.unstaffed).toEqual([expect.objectContaining({ uscc: uscc(1), reason: 'too_few_inspectors' })]);
    expect(out.records[0]).toMatchObject({ added: [], unstaffed: 'too_few_inspectors' });
  });

  it('refuses a request for an inspector who is not on that team', () => {
    const outsider = s.inspectors.map((i) => i.certNo).find((c) => !first.team.includes(c)) as string;
    expect(() => applyReplacements(parts, SEED, result, [request({ certNo: outsider })])).toThrow(DrawInputError);
    expect(() => applyReplacements(parts, SEED, result, [request({ uscc: uscc(99) })])).toThrow(/不是本次抽取中已配备检查组的检查/);
  });
});
