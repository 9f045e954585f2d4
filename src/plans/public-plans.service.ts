import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../common/domain-error';
import { type Page, pageOf } from '../common/paging';
import { shanghaiIso } from '../common/sql';
import type { PlanQuery } from './dto/plan.dto';

export interface PublicPlanSummary {
  id: number;
  year: number;
  office: string;
  docPrefix: string;
  title: string;
  publishedAt: string;
  matterCount: number;
  taskCount: number;
}

export interface PublicPlanMatter {
  matterId: number;
  code: string;
  name: string;
  leadDepartment: string;
  samplingRatio: number;
  roundsPerYear: number;
  keySupervision: boolean;
}

export interface PublicTask {
  id: number;
  code: string;
  title: string;
  round: number;
  windowStart: string;
  windowEnd: string;
  matterIds: number[];
  matterCodes: string[];
  targeted: boolean;
  /** A targeted task's criteria, shown once its draw is published (they are in the published snapshot then). */
  filter: unknown;
  joint: boolean;
  teamSize: number;
  maxPerInspector: number | null;
  status: string;
  /** At most one: a published draw is final. */
  publishedDraws: { id: number; publishedAt: string }[];
  /** Draws superseded before publication; their receipts and reasons are in the task's public history. */
  supersededDraws: number;
}

export interface PublicPlan extends Omit<PublicPlanSummary, 'matterCount' | 'taskCount'> {
  tierPolicy: unknown;
  matters: PublicPlanMatter[];
  tasks: PublicTask[];
}

const SUMMARY = `p.id, p.year, p.office, p.doc_prefix AS "docPrefix", p.title, ${shanghaiIso('p.published_at')} AS "publishedAt"`;

/** Published annual plans, for anyone; a plan not yet published does not exist for the public. */
@Injectable()
export class PublicPlansService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(q: PlanQuery): Promise<Page<PublicPlanSummary>> {
    const params: unknown[] = [];
    const where = `WHERE p.status = 'published'${q.year !== undefined ? (params.push(q.year), ' AND p.year = $1') : ''}`;
    const [{ total }] = await this.db.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM plan p ${where}`, params);
    const items = await this.db.query<PublicPlanSummary[]>(
      `SELECT ${SUMMARY},
              (SELECT count(*)::int FROM plan_matter pm WHERE pm.plan_id = p.id) AS "matterCount",
              (SELECT count(*)::int FROM task t WHERE t.plan_id = p.id) AS "taskCount"
       FROM plan p ${where} ORDER BY p.year DESC, p.published_at DESC, p.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    return pageOf(items, total, q);
  }

  async get(id: number): Promise<PublicPlan> {
    const [plan] = await this.db.query<Omit<PublicPlan, 'matters' | 'tasks'>[]>(
      `SELECT ${SUMMARY}, p.tier_policy AS "tierPolicy" FROM plan p WHERE p.id = $1 AND p.status = 'published'`,
      [id],
    );
    if (!plan) throw new NotFoundError('已公布的抽查计划', id);
    const matters = await this.db.query<PublicPlanMatter[]>(
      `SELECT pm.matter_id AS "matterId", m.code, m.name, d.name AS "leadDepartment", pm.sampling_ratio::float8 AS "samplingRatio",
              pm.rounds_per_year AS "roundsPerYear", m.key_supervision AS "keySupervision"
       FROM plan_matter pm JOIN inspection_matter m ON m.id = pm.matter_id JOIN department d ON d.id = m.lead_department_id
       WHERE pm.plan_id = $1 ORDER BY m.seq, m.id`,
      [id],
    );
    const tasks = await this.db.query<PublicTask[]>(
      `SELECT t.id, t.code, t.title, t.round, t.window_start AS "windowStart", t.window_end AS "windowEnd", t.matter_ids AS "matterIds",
              ARRAY(SELECT m.code FROM inspection_matter m WHERE m.id = ANY(t.matter_ids) ORDER BY m.seq, m.id) AS "matterCodes",
              t.targeted, CASE WHEN pub.id IS NOT NULL THEN t.filter END AS filter, t.joint, t.team_size AS "teamSize",
              t.max_per_inspector AS "maxPerInspector", t.status,
              CASE WHEN pub.id IS NULL THEN '[]'::json ELSE json_build_array(json_build_object('id', pub.id, 'publishedAt', pub.at)) END AS "publishedDraws",
              (SELECT count(*)::int FROM draw s WHERE s.task_id = t.id AND s.status = 'superseded') AS "supersededDraws"
       FROM task t
       LEFT JOIN LATERAL (SELECT d.id, ${shanghaiIso('d.published_at')} AS at FROM draw d WHERE d.task_id = t.id AND d.status = 'published') pub ON true
       WHERE t.plan_id = $1 ORDER BY t.seq`,
      [id],
    );
    return { ...plan, matters, tasks };
  }
}
