import { createHash } from 'node:crypto';
import { finished } from 'node:stream/promises';
import { constants, createGzip } from 'node:zlib';
import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import { ConflictError } from '../common/domain-error';
import {
  type DrawEnterprise,
  DrawInputError,
  type DrawInspector,
  type DrawMatter,
  type DrawTask,
  type PreviousTeam,
  type SeedSource,
  type SnapshotPlanParts,
  type TierPolicy,
  enterpriseLine,
  snapshotHeader,
  snapshotTailLines,
  validateEnterprises,
  validatePlanParts,
} from '../draw';
import type { TaskView } from '../plans/plans.service';

/** Enterprises fetched, checked and written at a time. */
const BATCH = 10_000;
/** An open-ended leave runs to the end of time for the engine. */
const OPEN_END = '9999-12-31';

export interface WrittenSnapshot {
  gz: Buffer;
  /** Of the uncompressed canonical bytes: the hash the commitment publishes. */
  sha256: string;
  counts: { enterprises: number; inspectors: number; conflicts: number; previousTeams: number };
}

/**
 * Freezes everything the draw of a task reads, from the registries as they are now, straight
 * into the canonical snapshot file (docs/draw-algorithm.md §2), hashed and gzipped as it is
 * written. The roster is read through a cursor in uscc order and never held whole: memory is
 * one batch and the compressed file. Only enterprises subject to one of the task's matters are
 * read; only inspectors of the departments leading those matters.
 */
export async function writeSnapshot(tx: EntityManager, task: TaskView, seedSources: SeedSource[]): Promise<WrittenSnapshot> {
  if (!tx.queryRunner) throw new Error('writeSnapshot runs inside a transaction');
  const client = (await tx.queryRunner.connect()) as PoolClient;
  const { parts, matterCodes } = await planParts(tx, task, seedSources);
  const problems = validatePlanParts(parts);
  if (problems.length > 0) throw new DrawInputError(problems);

  const [{ n: enterprises }] = (
    await client.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprise e WHERE e.active AND e.matter_ids && $1', [task.matterIds])
  ).rows;
  const hash = createHash('sha256');
  const gzip = createGzip({ level: constants.Z_BEST_SPEED, chunkSize: 1 << 20 });
  const out: Buffer[] = [];
  gzip.on('data', (b: Buffer) => out.push(b));
  const write = async (text: string): Promise<void> => {
    const bytes = Buffer.from(text, 'utf8');
    hash.update(bytes);
    if (!gzip.write(bytes)) await new Promise((resolve) => gzip.once('drain', resolve));
  };
  try {
    await write(`${snapshotHeader(parts, enterprises)}\n`);
    // The roster by uscc in code-unit order (COLLATE "C" is byte order, and USCCs are ASCII): the file's order.
    await client.query(`DECLARE snapshot_roster NO SCROLL CURSOR FOR ${rosterQuery(task)} ORDER BY e.uscc COLLATE "C"`);
    let written = 0;
    let last = '';
    for (;;) {
      const { rows } = await client.query<unknown[]>({ text: `FETCH ${BATCH} FROM snapshot_roster`, rowMode: 'array' });
      if (rows.length === 0) break;
      const batch = rows.map((r) => enterpriseOf(r, matterCodes));
      const bad = validateEnterprises(batch);
      if (bad.length > 0) throw new DrawInputError(bad);
      let text = '';
      for (const e of batch) {
        if (!(last < e.uscc)) throw new DrawInputError([`统一社会信用代码“${e.uscc}”重复或顺序有误`]);
        last = e.uscc;
        text += `${enterpriseLine(e)}\n`;
      }
      await write(text);
      written += batch.length;
    }
    await client.query('CLOSE snapshot_roster');
    if (written !== enterprises) {
      throw new ConflictError('提交过程中检查对象名录发生了变化（有企业被导入、修改或停用），本次提交未保存，请重新提交');
    }
    let tail = '';
    for (const line of snapshotTailLines(parts)) tail += line;
    await write(tail);
    gzip.end();
    await finished(gzip);
  } finally {
    gzip.destroy();
  }
  return {
    gz: Buffer.concat(out),
    sha256: hash.digest('hex'),
    counts: { enterprises, inspectors: parts.inspectors.length, conflicts: parts.conflicts.length, previousTeams: parts.previousTeams.length },
  };
}

interface PlanRow {
  year: number;
  office: string;
  tier_policy: TierPolicy;
}

/**
 * The roster of the task with, per enterprise, how often it was already drawn for each matter in
 * this office's plan year (other tasks' draws that stand), as parallel arrays sorted by matter.
 */
function rosterQuery(task: TaskView): string {
  // A cursor takes no parameters; its only inputs are integers of our own, checked here.
  for (const id of [task.id, ...task.matterIds]) if (!Number.isSafeInteger(id)) throw new Error(`id ${String(id)} is not an integer`);
  return `
    WITH drawn AS (
      SELECT i.uscc, m AS matter, count(*)::int AS n
      FROM inspection i JOIN draw d ON d.id = i.draw_id JOIN task t ON t.id = d.task_id JOIN plan p ON p.id = t.plan_id,
           unnest(i.matter_codes) AS m
      WHERE d.status <> 'superseded' AND t.id <> ${task.id}
        AND (p.year, p.office) = (SELECT p2.year, p2.office FROM task t2 JOIN plan p2 ON p2.id = t2.plan_id WHERE t2.id = ${task.id})
      GROUP BY 1, 2
    ), per AS (
      SELECT uscc, array_agg(matter ORDER BY matter COLLATE "C") AS matters, array_agg(n ORDER BY matter COLLATE "C") AS counts FROM drawn GROUP BY 1
    )
    SELECT e.uscc, e.region_code, e.industry, e.status, e.credit_tier, e.new_economy, e.observation_start, e.observation_end,
           e.trigger_kinds, e.last_accident_on, e.matter_ids, per.matters, per.counts
    FROM enterprise e LEFT JOIN per ON per.uscc = e.uscc
    WHERE e.active AND e.matter_ids && ARRAY[${task.matterIds.join(',')}]::int[]`;
}

type RosterRow = [string, string, string, string, string, boolean, string | null, string | null, string[] | null, string | null, number[], string[] | null, number[] | null];

function enterpriseOf(row: unknown[], matterCodes: Map<number, string>): DrawEnterprise {
  const [uscc, region, industry, status, tier, newEconomy, observationStart, observationEnd, triggers, lastAccidentOn, matterIds, drawnMatters, drawnCounts] =
    row as RosterRow;
  const matters: string[] = [];
  for (const id of matterIds) {
    const code = matterCodes.get(id);
    if (code !== undefined) matters.push(code);
  }
  const drawnThisYear: Record<string, number> = {};
  if (drawnMatters && drawnCounts) for (let i = 0; i < drawnMatters.length; i++) drawnThisYear[drawnMatters[i]] = drawnCounts[i];
  return {
    uscc,
    region,
    industry,
    status: status as DrawEnterprise['status'],
    tier: tier as DrawEnterprise['tier'],
    newEconomy,
    observationStart,
    observationEnd,
    triggers: (triggers ?? []) as DrawEnterprise['triggers'],
    lastAccidentOn,
    matters,
    drawnThisYear,
  };
}

/** Everything but the roster: the task, its matters, the policy, the sources, the inspectors, conflicts and last teams. */
async function planParts(tx: EntityManager, task: TaskView, seedSources: SeedSource[]): Promise<{ parts: SnapshotPlanParts; matterCodes: Map<number, string> }> {
  const [plan] = await tx.query<PlanRow[]>('SELECT year, office, tier_policy FROM plan WHERE id = $1', [task.planId]);
  const matterRows = await tx.query<(DrawMatter & { id: number; departmentId: number })[]>(
    `SELECT m.id, m.code, round(pm.sampling_ratio * 10000)::int AS "baseRatioBp", pm.rounds_per_year AS "roundsPerYear",
            m.key_supervision AS "keySupervision", m.high_risk AS "highRisk", d.code AS "leadDepartment", d.id AS "departmentId",
            m.required_speciality AS "requiredSpeciality"
     FROM inspection_matter m JOIN plan_matter pm ON pm.matter_id = m.id AND pm.plan_id = $1 JOIN department d ON d.id = m.lead_department_id
     WHERE m.id = ANY($2) ORDER BY m.code`,
    [task.planId, task.matterIds],
  );
  const drawTask: DrawTask = {
    code: task.code,
    year: plan.year,
    round: task.round,
    windowStart: task.windowStart,
    windowEnd: task.windowEnd,
    targeted: task.targeted,
    filter: task.filter as DrawTask['filter'],
    joint: task.joint,
    teamSize: task.teamSize,
    maxPerInspector: task.maxPerInspector,
  };
  const inspectorRows = await tx.query<{ certNo: string; department: string; specialities: string[]; leaveFrom: string | null; leaveUntil: string | null }[]>(
    `SELECT i.cert_no AS "certNo", d.code AS department, i.specialities, i.leave_from AS "leaveFrom", i.leave_until AS "leaveUntil"
     FROM inspector i JOIN department d ON d.id = i.department_id
     WHERE i.active AND i.department_id = ANY($1)`,
    [[...new Set(matterRows.map((m) => m.departmentId))]],
  );
  const inspectors: DrawInspector[] = inspectorRows.map((i) => ({
    certNo: i.certNo,
    department: i.department,
    specialities: i.specialities,
    leave: i.leaveFrom ? [{ from: i.leaveFrom, until: i.leaveUntil ?? OPEN_END }] : [],
  }));
  const conflicts = await tx.query<{ certNo: string; uscc: string }[]>(
    `SELECT i.cert_no AS "certNo", e.uscc FROM conflict c JOIN inspector i ON i.id = c.inspector_id JOIN enterprise e ON e.id = c.enterprise_id
     WHERE c.active AND (c.valid_until IS NULL OR c.valid_until >= $1) AND e.matter_ids && $2`,
    [task.windowStart, task.matterIds],
  );
  const previousTeams = await tx.query<PreviousTeam[]>(
    `SELECT DISTINCT ON (i.uscc) i.uscc, ARRAY(SELECT ins.cert_no FROM inspector ins WHERE ins.id = ANY(i.team_ids) ORDER BY 1) AS "certNos"
     FROM inspection i JOIN draw d ON d.id = i.draw_id
     JOIN enterprise e ON e.id = i.enterprise_id
     WHERE d.status <> 'superseded' AND i.unstaffed_reason IS NULL AND e.matter_ids && $1
     ORDER BY i.uscc, d.created_at DESC`,
    [task.matterIds],
  );
  return {
    parts: {
      task: drawTask,
      matters: matterRows.map(({ id: _id, departmentId: _d, ...m }) => m),
      tierPolicy: plan.tier_policy,
      seedSources,
      inspectors,
      conflicts,
      previousTeams: previousTeams.filter((p) => p.certNos.length > 0),
    },
    matterCodes: new Map(matterRows.map((m) => [m.id, m.code])),
  };
}
