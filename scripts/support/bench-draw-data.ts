/**
 * Generated registries for the draw benchmark (scripts/bench-draw.ts), loaded with COPY:
 * 4 departments, the 12 淮安 matters mapped onto them, N enterprises from the fixture
 * generator, inspectors of those 4 departments with the matters' specialities, and conflicts
 * between inspectors and enterprises they could be drawn for. Deterministic in (seed, sizes).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import seedrandom from 'seedrandom';
import { parseRatio } from '../../src/common/ratio';
import { HUAIAN_DEPARTMENTS, HUAIAN_MATTERS } from '../../fixtures/huaian-matters';
import { enterpriseAt, inspectorAt } from '../../fixtures/roster-generator';
import { progressLine } from './progress';

/**
 * The bureau's six departments folded into four: 政策法规处's 危险化学品经营 (M001) goes to
 * 危化处, which holds that speciality anyway; 规划科技处's 安全评价 (M005) joins 宣教培训处.
 */
const DEPARTMENT_OF: Record<string, string> = { ZCFG: 'WHC', WHC: 'WHC', JCC: 'JCC', FZJZ: 'FZJZ', PXC: 'PXC', GHKJ: 'PXC' };

export interface BenchDepartment {
  code: string;
  name: string;
  /** Required specialities of the matters it leads, in matter order. */
  specialities: string[];
  /** Share of the inspectors, roughly its share of the drawn visits. */
  weight: number;
}

const WEIGHTS: Record<string, number> = { WHC: 45, JCC: 25, FZJZ: 20, PXC: 10 };

export const BENCH_DEPARTMENTS: readonly BenchDepartment[] = Object.keys(WEIGHTS).map((code) => ({
  code,
  name: HUAIAN_DEPARTMENTS.find((d) => d.code === code)!.name,
  specialities: [
    ...new Set(HUAIAN_MATTERS.filter((m) => DEPARTMENT_OF[m.leadDepartmentCode] === code).map((m) => m.requiredSpeciality)),
  ],
  weight: WEIGHTS[code],
}));

export const benchLeadDepartment = (matterLeadCode: string): string => DEPARTMENT_OF[matterLeadCode];

// A fixed cycle of 20 slots in the departments' proportions: every department is staffed early.
const CYCLE: string[] = (() => {
  const slots: string[] = [];
  const left = new Map(BENCH_DEPARTMENTS.map((d) => [d.code, d.weight / 5]));
  while (slots.length < 20) {
    for (const d of BENCH_DEPARTMENTS) {
      const n = left.get(d.code)!;
      if (n > 0) {
        slots.push(d.code);
        left.set(d.code, n - 1);
      }
    }
  }
  return slots;
})();

export interface BenchInspector {
  certNo: string;
  name: string;
  departmentCode: string;
  specialities: string[];
  regionCode: string;
  leaveFrom: string | null;
  leaveUntil: string | null;
  phone: string;
  email: string;
}

/** The fixture inspector at `index` (name, cert no, leave …), moved into a bench department. */
export function benchInspectorAt(seed: string, index: number): BenchInspector {
  const base = inspectorAt(seed, index);
  const departmentCode = CYCLE[index % CYCLE.length];
  const own = BENCH_DEPARTMENTS.find((d) => d.code === departmentCode)!.specialities;
  const rng = seedrandom.alea(`${seed}|bench-inspector|${index}`);
  // The first speciality rotates through the department's, so each one is held by someone.
  const specialities = [own[Math.floor(index / CYCLE.length) % own.length]];
  const rest = own.filter((s) => s !== specialities[0]);
  const wanted = Math.min(rng() < 0.5 ? 1 : rng() < 0.7 ? 2 : 3, own.length);
  while (specialities.length < wanted) specialities.push(rest.splice(Math.floor(rng() * rest.length), 1)[0]);
  return { ...base, departmentCode, specialities };
}

// ---------------------------------------------------------------- COPY text format

/** A COPY text field: \N for null, backslash, tab, newline and CR escaped. */
function field(v: string | number | boolean | null): string {
  if (v === null) return '\\N';
  const s = String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}

/** A PostgreSQL array literal, every element quoted (then escaped as a COPY field by `field`). */
const arrayLiteral = (items: readonly (string | number)[]): string =>
  `{${items.map((x) => (typeof x === 'number' ? String(x) : `"${x.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;

/** Rows as COPY text in chunks of about 2,000 lines, reporting progress. */
function* copyChunks<T>(count: number, rowAt: (i: number) => T, line: (row: T) => string, progress: (n: number) => void): Generator<string> {
  let chunk = '';
  for (let i = 0; i < count; i++) {
    chunk += `${line(rowAt(i))}\n`;
    if ((i + 1) % 2000 === 0) {
      yield chunk;
      chunk = '';
      progress(i + 1);
    }
  }
  if (chunk) yield chunk;
}

async function copyRows(client: pg.Client, sql: string, chunks: Iterable<string>): Promise<void> {
  await pipeline(Readable.from(chunks, { objectMode: false }), client.query(copyFrom(sql)));
}

// ---------------------------------------------------------------- loading

export interface LoadedRegistries {
  enterprises: number;
  inspectors: number;
  conflicts: number;
  matterIds: number[];
  loadMs: number;
}

/**
 * Loads everything into an empty, migrated database. The two secondary indexes of the
 * enterprise table are dropped for the COPY and rebuilt after it (as a bulk load would);
 * then the tables are analysed, so the draw's queries are planned with real statistics.
 */
export async function loadRegistries(
  url: string,
  opts: { seed: string; enterprises: number; inspectors: number; conflicts: number },
): Promise<LoadedRegistries> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const d of BENCH_DEPARTMENTS) await client.query('INSERT INTO department (code, name) VALUES ($1, $2)', [d.code, d.name]);
    const matterIds = new Map<string, number>();
    for (const m of HUAIAN_MATTERS) {
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO inspection_matter (code, seq, name, sampling_ratio, rounds_per_year, key_supervision, high_risk,
                                        lead_department_id, required_speciality)
         VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT id FROM department WHERE code = $8), $9) RETURNING id`,
        [m.code, m.seq, m.name, parseRatio(m.ratio), m.roundsPerYear, m.keySupervision, m.highRisk, benchLeadDepartment(m.leadDepartmentCode), m.requiredSpeciality],
      );
      matterIds.set(m.code, rows[0].id);
    }
    const departmentIds = new Map(
      (await client.query<{ id: number; code: string }>('SELECT id, code FROM department')).rows.map((r) => [r.code, r.id]),
    );

    await client.query('DROP INDEX ix_enterprise_matters; DROP INDEX ix_enterprise_region');
    const ep = progressLine('写入检查对象（COPY）', opts.enterprises);
    await copyRows(
      client,
      `COPY enterprise (uscc, name, region_code, address, industry, status, credit_tier, new_economy, observation_start,
                        observation_end, trigger_kinds, accident_count, last_accident_on, matter_ids) FROM STDIN`,
      copyChunks(
        opts.enterprises,
        (i) => enterpriseAt(opts.seed, i),
        (e) =>
          [
            e.uscc,
            e.name,
            e.regionCode,
            e.address,
            e.industry,
            e.status,
            e.creditTier,
            e.newEconomy,
            e.observationStart,
            e.observationEnd,
            arrayLiteral(e.triggerKinds),
            e.accidentCount,
            e.lastAccidentOn,
            arrayLiteral(e.matterCodes.map((c) => matterIds.get(c)!)),
          ]
            .map(field)
            .join('\t'),
        (n) => ep.update(n),
      ),
    );
    ep.done(opts.enterprises);
    process.stderr.write('重建检查对象索引（GIN matter_ids、区划）…\n');
    // The same definitions as migrations/1763900000000-registries.ts.
    await client.query('CREATE INDEX ix_enterprise_region ON enterprise (region_code bpchar_pattern_ops)');
    await client.query('CREATE INDEX ix_enterprise_matters ON enterprise USING gin (matter_ids)');

    const ip = progressLine('写入执法人员（COPY）', opts.inspectors, 1000);
    await copyRows(
      client,
      'COPY inspector (cert_no, name, department_id, specialities, region_code, leave_from, leave_until, phone, email) FROM STDIN',
      copyChunks(
        opts.inspectors,
        (i) => benchInspectorAt(opts.seed, i),
        (x) =>
          [x.certNo, x.name, departmentIds.get(x.departmentCode)!, arrayLiteral(x.specialities), x.regionCode, x.leaveFrom, x.leaveUntil, x.phone, x.email]
            .map(field)
            .join('\t'),
        (n) => ip.update(n),
      ),
    );
    ip.done(opts.inspectors);

    const conflicts = [...benchConflicts(opts.seed, opts.enterprises, opts.inspectors, opts.conflicts)];
    await client.query(
      `INSERT INTO conflict (inspector_id, enterprise_id, kind, reason, valid_until)
       SELECT i.id, e.id, x.kind, x.reason, x.valid_until::date
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS x(cert, uscc, kind, reason, valid_until)
       JOIN inspector i ON i.cert_no = x.cert JOIN enterprise e ON e.uscc = x.uscc`,
      [conflicts.map((c) => c.certNo), conflicts.map((c) => c.uscc), conflicts.map((c) => c.kind), conflicts.map((c) => c.reason), conflicts.map((c) => c.validUntil)],
    );
    process.stderr.write(`写入回避关系 ${conflicts.length} 条；ANALYZE …\n`);
    await client.query('VACUUM ANALYZE enterprise');
    await client.query('ANALYZE inspector; ANALYZE conflict; ANALYZE inspection_matter; ANALYZE department');
    return {
      enterprises: opts.enterprises,
      inspectors: opts.inspectors,
      conflicts: conflicts.length,
      matterIds: [...matterIds.values()],
      loadMs: performance.now() - started,
    };
  } finally {
    await client.end();
  }
}

const CONFLICT_KINDS = [
  ['kinship', '近亲属在该企业任职'],
  ['former_employment', '曾在该企业任职，离职未满三年'],
  ['financial_interest', '本人近亲属持有该企业股份'],
  ['prior_handling', '曾参与该企业行政处罚案件办理'],
  ['other', '本人申请回避，经批准'],
] as const;

/**
 * `count` distinct (inspector, enterprise) conflicts, the enterprise subject to a matter of
 * the inspector's department where one is found in a few tries, so that recusal matters.
 */
function* benchConflicts(seed: string, enterprises: number, inspectors: number, count: number) {
  if (enterprises === 0 || inspectors === 0) return;
  const seen = new Set<string>();
  const leadOf = new Map(HUAIAN_MATTERS.map((m) => [m.code, benchLeadDepartment(m.leadDepartmentCode)]));
  for (let attempt = 0; seen.size < count && attempt < count * 50; attempt++) {
    const rng = seedrandom.alea(`${seed}|bench-conflict|${attempt}`);
    const i = Math.floor(rng() * inspectors);
    const inspector = benchInspectorAt(seed, i);
    let j = Math.floor(rng() * enterprises);
    for (let tries = 0; tries < 30 && !enterpriseAt(seed, j).matterCodes.some((c) => leadOf.get(c) === inspector.departmentCode); tries++) {
      j = Math.floor(rng() * enterprises);
    }
    if (seen.has(`${i}:${j}`)) continue;
    seen.add(`${i}:${j}`);
    const [kind, reason] = CONFLICT_KINDS[Math.floor(rng() * CONFLICT_KINDS.length)];
    yield { certNo: inspector.certNo, uscc: enterpriseAt(seed, j).uscc, kind, reason, validUntil: rng() < 0.3 ? '2027-12-31' : null };
  }
}
