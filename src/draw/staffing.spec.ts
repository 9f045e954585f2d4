import { runDraw } from './draw';
import { enterprise, inspector, matter, SEED, snapshot, task, uscc } from './testing';
import type { DrawResult, DrawSnapshot } from './types';

/** Every enterprise drawn (100%), so the spec is about staffing only. */
function draw(over: Partial<DrawSnapshot>): DrawResult {
  return runDraw(snapshot({ matters: [matter('M01', { baseRatioBp: 10000 })], ...over }), SEED);
}

const SEEDS = Array.from({ length: 40 }, (_, i) => (i + 1).toString(16).padStart(64, '0'));

function drawWith(seed: string, over: Partial<DrawSnapshot>): DrawResult {
  return runDraw(snapshot({ matters: [matter('M01', { baseRatioBp: 10000 })], ...over }), seed);
}

const loadsOf = (r: DrawResult): Map<string, number> => {
  const loads = new Map<string, number>();
  for (const i of r.inspections) for (const c of i.team) loads.set(c, (loads.get(c) ?? 0) + 1);
  return loads;
};

describe('inspector pairing', () => {
  it('gives every inspection two distinct inspectors of the lead department', () => {
    const r = draw({ inspectors: [...Array.from({ length: 4 }, (_, i) => inspector(i)), inspector(9, { department: '综合处' })] });
    expect(r.inspections).toHaveLength(10);
    for (const i of r.inspections) {
      expect(new Set(i.team).size).toBe(2);
      expect(i.team).not.toContain('ZF0009');
    }
  });

  it('spreads the work evenly: no inspector more than one inspection above another', () => {
    const r = draw({
      enterprises: Array.from({ length: 23 }, (_, i) => enterprise(i)),
      inspectors: Array.from({ length: 7 }, (_, i) => inspector(i)),
    });
    const loads = [...loadsOf(r).values()];
    expect(loads).toHaveLength(7);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
  });

  it('draws pairs at random rather than in fixed couples', () => {
    const r = draw({
      enterprises: Array.from({ length: 40 }, (_, i) => enterprise(i)),
      inspectors: Array.from({ length: 6 }, (_, i) => inspector(i)),
    });
    expect(new Set(r.inspections.map((i) => i.team.join('+'))).size).toBeGreaterThan(6);
  });

  it('requires the matter speciality of at least one member, and every member qualifies for some matter', () => {
    const r = draw({
      matters: [matter('M01', { baseRatioBp: 10000, requiredSpeciality: '烟花爆竹' })],
      inspectors: [
        inspector(0, { specialities: ['烟花爆竹'] }),
        inspector(1, { specialities: ['烟花爆竹', '危化'] }),
        inspector(2, { specialities: ['危化'] }),
      ],
    });
    for (const i of r.inspections) expect(i.team).toEqual(['ZF0000', 'ZF0001']);
  });

  it('staffs a joint inspection with at least one inspector from each department', () => {
    const r = draw({
      task: task({ joint: true }),
      matters: [matter('M01', { baseRatioBp: 10000 }), matter('M02', { baseRatioBp: 10000, leadDepartment: '市场监管局' })],
      enterprises: Array.from({ length: 6 }, (_, i) => enterprise(i, { matters: ['M01', 'M02'] })),
      inspectors: [inspector(0), inspector(1), inspector(2, { department: '市场监管局' }), inspector(3, { department: '市场监管局' })],
    });
    expect(r.inspections).toHaveLength(6);
    for (const i of r.inspections) {
      expect(i.matters).toEqual(['M01', 'M02']);
      expect(i.team.filter((c) => c <= 'ZF0001')).toHaveLength(1);
      expect(i.team.filter((c) => c >= 'ZF0002')).toHaveLength(1);
    }
  });

  it('never sends an inspector on leave in the window, nor one who must recuse', () => {
    const r = draw({
      inspectors: [
        inspector(0, { leave: [{ from: '2026-06-30', until: '2026-07-15' }] }),
        inspector(1),
        inspector(2),
        inspector(3, { leave: [{ from: '2026-01-01', until: '2026-04-01' }] }),
        inspector(4, { leave: [{ from: '2026-01-01', until: '2026-03-31' }] }),
      ],
      conflicts: [
        { certNo: 'ZF0001', uscc: uscc(4) },
        { certNo: 'ZF0004', uscc: uscc(4) },
      ],
    });
    const sent = new Set(r.inspections.flatMap((i) => i.team));
    expect(sent).toEqual(new Set(['ZF0001', 'ZF0002', 'ZF0004']));
    expect(r.inspections.find((i) => i.uscc === uscc(4))).toBeUndefined();
    expect(r.unstaffed).toEqual([
      { uscc: uscc(4), matters: ['M01'], reason: 'too_few_inspectors', label: expect.stringContaining('不足'), requirement: null },
    ]);
  });

  it('prefers inspectors who did not go last time, and falls back to them when no one else may go', () => {
    // Over many seeds, so that a random pairing cannot pass by luck.
    const previousTeams = [{ uscc: uscc(1), certNos: ['ZF0000', 'ZF0001'] }];
    for (const seed of SEEDS) {
      const prefer = drawWith(seed, { enterprises: [enterprise(1)], inspectors: [0, 1, 2, 3].map((i) => inspector(i)), previousTeams });
      expect(prefer.inspections[0].team).toEqual(['ZF0002', 'ZF0003']);
      const fallback = drawWith(seed, { enterprises: [enterprise(1)], inspectors: [0, 1, 2].map((i) => inspector(i)), previousTeams });
      expect(fallback.inspections[0].team).toHaveLength(2);
      expect(fallback.inspections[0].team).toContain('ZF0002');
    }
  });

  it('evens out the work that recusals would leave uneven', () => {
    // ZF0000 must stay away from 12 of the 30: picking greedily leaves it two below the others in many draws.
    const conflicts = Array.from({ length: 12 }, (_, i) => ({ certNo: 'ZF0000', uscc: uscc(i) }));
    for (const seed of SEEDS) {
      const r = drawWith(seed, {
        enterprises: Array.from({ length: 30 }, (_, i) => enterprise(i)),
        inspectors: Array.from({ length: 6 }, (_, i) => inspector(i)),
        conflicts,
      });
      const loads = [...loadsOf(r).values()];
      expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
      for (const i of r.inspections) if (conflicts.some((c) => c.uscc === i.uscc)) expect(i.team).not.toContain('ZF0000');
    }
  });

  it('respects the cap and says which inspections it left unstaffed', () => {
    const r = draw({ task: task({ maxPerInspector: 2 }), inspectors: Array.from({ length: 4 }, (_, i) => inspector(i)) });
    expect(r.inspections).toHaveLength(4);
    expect(Math.max(...loadsOf(r).values())).toBe(2);
    expect(r.unstaffed.map((u) => u.reason)).toEqual(Array(6).fill('cap_reached'));
  });

  it('names the reason when no lawful team exists', () => {
    const spec = { matters: [matter('M01', { baseRatioBp: 10000, requiredSpeciality: '地震监测' })] };
    expect(draw({ ...spec }).unstaffed[0]).toMatchObject({
      reason: 'no_qualified_inspector',
      requirement: { department: '危化处', speciality: '地震监测' },
    });
    const away = [inspector(0, { specialities: ['地震监测'], leave: [{ from: '2026-04-01', until: '2026-04-01' }] })];
    expect(draw({ ...spec, inspectors: away }).unstaffed[0].reason).toBe('all_on_leave');
    const recused = {
      ...spec,
      enterprises: [enterprise(1)],
      inspectors: [inspector(0, { specialities: ['地震监测'] })],
      conflicts: [{ certNo: 'ZF0000', uscc: uscc(1) }],
    };
    expect(draw(recused).unstaffed[0].reason).toBe('all_recused');
    expect(draw({ inspectors: [inspector(0)] }).unstaffed[0].reason).toBe('too_few_inspectors');
  });

  it('honours a larger team size', () => {
    const r = draw({ task: task({ teamSize: 3 }), inspectors: Array.from({ length: 5 }, (_, i) => inspector(i)) });
    for (const i of r.inspections) expect(new Set(i.team).size).toBe(3);
  });
});
