import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { saltFor } from './alea';
import { RosterPass, runDraw, runShardedDraw } from './draw';
import { DrawInputError } from './errors';
import { usccOrder } from './order';
import { assessEnterprise } from './eligibility';
import { ALGORITHM_VERSION, preparePlan } from './plan';
import { DEFAULT_TIER_POLICY, TIERS } from './policy';
import { hashResult, serialiseResult } from './result';
import { deriveSeed } from './seed';
import { hashSnapshot } from './serialise';
import { enterprise, inspector, matter, SEED, seedInputs, shuffled, snapshot, task, uscc } from './testing';
import type { DrawEnterprise, DrawResult, DrawSnapshot, Requirement, Tier, UnstaffedReason } from './types';
import { makeReceipt, verifyDraw } from './verify';

const DEPTS = ['危化处', '市场监管局'];
const SPECS = ['危化', '烟花', '地震'];
const STATUSES = ['active', 'active', 'active', 'operating', 'suspended', 'cancelled', 'revoked', 'closed', 'moved_out'] as const;

const matterArb = fc.record({
  baseRatioBp: fc.oneof(fc.integer({ min: 0, max: 10000 }), fc.constantFrom(0, 1, 2000, 3333, 5000, 10000)),
  roundsPerYear: fc.integer({ min: 1, max: 2 }),
  keySupervision: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }),
  highRisk: fc.boolean(),
  dept: fc.nat(DEPTS.length - 1),
  spec: fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: fc.constantFrom(...SPECS), weight: 1 }),
});

const enterpriseArb = fc.record({
  status: fc.oneof({ arbitrary: fc.constant('active' as const), weight: 4 }, { arbitrary: fc.constantFrom(...STATUSES), weight: 1 }),
  tier: fc.constantFrom<Tier>('A', 'B', 'C', 'D'),
  newEconomy: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }),
  observation: fc.constantFrom<[string | null, string | null]>(
    ['2025-01-01', '2027-01-01'],
    ['2025-01-01', '2026-03-31'],
    [null, null],
    [null, '2026-05-01'],
  ),
  trigger: fc.boolean(),
  accident: fc.constantFrom(null, '2022-01-01', '2025-05-05'),
  matters: fc.subarray([0, 1, 2, 5], { minLength: 1 }),
  drawn: fc.nat(3),
  region: fc.constantFrom('320803', '320812', '321001'),
});

const inspectorArb = fc.record({
  dept: fc.nat(DEPTS.length - 1),
  specs: fc.oneof(fc.subarray(SPECS), fc.constant(SPECS)),
  leave: fc.oneof(
    { arbitrary: fc.constant<[string, string][]>([]), weight: 4 },
    { arbitrary: fc.constantFrom<[string, string][]>([['2026-05-01', '2026-05-02']], [['2026-01-01', '2026-02-01']]), weight: 1 },
  ),
});

const snapshotArb: fc.Arbitrary<DrawSnapshot> = fc
  .record({
    matters: fc.array(matterArb, { minLength: 1, maxLength: 3 }),
    enterprises: fc.array(enterpriseArb, { minLength: 3, maxLength: 30, size: 'max' }),
    inspectors: fc.array(inspectorArb, { minLength: 2, maxLength: 12, size: 'max' }),
    conflicts: fc.array(fc.tuple(fc.nat(11), fc.nat(29)), { maxLength: 8 }),
    previous: fc.array(fc.tuple(fc.nat(29), fc.subarray([0, 1, 2, 3, 4, 5])), { maxLength: 5 }),
    teamSize: fc.oneof({ arbitrary: fc.constant(2), weight: 3 }, { arbitrary: fc.constant(3), weight: 1 }),
    cap: fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: fc.integer({ min: 1, max: 6 }), weight: 1 }),
    targeted: fc.boolean(),
    jointAnyway: fc.boolean(),
  })
  .map((r) => {
    const matters = r.matters.map((m, i) => ({
      code: `M0${i + 1}`,
      baseRatioBp: m.baseRatioBp,
      roundsPerYear: m.roundsPerYear,
      keySupervision: m.keySupervision,
      highRisk: m.highRisk,
      leadDepartment: DEPTS[m.dept],
      requiredSpeciality: m.spec,
    }));
    const codes = ['M01', 'M02', 'M03', 'M09'];
    const enterprises: DrawEnterprise[] = r.enterprises.map((e, i) => ({
      uscc: uscc(i * 7 + 1),
      region: e.region,
      industry: '危险化学品',
      status: e.status,
      tier: e.tier,
      newEconomy: e.newEconomy,
      observationStart: e.observation[0],
      observationEnd: e.observation[1],
      triggers: e.trigger ? ['monitoring_alert'] : [],
      lastAccidentOn: e.accident,
      matters: e.matters.map((k) => codes[k] ?? 'M05'),
      drawnThisYear: e.drawn > 0 ? { M01: e.drawn } : undefined,
    }));
    const inspectors = r.inspectors.map((x, i) => ({
      certNo: `ZF${String(i).padStart(4, '0')}`,
      department: DEPTS[x.dept],
      specialities: x.specs,
      leave: x.leave.map(([from, until]) => ({ from, until })),
    }));
    const known = (i: number, e: number) => i < inspectors.length && e < enterprises.length;
    return {
      task: task({
        teamSize: r.teamSize,
        maxPerInspector: r.cap,
        joint: r.jointAnyway || new Set(matters.map((m) => m.leadDepartment)).size > 1,
        targeted: r.targeted,
        filter: r.targeted ? { regionPrefixes: ['3208'], industries: [], tiers: [] } : null,
      }),
      matters,
      tierPolicy: DEFAULT_TIER_POLICY,
      seedSources: [{ id: 'drand', kind: 'beacon', description: 'drand', ordered: true, secretSha256: null }],
      enterprises,
      inspectors,
      conflicts: r.conflicts.filter(([i, e]) => known(i, e)).map(([i, e]) => ({ certNo: inspectors[i].certNo, uscc: enterprises[e].uscc })),
      previousTeams: [...new Map(r.previous.filter(([e]) => e < enterprises.length).map(([e, team]) => [e, team])).entries()].map(
        ([e, team]) => ({
          uscc: enterprises[e].uscc,
          certNos: team.filter((i) => i < inspectors.length).map((i) => inspectors[i].certNo),
        }),
      ),
    };
  });

const seedArb = fc.stringMatching(/^[0-9a-f]{64}$/);
const RUNS = { numRuns: 150 };

/** The same snapshot with every collection and every set reordered. */
function reordered(s: DrawSnapshot, salt: number): DrawSnapshot {
  return {
    ...s,
    matters: shuffled(s.matters, salt),
    enterprises: shuffled(s.enterprises, salt + 1).map((e) => ({ ...e, matters: shuffled(e.matters, salt) })),
    inspectors: shuffled(s.inspectors, salt + 2).map((i) => ({ ...i, specialities: shuffled(i.specialities, salt) })),
    conflicts: shuffled(s.conflicts, salt + 3),
    previousTeams: shuffled(s.previousTeams, salt + 4).map((t) => ({ ...t, certNos: shuffled(t.certNos, salt) })),
  };
}

/**
 * docs/draw-algorithm.md §5–§7 written the slow, obvious way (whole sorts, scans of every
 * inspector, the seedrandom library itself), to check the engine's heaps and lazy keys.
 */
function referenceDraw(s: DrawSnapshot, seed: string): { teams: Map<string, string[]>; unstaffed: Map<string, UnstaffedReason> } {
  const alea = (purpose: string, key: string) => seedrandom.alea(saltFor(ALGORITHM_VERSION, purpose, seed) + key).double();
  const plan = preparePlan(s);
  const strata = new Map<string, string[]>();
  for (const e of s.enterprises) {
    for (const v of assessEnterprise(plan, e)) {
      if (v.reason !== null) continue;
      const key = `${v.matter}|${v.tier}`;
      strata.set(key, [...(strata.get(key) ?? []), e.uscc]);
    }
  }
  const drawn = new Map<string, string[]>();
  for (const [key, usccs] of strata) {
    const [code, tier] = key.split('|');
    const mi = plan.matterIndex.get(code) as number;
    const k = Math.ceil((usccs.length * plan.ratioBp[mi * 4 + TIERS.indexOf(tier as Tier)]) / 10000);
    const ranked = usccs.map((u) => ({ u, r: alea(`rank|${code}`, u) })).sort((a, b) => a.r - b.r || (a.u < b.u ? -1 : 1));
    for (const { u } of ranked.slice(0, k)) drawn.set(u, [...(drawn.get(u) ?? []), code].sort());
  }
  const pool = [...s.inspectors]
    .sort((a, b) => (a.certNo < b.certNo ? -1 : 1))
    .filter((i) => !i.leave.some((l) => l.from <= s.task.windowEnd && l.until >= s.task.windowStart));
  const load = new Map(pool.map((i) => [i.certNo, 0]));
  const cap = s.task.maxPerInspector ?? Infinity;
  const meets = (i: (typeof pool)[number], r: Requirement) =>
    i.department === r.department && (r.speciality === null || i.specialities.includes(r.speciality));
  const order = [...drawn.keys()].map((u) => ({ u, r: alea('visit', u) })).sort((a, b) => a.r - b.r || (a.u < b.u ? -1 : 1));
  const teams = new Map<string, string[]>();
  const unstaffed = new Map<string, UnstaffedReason>();
  for (const { u } of order) {
    const reqs = (drawn.get(u) as string[])
      .map((c) => s.matters.find((m) => m.code === c))
      .map((m) => ({ department: m!.leadDepartment, speciality: m!.requiredSpeciality }));
    const qualify = reqs.filter((r, i) => reqs.findIndex((o) => o.department === r.department && o.speciality === r.speciality) === i);
    const cover = qualify
      .filter((r) => r.speciality !== null || !qualify.some((o) => o.department === r.department && o.speciality !== null))
      .sort((a, b) =>
        a.department < b.department ? -1 : a.department > b.department ? 1 : (a.speciality ?? '') < (b.speciality ?? '') ? -1 : 1,
      );
    const previous = s.previousTeams.find((t) => t.uscc === u)?.certNos ?? [];
    const conflicted = s.conflicts.filter((c) => c.uscc === u).map((c) => c.certNo);
    const team: string[] = [];
    const best = (rs: Requirement[]) =>
      pool
        .filter(
          (i) =>
            rs.some((r) => meets(i, r)) &&
            !team.includes(i.certNo) &&
            !conflicted.includes(i.certNo) &&
            (load.get(i.certNo) as number) < cap,
        )
        .map((i) => ({
          c: i.certNo,
          key: [load.get(i.certNo) as number, previous.includes(i.certNo) ? 1 : 0, alea('pair', `${i.certNo}|${load.get(i.certNo)}`)],
        }))
        .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2] || (a.c < b.c ? -1 : 1))[0]?.c;
    let failed: UnstaffedReason | null = null;
    for (const r of cover) {
      if (
        team.some((c) =>
          meets(
            pool.find((i) => i.certNo === c)!,
            r,
          ),
        )
      )
        continue;
      const c = best([r]);
      if (c === undefined) {
        failed = 'no_qualified_inspector'; // the reason itself is checked in staffing.spec.ts
        break;
      }
      team.push(c);
    }
    while (failed === null && team.length < s.task.teamSize) {
      const c = best(qualify);
      if (c === undefined) failed = 'too_few_inspectors';
      else team.push(c);
    }
    if (failed) unstaffed.set(u, failed);
    else {
      for (const c of team) load.set(c, (load.get(c) as number) + 1);
      teams.set(u, team.sort());
    }
  }
  // Balancing (§8): teams is in staffing order, the pool in certNo order.
  const groups = new Map<string, string[]>();
  for (const i of pool) {
    const key = `${i.department}|${[...i.specialities].sort().join(',')}`;
    groups.set(key, [...(groups.get(key) ?? []), i.certNo]);
  }
  for (const group of groups.values()) {
    for (;;) {
      const loads = group.map((c) => load.get(c) as number);
      const hi = Math.max(...loads);
      if (hi - Math.min(...loads) <= 1) break;
      const low = group
        .filter((c) => (load.get(c) as number) <= hi - 2)
        .sort((a, b) => (load.get(a) as number) - (load.get(b) as number) || (a < b ? -1 : 1));
      const move = group
        .filter((c) => load.get(c) === hi)
        .flatMap((from) =>
          [...teams]
            .filter(([, team]) => team.includes(from))
            .flatMap(([u, team]) => {
              const previous = s.previousTeams.find((t) => t.uscc === u)?.certNos ?? [];
              return low
                .filter(
                  (to) =>
                    !team.includes(to) &&
                    !s.conflicts.some((c) => c.uscc === u && c.certNo === to) &&
                    (!previous.includes(to) || previous.includes(from)),
                )
                .map((to) => ({ from, u, to }));
            }),
        )[0];
      if (!move) break;
      const team = teams.get(move.u) as string[];
      teams.set(move.u, team.map((c) => (c === move.from ? move.to : c)).sort());
      load.set(move.from, hi - 1);
      load.set(move.to, (load.get(move.to) as number) + 1);
    }
  }
  return { teams, unstaffed };
}

/** One matter at 100%, one group of interchangeable inspectors, many conflicts: balancing has work. */
const crowdedArb: fc.Arbitrary<DrawSnapshot> = fc
  .record({
    enterprises: fc.integer({ min: 4, max: 30 }),
    inspectors: fc.integer({ min: 3, max: 8 }),
    conflicts: fc.array(fc.tuple(fc.nat(7), fc.nat(29)), { maxLength: 40 }),
    previous: fc.array(fc.tuple(fc.nat(29), fc.subarray([0, 1, 2, 3, 4, 5, 6, 7], { maxLength: 3 })), { maxLength: 10 }),
    teamSize: fc.constantFrom(2, 2, 3),
  })
  .map((r) => {
    const usccs = Array.from({ length: r.enterprises }, (_, i) => uscc(i * 7 + 1));
    const certNos = Array.from({ length: r.inspectors }, (_, i) => `ZF${String(i).padStart(4, '0')}`);
    return snapshot({
      task: task({ teamSize: r.teamSize }),
      matters: [matter('M01', { baseRatioBp: 10000 })],
      enterprises: usccs.map((u, i) => enterprise(i * 7 + 1, { uscc: u })),
      inspectors: certNos.map((_, i) => inspector(i)),
      conflicts: r.conflicts
        .filter(([i, e]) => i < r.inspectors && e < r.enterprises)
        .map(([i, e]) => ({ certNo: certNos[i], uscc: usccs[e] })),
      previousTeams: [...new Map(r.previous.filter(([e]) => e < r.enterprises)).entries()].map(([e, team]) => ({
        uscc: usccs[e],
        certNos: team.filter((i) => i < r.inspectors).map((i) => certNos[i]),
      })),
    });
  });

/**
 * Loads within a group differ by at most one, or no single inspection of a most-loaded member
 * could lawfully go to a member two or more below (the documented limit of balancing).
 */
function balancedAsFarAsLawful(s: DrawSnapshot, r: DrawResult): boolean {
  const load = new Map(s.inspectors.map((i) => [i.certNo, 0]));
  for (const i of r.inspections) for (const c of i.team) load.set(c, (load.get(c) as number) + 1);
  const groups = new Map<string, string[]>();
  for (const i of s.inspectors) {
    if (i.leave.some((l) => l.from <= s.task.windowEnd && l.until >= s.task.windowStart)) continue;
    const key = `${i.department}|${[...i.specialities].sort().join(',')}`;
    groups.set(key, [...(groups.get(key) ?? []), i.certNo]);
  }
  return [...groups.values()].every((group) => {
    const hi = Math.max(...group.map((c) => load.get(c) as number));
    return r.inspections.every((visit) => {
      const previous = s.previousTeams.find((t) => t.uscc === visit.uscc)?.certNos ?? [];
      return visit.team
        .filter((from) => group.includes(from) && load.get(from) === hi)
        .every((from) =>
          group.every(
            (to) =>
              (load.get(to) as number) > hi - 2 ||
              visit.team.includes(to) ||
              s.conflicts.some((c) => c.uscc === visit.uscc && c.certNo === to) ||
              (previous.includes(to) && !previous.includes(from)),
          ),
        );
    });
  });
}

describe('draw properties', () => {
  it('same inputs, same draw', () => {
    fc.assert(
      fc.property(snapshotArb, seedArb, (s, seed) => {
        expect(serialiseResult(runDraw(s, seed))).toBe(serialiseResult(runDraw(structuredClone(s), seed)));
      }),
      RUNS,
    );
  });

  it('shuffled input order, same snapshot hash and same draw', () => {
    fc.assert(
      fc.property(snapshotArb, seedArb, fc.nat(1000), (s, seed, salt) => {
        const t = reordered(s, salt);
        expect(hashSnapshot(t)).toBe(hashSnapshot(s));
        expect(hashResult(runDraw(t, seed))).toBe(hashResult(runDraw(s, seed)));
      }),
      RUNS,
    );
  });

  it('a different seed gives a different draw when there is a choice to make', () => {
    const snap = snapshot({ enterprises: Array.from({ length: 40 }, (_, i) => enterprise(i)) });
    expect(hashResult(runDraw(snap, SEED))).not.toBe(hashResult(runDraw(snap, 'f'.repeat(64))));
  });

  it('draws exactly ceil(eligible × ratio) per stratum, only from eligible pairs', () => {
    fc.assert(
      fc.property(snapshotArb, seedArb, (s, seed) => {
        const r = runDraw(s, seed);
        const plan = preparePlan(s);
        const verdicts = new Map(s.enterprises.map((e) => [e.uscc, assessEnterprise(plan, e)]));
        const drawnPerStratum = new Map<string, number>();
        for (const i of [...r.inspections, ...r.unstaffed]) {
          for (const code of i.matters) {
            const v = verdicts.get(i.uscc)?.find((x) => x.matter === code);
            expect(v?.reason).toBeNull();
            const key = `${code}|${v?.tier}`;
            drawnPerStratum.set(key, (drawnPerStratum.get(key) ?? 0) + 1);
          }
        }
        for (const st of r.strata) {
          const eligible = [...verdicts.values()]
            .flat()
            .filter((v) => v.matter === st.matter && v.tier === st.tier && v.reason === null).length;
          expect(st.eligible).toBe(eligible);
          expect(st.sampleSize).toBe(Math.ceil((eligible * st.ratioBp) / 10000));
          expect(drawnPerStratum.get(`${st.matter}|${st.tier}`) ?? 0).toBe(st.sampleSize);
        }
        expect(r.exclusions.length).toBe([...verdicts.values()].flat().filter((v) => v.reason !== null).length);
      }),
      RUNS,
    );
  });

  it('every team is lawful: size, departments, speciality, no leave, no recusal, cap', () => {
    fc.assert(
      fc.property(snapshotArb, seedArb, (s, seed) => {
        const r = runDraw(s, seed);
        const byCert = new Map(s.inspectors.map((i) => [i.certNo, i]));
        const loads = new Map<string, number>();
        for (const insp of r.inspections) {
          expect(new Set(insp.team).size).toBe(insp.team.length);
          expect(insp.team.length).toBeGreaterThanOrEqual(s.task.teamSize);
          const reqs = insp.matters.map((c) => s.matters.find((m) => m.code === c)!);
          const meets = (c: string, m: (typeof reqs)[number]) => {
            const i = byCert.get(c)!;
            return i.department === m.leadDepartment && (m.requiredSpeciality === null || i.specialities.includes(m.requiredSpeciality));
          };
          for (const m of reqs) expect(insp.team.some((c) => meets(c, m))).toBe(true);
          for (const c of insp.team) {
            expect(reqs.some((m) => meets(c, m))).toBe(true);
            expect(byCert.get(c)!.leave.some((l) => l.from <= s.task.windowEnd && l.until >= s.task.windowStart)).toBe(false);
            expect(s.conflicts.some((x) => x.certNo === c && x.uscc === insp.uscc)).toBe(false);
            loads.set(c, (loads.get(c) ?? 0) + 1);
          }
        }
        for (const n of loads.values()) expect(n).toBeLessThanOrEqual(s.task.maxPerInspector ?? Infinity);
      }),
      RUNS,
    );
  });

  it('drawing shards separately and merging gives the same result as the whole', () => {
    fc.assert(
      fc.property(snapshotArb, seedArb, fc.array(fc.nat(3), { maxLength: 30 }), (s, seed, assignment) => {
        const shards: DrawEnterprise[][] = [[], [], [], []];
        s.enterprises.forEach((e, i) => shards[assignment[i] ?? 0].push(e));
        const { enterprises: _, ...parts } = s;
        expect(serialiseResult(runShardedDraw(parts, shards, seed))).toBe(serialiseResult(runDraw(s, seed)));
      }),
      RUNS,
    );
  });

  it('feeding the roster in ascending chunks, as a draw read from the snapshot file does, gives the same result as the whole', () => {
    fc.assert(
      fc.property(snapshotArb, seedArb, fc.array(fc.nat(30), { maxLength: 5 }), (s, seed, cuts) => {
        const sorted = Array.from(usccOrder(s.enterprises.map((e) => e.uscc)), (i) => s.enterprises[i]);
        const bounds = [0, ...[...cuts].sort((a, b) => a - b).map((c) => Math.min(c, sorted.length)), sorted.length];
        const { enterprises: _, ...parts } = s;
        // The plan comes from the file's first line, before the inspectors (which come after the roster) are read.
        const pass = new RosterPass(preparePlan({ ...parts, inspectors: [], conflicts: [], previousTeams: [] }));
        for (let i = 1; i < bounds.length; i++) pass.add(shuffled(sorted.slice(bounds[i - 1], bounds[i]), cuts[i] ?? i));
        expect(pass.enterprises).toBe(s.enterprises.length);
        expect(serialiseResult(pass.finish(parts, seed))).toBe(serialiseResult(runDraw(s, seed)));
      }),
      RUNS,
    );
  });

  it('refuses chunks that overlap or come out of order, and a uscc repeated across chunks or shards', () => {
    const { enterprises: _, ...parts } = snapshot();
    const [a, b, c] = [enterprise(1), enterprise(2), enterprise(3)].sort((x, y) => (x.uscc < y.uscc ? -1 : 1));
    const pass = (): RosterPass => new RosterPass(preparePlan(parts));
    const outOfOrder = pass();
    outOfOrder.add([b, c]);
    expect(() => outOfOrder.add([a])).toThrow(/升序分批读入/);
    const repeated = pass();
    repeated.add([a, b]);
    expect(() => repeated.add([b, c])).toThrow(new DrawInputError([`统一社会信用代码“${b.uscc}”重复`]));
    expect(() => runShardedDraw(parts, [[a, b], [b, c]], SEED)).toThrow(new DrawInputError([`统一社会信用代码“${b.uscc}”重复`]));
  });

  it('equals a naive re-implementation of the documented selection and pairing rules', () => {
    fc.assert(
      fc.property(snapshotArb, seedArb, (s, seed) => {
        const r: DrawResult = runDraw(s, seed);
        const ref = referenceDraw(s, seed);
        expect(new Map(r.inspections.map((i) => [i.uscc, i.team]))).toEqual(ref.teams);
        expect(new Set(r.unstaffed.map((u) => u.uscc))).toEqual(new Set(ref.unstaffed.keys()));
      }),
      RUNS,
    );
  });

  it('evens out loads within each group of interchangeable inspectors as far as the rules allow', () => {
    fc.assert(
      fc.property(fc.oneof(snapshotArb, crowdedArb), seedArb, (s, seed) => {
        const r = runDraw(s, seed);
        expect(balancedAsFarAsLawful(s, r)).toBe(true);
        expect(r.inspections.every((i) => !s.conflicts.some((c) => c.uscc === i.uscc && i.team.includes(c.certNo)))).toBe(true);
      }),
      RUNS,
    );
  });

  it('balances exactly as the naive re-implementation does', () => {
    fc.assert(
      fc.property(crowdedArb, seedArb, (s, seed) => {
        const r = runDraw(s, seed);
        const ref = referenceDraw(s, seed);
        expect(new Map(r.inspections.map((i) => [i.uscc, i.team]))).toEqual(ref.teams);
      }),
      RUNS,
    );
  });

  it('verifies its own receipt', () => {
    fc.assert(
      fc.property(snapshotArb, (s) => {
        const inputs = seedInputs(hashSnapshot(s));
        const { seed } = deriveSeed(s.seedSources, inputs);
        const receipt = makeReceipt(s, inputs, runDraw(s, seed));
        expect(verifyDraw(receipt, reordered(s, 5))).toMatchObject({ match: true, resultHash: receipt.resultHash });
      }),
      { numRuns: 40 },
    );
  });
});
