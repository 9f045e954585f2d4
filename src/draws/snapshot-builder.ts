import type { EntityManager } from 'typeorm';
import type { DrawEnterprise, DrawInspector, DrawMatter, DrawSnapshot, DrawTask, PreviousTeam, SeedSource, TierPolicy } from '../draw';
import type { TaskView } from '../plans/plans.service';

interface PlanRow {
  year: number;
  office: string;
  tier_policy: TierPolicy;
}

const BATCH = 20_000;
/** An open-ended leave runs to the end of time for the engine. */
const OPEN_END = '9999-12-31';

/**
 * Freezes everything the draw of a task reads, from the registries as they are now, into the
 * engine's snapshot. Only enterprises subject to one of the task's matters are read, in id
 * batches; only inspectors of the departments leading those matters.
 */
export async function buildSnapshot(tx: EntityManager, task: TaskView, seedSources: SeedSource[]): Promise<DrawSnapshot> {
  const [plan] = await tx.query<PlanRow[]>('SELECT year, office, tier_policy FROM plan WHERE id = $1', [task.planId]);
  const matterRows = await tx.query<(DrawMatter & { id: number; departmentId: number })[]>(
    `SELECT m.id, m.code, round(pm.sampling_ratio * 10000)::int AS "baseRatioBp", pm.rounds_per_year AS "roundsPerYear",
            m.key_supervision AS "keySupervision", m.high_risk AS "highRisk", d.code AS "leadDepartment", d.id AS "departmentId",
            m.required_speciality AS "requiredSpeciality"
     FROM inspection_matter m JOIN plan_matter pm ON pm.matter_id = m.id AND pm.plan_id = $1 JOIN department d ON d.id = m.lead_department_id
     WHERE m.id = ANY($2) ORDER BY m.code`,
    [task.planId, task.matterIds],
  );
  const codeOf = new Map(matterRows.map((m) => [m.id, m.code]));
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
  const drawn = await drawnThisYear(tx, task, plan);
  const enterprises: DrawEnterprise[] = [];
  for (let after = 0; ; ) {
    const rows = await tx.query<(Omit<DrawEnterprise, 'matters' | 'drawnThisYear'> & { id: number; matterIds: number[] })[]>(
      `SELECT id, uscc, region_code AS region, industry, status, credit_tier AS tier, new_economy AS "newEconomy",
              observation_start AS "observationStart", observation_end AS "observationEnd", trigger_kinds AS triggers,
              last_accident_on AS "lastAccidentOn", matter_ids AS "matterIds"
       FROM enterprise WHERE active AND matter_ids && $1 AND id > $2 ORDER BY id LIMIT ${BATCH}`,
      [task.matterIds, after],
    );
    for (const { id: _id, matterIds, ...e } of rows) {
      const matters = matterIds.flatMap((m) => codeOf.get(m) ?? []);
      enterprises.push({ ...e, matters, drawnThisYear: drawn.get(e.uscc) ?? {} });
    }
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1].id;
  }
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
    `SELECT DISTINCT ON (i.uscc) i.uscc, ARRAY(SELECT ins.cert_no FROM inspection_member im JOIN inspector ins ON ins.id = im.inspector_id
                                               WHERE im.inspection_id = i.id ORDER BY 1) AS "certNos"
     FROM inspection i JOIN draw d ON d.id = i.draw_id
     JOIN enterprise e ON e.id = i.enterprise_id
     WHERE d.status <> 'superseded' AND i.unstaffed_reason IS NULL AND e.matter_ids && $1
     ORDER BY i.uscc, d.created_at DESC`,
    [task.matterIds],
  );
  return {
    task: drawTask,
    matters: matterRows.map(({ id: _id, departmentId: _d, ...m }) => m),
    tierPolicy: plan.tier_policy,
    seedSources,
    enterprises,
    inspectors,
    conflicts,
    previousTeams: previousTeams.filter((p) => p.certNos.length > 0),
  };
}

/** How often each enterprise was already drawn for each matter in this office's plan year. */
async function drawnThisYear(tx: EntityManager, task: TaskView, plan: PlanRow): Promise<Map<string, Record<string, number>>> {
  const rows = await tx.query<{ uscc: string; matter: string; n: number }[]>(
    `SELECT i.uscc, m AS matter, count(*)::int AS n
     FROM inspection i JOIN draw d ON d.id = i.draw_id JOIN task t ON t.id = d.task_id JOIN plan p ON p.id = t.plan_id,
          unnest(i.matter_codes) AS m
     WHERE d.status <> 'superseded' AND p.year = $1 AND p.office = $2 AND t.id <> $3
     GROUP BY 1, 2`,
    [plan.year, plan.office, task.id],
  );
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const counts = out.get(r.uscc) ?? {};
    counts[r.matter] = r.n;
    out.set(r.uscc, counts);
  }
  return out;
}
