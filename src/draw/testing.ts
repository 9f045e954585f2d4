import { DEFAULT_TIER_POLICY } from './policy';
import { syntheticUscc } from './synthetic';
import type { DrawEnterprise, DrawInspector, DrawMatter, DrawSnapshot, DrawTask, SeedInputs } from './types';

/** Small hand-made snapshots for specs (and examples in docs); plain data, no test framework. */

export const SEED = 'c0ffee'.padEnd(64, '0');

export const uscc = (n: number): string => syntheticUscc(n, '320803');

export function matter(code: string, over: Partial<DrawMatter> = {}): DrawMatter {
  return {
    code,
    baseRatioBp: 2000,
    roundsPerYear: 1,
    keySupervision: false,
    highRisk: false,
    leadDepartment: '危化处',
    requiredSpeciality: null,
    ...over,
  };
}

export function enterprise(n: number, over: Partial<DrawEnterprise> = {}): DrawEnterprise {
  return {
    uscc: uscc(n),
    region: '320803',
    industry: '危险化学品',
    status: 'active',
    tier: 'B',
    newEconomy: false,
    observationStart: null,
    observationEnd: null,
    lastAccidentOn: null,
    matters: ['M01'],
    ...over,
  };
}

export function inspector(n: number, over: Partial<DrawInspector> = {}): DrawInspector {
  return { certNo: `ZF${String(n).padStart(4, '0')}`, department: '危化处', specialities: [], leave: [], ...over };
}

export function task(over: Partial<DrawTask> = {}): DrawTask {
  return {
    code: '淮应急抽查〔2026〕3号',
    year: 2026,
    round: 1,
    windowStart: '2026-04-01',
    windowEnd: '2026-06-30',
    targeted: false,
    filter: null,
    joint: false,
    teamSize: 2,
    maxPerInspector: null,
    ...over,
  };
}

export function snapshot(over: Partial<DrawSnapshot> = {}): DrawSnapshot {
  return {
    task: task(),
    matters: [matter('M01')],
    tierPolicy: DEFAULT_TIER_POLICY,
    seedSources: [{ id: 'drand', kind: 'beacon', description: 'drand 主网第 5000000 轮', ordered: true, secretSha256: null }],
    enterprises: Array.from({ length: 10 }, (_, i) => enterprise(i)),
    inspectors: Array.from({ length: 6 }, (_, i) => inspector(i)),
    conflicts: [],
    previousTeams: [],
    ...over,
  };
}

export function seedInputs(snapshotHash: string, beacon = 'ab'.repeat(32)): SeedInputs {
  return {
    snapshotHash,
    committedAt: '2026-03-01T10:00:00+08:00',
    values: [{ sourceId: 'drand', value: beacon, availableAt: '2026-03-02T10:00:00+08:00' }],
  };
}

/** A deterministic shuffle (for order-independence checks). */
export function shuffled<T>(xs: readonly T[], salt: number): T[] {
  const out = [...xs];
  let state = (salt * 2654435761) >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The worked example of docs/draw-algorithm.md §12; golden.spec.ts checks the doc against the code. */
export function goldenSnapshot(): DrawSnapshot {
  return {
    task: task({ code: '淮应急抽查〔2026〕3号', joint: true }),
    matters: [
      matter('M01', { baseRatioBp: 2000, leadDepartment: '危化处', requiredSpeciality: '危险化学品' }),
      matter('M02', { baseRatioBp: 10000, keySupervision: true, highRisk: true, leadDepartment: '危化处', requiredSpeciality: '烟花爆竹' }),
      matter('M03', { baseRatioBp: 5000, leadDepartment: '执法监督处' }),
    ],
    tierPolicy: DEFAULT_TIER_POLICY,
    seedSources: [
      { id: 'drand', kind: 'beacon', description: 'drand 主网（quicknet）第 12000000 轮', ordered: true, secretSha256: null },
      {
        id: 'fc-ssq',
        kind: 'lottery',
        description: '中国福利彩票双色球第2026030期开奖号码，红球升序、蓝球在后',
        ordered: true,
        secretSha256: null,
      },
    ],
    enterprises: [
      enterprise(1, { tier: 'A', matters: ['M01', 'M03'] }),
      enterprise(2, { tier: 'B', matters: ['M01'] }),
      enterprise(3, { tier: 'B', matters: ['M01', 'M02'], drawnThisYear: { M01: 1 } }),
      enterprise(4, { tier: 'C', matters: ['M01'], lastAccidentOn: '2025-08-19' }),
      enterprise(5, { tier: 'B', matters: ['M02', 'M03'], newEconomy: true, observationStart: '2025-06-01', observationEnd: '2027-05-31' }),
      enterprise(6, { tier: 'B', matters: ['M01'], status: 'cancelled' }),
      enterprise(7, { tier: 'D', matters: ['M01', 'M03'], triggers: ['complaint'] }),
      enterprise(8, { tier: 'B', matters: ['M01', 'M03'], industry: '烟花爆竹' }),
    ],
    inspectors: [
      inspector(1, { specialities: ['危险化学品', '烟花爆竹'] }),
      inspector(2, { specialities: ['危险化学品'] }),
      inspector(3, { specialities: ['烟花爆竹'], leave: [{ from: '2026-05-04', until: '2026-05-08' }] }),
      inspector(4, { specialities: ['危险化学品'] }),
      inspector(5, { department: '执法监督处' }),
      inspector(6, { department: '执法监督处' }),
    ],
    conflicts: [{ certNo: 'ZF0002', uscc: uscc(4) }],
    previousTeams: [{ uscc: uscc(3), certNos: ['ZF0001', 'ZF0004'] }],
  };
}

/** The seed values of the worked example, revealed after its commitment. */
export function goldenSeedInputs(snapshotHash: string): SeedInputs {
  return {
    snapshotHash,
    committedAt: '2026-03-25T10:00:00+08:00',
    values: [
      { sourceId: 'fc-ssq', value: [3, 9, 14, 22, 27, 31, 6], availableAt: '2026-03-26T21:15:00+08:00' },
      { sourceId: 'drand', value: '6f3a4e1b9c0d2f8e7a5b3c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f', availableAt: '2026-03-26T13:20:30Z' },
    ],
  };
}
