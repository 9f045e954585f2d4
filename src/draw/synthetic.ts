import seedrandom from 'seedrandom';
import { USCC_CHARSET, usccCheckChar } from '../common/uscc';
import type { EnterpriseStatus, TriggerKind } from '../enterprises/enterprise-status';
import { DEFAULT_TIER_POLICY } from './policy';
import type { DrawEnterprise, DrawInspector, DrawMatter, DrawSnapshot, Tier } from './types';

/**
 * Generated rosters for tests and benchmarks: deterministic from `seed`, valid USCCs,
 * proportions loosely like a city roster. Not used by the draw itself.
 */
export interface SyntheticOptions {
  enterprises: number;
  inspectors: number;
  departments?: number;
  matters?: number;
  /** How many of the matters each enterprise is subject to: a random count in this range. */
  mattersPerEnterprise?: [number, number];
  seed?: string;
}

/** A valid USCC for a number: 91 + region + the number in base 31 + check character. */
export function syntheticUscc(n: number, region = '320800'): string {
  const chars = ['9', '1', ...region];
  const body: string[] = [];
  for (let i = 0; i < 9; i++) {
    body.unshift(USCC_CHARSET[n % 31]);
    n = Math.floor(n / 31);
  }
  chars.push(...body);
  chars.push(usccCheckChar(chars.join('')) as string);
  return chars.join(''); // one flat string, as a database driver would hand over
}

const REGIONS = ['320802', '320803', '320804', '320812', '320813', '320826', '320830', '320831'];
const INDUSTRIES = ['危险化学品', '烟花爆竹', '冶金', '有色', '建材', '机械', '轻工', '纺织', '烟草', '商贸'];
const NO_TRIGGERS: TriggerKind[] = [];
const BASE_RATIOS = [2000, 10000, 1000, 500, 300, 1500, 2000, 500, 1000, 300, 2500, 800];

export function syntheticMatters(count: number, departments: number): DrawMatter[] {
  return Array.from({ length: count }, (_, i) => ({
    code: `M${String(i + 1).padStart(2, '0')}`,
    baseRatioBp: BASE_RATIOS[i % BASE_RATIOS.length],
    roundsPerYear: i % 5 === 0 ? 2 : 1,
    keySupervision: BASE_RATIOS[i % BASE_RATIOS.length] === 10000,
    highRisk: i % 3 === 0,
    leadDepartment: `部门${(i % departments) + 1}`,
    requiredSpeciality: i % 4 === 3 ? null : `专业${(i % 6) + 1}`,
  }));
}

export function syntheticSnapshot(o: SyntheticOptions): DrawSnapshot {
  const rnd = seedrandom.alea(o.seed ?? 'synthetic');
  const departments = o.departments ?? 4;
  const matters = syntheticMatters(o.matters ?? 12, departments);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const codes = matters.map((m) => m.code);
  const tiers: Tier[] = ['A', 'A', 'B', 'B', 'B', 'B', 'B', 'B', 'C', 'D'];
  const enterprises: DrawEnterprise[] = new Array(o.enterprises);
  for (let n = 0; n < o.enterprises; n++) {
    // Region blocks keep the roster in uscc order, as ORDER BY uscc would deliver it.
    const region = REGIONS[Math.floor((n * REGIONS.length) / o.enterprises)];
    const r = rnd();
    const status: EnterpriseStatus =
      r < 0.01 ? 'cancelled' : r < 0.015 ? 'revoked' : r < 0.02 ? 'closed' : r < 0.022 ? 'moved_out' : 'active';
    const newEconomy = rnd() < 0.05;
    const [lo, hi] = o.mattersPerEnterprise ?? [1, 3];
    const k = Math.min(codes.length, lo + Math.floor(rnd() * (hi - lo + 1)));
    const subject: string[] = [];
    while (subject.length < k) {
      const c = pick(codes);
      if (!subject.includes(c)) subject.push(c);
    }
    const e: DrawEnterprise = {
      uscc: syntheticUscc(n, region),
      region,
      industry: pick(INDUSTRIES),
      status,
      tier: pick(tiers),
      newEconomy,
      observationStart: newEconomy ? '2025-07-01' : null,
      observationEnd: newEconomy ? '2027-06-30' : null,
      triggers: rnd() < 0.01 ? ['complaint'] : NO_TRIGGERS,
      lastAccidentOn: rnd() < 0.01 ? '2025-11-20' : null,
      matters: subject,
    };
    if (rnd() < 0.05) e.drawnThisYear = { [subject[0]]: 1 };
    enterprises[n] = e;
  }
  const inspectors: DrawInspector[] = Array.from({ length: o.inspectors }, (_, n) => {
    const department = `部门${(n % departments) + 1}`;
    const own = matters
      .filter((m) => m.leadDepartment === department && m.requiredSpeciality !== null)
      .map((m) => m.requiredSpeciality as string);
    return {
      certNo: `ZF${String(n).padStart(7, '0')}`,
      department,
      specialities: [...new Set(own.filter(() => rnd() < 0.7))],
      leave: rnd() < 0.05 ? [{ from: '2026-04-10', until: '2026-04-20' }] : [],
    };
  });
  const conflicts = Array.from({ length: Math.floor(o.enterprises / 200) }, () => ({
    certNo: pick(inspectors).certNo,
    uscc: pick(enterprises).uscc,
  }));
  const previousTeams = Array.from({ length: Math.min(o.enterprises, Math.floor(o.enterprises / 20)) }, (_, n) => ({
    uscc: enterprises[n * 20].uscc,
    certNos: [pick(inspectors).certNo, pick(inspectors).certNo],
  })).filter((t) => t.certNos.length > 0);
  return {
    task: {
      code: '淮应急抽查〔2026〕3号',
      year: 2026,
      round: 1,
      windowStart: '2026-04-01',
      windowEnd: '2026-06-30',
      targeted: false,
      filter: null,
      joint: departments > 1,
      teamSize: 2,
      maxPerInspector: null,
    },
    matters,
    tierPolicy: DEFAULT_TIER_POLICY,
    seedSources: [
      {
        id: 'fc-ssq',
        kind: 'lottery',
        description: '中国福利彩票双色球第2026045期开奖号码（红球按开奖公告顺序，蓝球在后）',
        ordered: true,
        secretSha256: null,
      },
      { id: 'drand', kind: 'beacon', description: 'drand 主网第 5000000 轮随机数', ordered: true, secretSha256: null },
    ],
    enterprises,
    inspectors,
    conflicts,
    previousTeams,
  };
}
