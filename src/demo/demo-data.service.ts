import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { HUAIAN_DEPARTMENTS, HUAIAN_MATTERS, type MatterFixture } from '../../fixtures/huaian-matters';
import { generateConflicts, generateEnterprises, generateInspectors, inspectorAt } from '../../fixtures/roster-generator';
import { hashPassword } from '../auth/password';
import { parseRatioToBasisPoints } from '../common/ratio';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.constants';

const SEED = 'huaian-demo';
const ENTERPRISES = 3000;
const INSPECTORS = 40;
const CONFLICTS = 8;
const CHUNK = 1000;
/** Serialises concurrent first boots of several instances on one database. */
const LOCK_KEY = 0x5353_4a01;

export interface DemoSummary {
  departments: number;
  matters: number;
  enterprises: number;
  inspectors: number;
  conflicts: number;
}

/**
 * Runs `sql` (an INSERT … SELECT FROM unnest($1, $2, …) … RETURNING …) once per chunk of rows,
 * with one array parameter per column, and answers every returned row.
 */
async function insertColumns<T, R = unknown>(
  m: EntityManager,
  sql: string,
  rows: Iterable<T>,
  columns: (row: T) => unknown[],
): Promise<R[]> {
  const returned: R[] = [];
  let chunk: unknown[][] = [];
  const flush = async () => {
    if (!chunk.length) return;
    const params = chunk[0].map((_, c) => chunk.map((row) => row[c]));
    returned.push(...(await m.query<R[]>(sql, params)));
    chunk = [];
  };
  for (const row of rows) {
    chunk.push(columns(row));
    if (chunk.length === CHUNK) await flush();
  }
  await flush();
  return returned;
}

/** Fills an empty database with the 淮安 matter list and a small synthetic roster, in the caller's transaction. */
export async function loadDemoData(m: EntityManager, password: string): Promise<DemoSummary | null> {
  await m.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
  const [{ empty }] = await m.query<{ empty: boolean }[]>(`
    SELECT NOT EXISTS (SELECT 1 FROM department) AND NOT EXISTS (SELECT 1 FROM inspection_matter)
       AND NOT EXISTS (SELECT 1 FROM enterprise) AND NOT EXISTS (SELECT 1 FROM inspector) AS empty`);
  if (!empty) return null;

  const departments = await insertColumns(
    m,
    'INSERT INTO department (code, name) SELECT * FROM unnest($1::varchar[], $2::varchar[]) RETURNING id',
    HUAIAN_DEPARTMENTS,
    (d) => [d.code, d.name],
  );
  const matters = await insertColumns<MatterFixture, { id: number; code: string }>(
    m,
    `INSERT INTO inspection_matter (code, seq, name, target_description, legal_basis, responsibility, measures, sampling_ratio,
       rounds_per_year, key_supervision, high_risk, lead_department_id, cooperating_units, required_speciality)
     SELECT x.code, x.seq, x.name, x.target, x.basis, x.resp, x.measures, x.ratio, x.rounds, x.key, x.high, d.id, x.coop, x.spec
     FROM unnest($1::varchar[], $2::int[], $3::varchar[], $4::text[], $5::text[], $6::text[], $7::varchar[], $8::numeric[],
                 $9::smallint[], $10::boolean[], $11::boolean[], $12::varchar[], $13::varchar[], $14::varchar[])
       AS x(code, seq, name, target, basis, resp, measures, ratio, rounds, key, high, dept, coop, spec)
     JOIN department d ON d.code = x.dept
     RETURNING id, code`,
    HUAIAN_MATTERS,
    (x) => [
      x.code,
      x.seq,
      x.name,
      x.target,
      x.legalBasis,
      x.responsibility,
      x.measures,
      (parseRatioToBasisPoints(x.ratio) / 10000).toFixed(4),
      x.roundsPerYear,
      x.keySupervision,
      x.highRisk,
      x.leadDepartmentCode,
      x.cooperatingUnits,
      x.requiredSpeciality,
    ],
  );

  const matterIds = new Map(matters.map((x) => [x.code, x.id]));
  const idArray = (codes: string[]) => {
    const ids = codes.map((c) => matterIds.get(c)!).sort((a, b) => a - b);
    return `{${ids.join(',')}}`;
  };
  // Array columns travel as array literals or delimited text: unnest() would flatten a 2-D parameter.
  const enterprises = await insertColumns(
    m,
    `INSERT INTO enterprise (uscc, name, region_code, address, industry, status, credit_tier, new_economy,
       observation_start, observation_end, trigger_kinds, accident_count, last_accident_on, matter_ids)
     SELECT x.uscc, x.name, x.region, x.address, x.industry, x.status, x.tier, x.ne, x.os, x.oe,
            string_to_array(x.triggers, ',')::varchar[], x.accidents, x.last, x.matters::int[]
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[],
                 $9::date[], $10::date[], $11::text[], $12::int[], $13::date[], $14::text[])
       AS x(uscc, name, region, address, industry, status, tier, ne, os, oe, triggers, accidents, last, matters)
     RETURNING id`,
    generateEnterprises(SEED, ENTERPRISES),
    (e) => [
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
      e.triggerKinds.join(','),
      e.accidentCount,
      e.lastAccidentOn,
      idArray(e.matterCodes),
    ],
  );

  const inspectors = await insertColumns(
    m,
    `INSERT INTO inspector (cert_no, name, department_id, specialities, region_code, leave_from, leave_until, phone, email)
     SELECT x.cert, x.name, d.id, string_to_array(x.specs, ',')::varchar[], x.region, x.lf, x.lu, x.phone, x.email
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::date[], $8::text[], $9::text[])
       AS x(cert, name, dept, specs, region, lf, lu, phone, email)
     JOIN department d ON d.code = x.dept
     RETURNING id`,
    generateInspectors(SEED, INSPECTORS),
    (i) => [i.certNo, i.name, i.departmentCode, i.specialities.join(','), i.regionCode, i.leaveFrom, i.leaveUntil, i.phone, i.email],
  );
  const conflicts = await insertColumns(
    m,
    `INSERT INTO conflict (inspector_id, enterprise_id, kind, reason, valid_until)
     SELECT i.id, e.id, x.kind, x.reason, x.until
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[]) AS x(cert, uscc, kind, reason, until)
     JOIN inspector i ON i.cert_no = x.cert JOIN enterprise e ON e.uscc = x.uscc
     RETURNING id`,
    generateConflicts(SEED, ENTERPRISES, INSPECTORS, CONFLICTS),
    (c) => [c.certNo, c.uscc, c.kind, c.reason, c.validUntil],
  );

  const first = inspectorAt(SEED, 0);
  await m.query(
    `INSERT INTO user_account (username, display_name, role, password_hash, inspector_id)
     VALUES ('office', '政策法规处', 'office', $1, NULL),
            ('inspector01', $2, 'inspector', $3, (SELECT id FROM inspector WHERE cert_no = $4))
     ON CONFLICT (username) DO NOTHING`,
    [hashPassword(password), first.name, hashPassword(password), first.certNo],
  );
  return {
    departments: departments.length,
    matters: matters.length,
    enterprises: enterprises.length,
    inspectors: inspectors.length,
    conflicts: conflicts.length,
  };
}

/** Loads the demo data on the first start of an empty database when DEMO_DATA is on. */
@Injectable()
export class DemoDataService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoData');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoData) return;
    const started = performance.now();
    const s = await this.db.transaction((m) => loadDemoData(m, this.config.demoPassword));
    if (!s) return;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    this.logger.log(
      `已载入演示数据（${seconds} 秒）：${s.departments} 个部门、${s.matters} 项随机抽查事项（淮安市应急管理局清单）、${s.enterprises} 家检查对象、` +
        `${s.inspectors} 名执法检查人员、${s.conflicts} 条回避记录；演示账号 office（政策法规处）和 inspector01（执法检查人员），密码见 DEMO_PASSWORD`,
    );
  }
}
