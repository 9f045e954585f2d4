import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-error';
import { type Page, pageOf } from '../common/paging';
import { shanghaiIso } from '../common/sql';
import { DEFAULT_TIER_POLICY, validateTierPolicy } from '../draw';
import type { CreatePlanDto, CreateTaskDto, PlanQuery } from './dto/plan.dto';
import { taskCode } from './task-code';

export interface PlanView {
  id: number;
  year: number;
  office: string;
  docPrefix: string;
  title: string;
  tierPolicy: unknown;
  status: string;
  publishedAt: Date | null;
  matters: { matterId: number; code: string; name: string; samplingRatio: number; roundsPerYear: number; keySupervision: boolean }[];
}

export interface TaskView {
  id: number;
  planId: number;
  seq: number;
  code: string;
  title: string;
  round: number;
  windowStart: string;
  windowEnd: string;
  matterIds: number[];
  targeted: boolean;
  filter: unknown;
  joint: boolean;
  teamSize: number;
  maxPerInspector: number | null;
  status: string;
}

const TASK_COLUMNS = `id, plan_id AS "planId", seq, code, title, round, window_start AS "windowStart", window_end AS "windowEnd",
  matter_ids AS "matterIds", targeted, filter, joint, team_size AS "teamSize", max_per_inspector AS "maxPerInspector", status`;

@Injectable()
export class PlansService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(q: PlanQuery): Promise<Page<PlanView>> {
    const params: unknown[] = [];
    const where = q.year !== undefined ? (params.push(q.year), 'WHERE year = $1') : '';
    const [{ total }] = await this.db.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM plan ${where}`, params);
    const ids = await this.db.query<{ id: number }[]>(
      `SELECT id FROM plan ${where} ORDER BY year DESC, id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    return pageOf(await Promise.all(ids.map((r) => this.get(r.id))), total, q);
  }

  async get(id: number): Promise<PlanView> {
    const [plan] = await this.db.query<Omit<PlanView, 'matters'>[]>(
      `SELECT id, year, office, doc_prefix AS "docPrefix", title, tier_policy AS "tierPolicy", status, published_at AS "publishedAt" FROM plan WHERE id = $1`,
      [id],
    );
    if (!plan) throw new NotFoundError('抽查计划', id);
    const matters = await this.db.query<PlanView['matters']>(
      `SELECT pm.matter_id AS "matterId", m.code, m.name, pm.sampling_ratio::float8 AS "samplingRatio", pm.rounds_per_year AS "roundsPerYear",
              m.key_supervision AS "keySupervision"
       FROM plan_matter pm JOIN inspection_matter m ON m.id = pm.matter_id WHERE pm.plan_id = $1 ORDER BY m.seq, m.id`,
      [id],
    );
    return { ...plan, matters };
  }

  create(dto: CreatePlanDto): Promise<PlanView> {
    const tierPolicy = dto.tierPolicy ?? DEFAULT_TIER_POLICY;
    const problems = validateTierPolicy(tierPolicy);
    if (problems.length) throw new InvalidInputError(`信用分级抽查政策不合法：${problems.join('；')}`);
    return this.db.transaction(async (tx) => {
      const dup = await tx.query('SELECT 1 FROM plan WHERE year = $1 AND office = $2', [dto.year, dto.office]);
      if (dup.length) throw new ConflictError(`${dto.office} ${dto.year} 年度的抽查计划已存在`);
      const prefix = await tx.query<{ office: string }[]>('SELECT office FROM plan WHERE year = $1 AND doc_prefix = $2', [dto.year, dto.docPrefix]);
      if (prefix.length) throw new ConflictError(`文号前缀“${dto.docPrefix}”在 ${dto.year} 年已由“${prefix[0].office}”的计划使用，任务编号会重复，请换一个前缀`);
      const matters = await tx.query<{ id: number; ratio: string; rounds: number }[]>(
        'SELECT id, sampling_ratio AS ratio, rounds_per_year AS rounds FROM inspection_matter WHERE id = ANY($1) AND active',
        [dto.matters.map((m) => m.matterId)],
      );
      const missing = dto.matters.filter((m) => !matters.some((x) => x.id === m.matterId)).map((m) => m.matterId);
      if (missing.length) throw new InvalidInputError(`事项不存在或已停用：${missing.join('、')}`);
      const [{ id }] = await tx.query<{ id: number }[]>(
        'INSERT INTO plan (year, office, doc_prefix, title, tier_policy) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [dto.year, dto.office, dto.docPrefix, dto.title, JSON.stringify(tierPolicy)],
      );
      for (const m of dto.matters) {
        const base = matters.find((x) => x.id === m.matterId)!;
        await tx.query('INSERT INTO plan_matter (plan_id, matter_id, sampling_ratio, rounds_per_year) VALUES ($1, $2, $3, $4)', [
          id,
          m.matterId,
          m.samplingRatio !== undefined ? m.samplingRatio.toFixed(4) : base.ratio,
          m.roundsPerYear ?? base.rounds,
        ]);
      }
      return id;
    }).then((id) => this.get(id));
  }

  /**
   * Publishes the year's plan (公示): its matters, ratios, rounds and tier policy become public.
   * A plan needs no task to be published (the tasks of the year follow and are public as they are
   * made); a plan is published once, and publishing it again is a 409 that says when it was.
   */
  async publish(id: number): Promise<PlanView> {
    await this.db.transaction(async (tx) => {
      const [plan] = await tx.query<{ status: string; publishedAt: string | null }[]>(
        `SELECT status, ${shanghaiIso('published_at')} AS "publishedAt" FROM plan WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!plan) throw new NotFoundError('抽查计划', id);
      if (plan.status === 'published') {
        throw new ConflictError(`该抽查计划已于 ${(plan.publishedAt ?? '').slice(0, 19).replace('T', ' ')}（北京时间）公布，不能重复公布`);
      }
      await tx.query(`UPDATE plan SET status = 'published', published_at = now(), updated_at = now() WHERE id = $1`, [id]);
    });
    return this.get(id);
  }

  async tasks(planId: number): Promise<TaskView[]> {
    await this.get(planId);
    return this.db.query<TaskView[]>(`SELECT ${TASK_COLUMNS} FROM task WHERE plan_id = $1 ORDER BY seq`, [planId]);
  }

  async task(id: number, manager: EntityManager = this.db.manager): Promise<TaskView> {
    const [t] = await manager.query<TaskView[]>(`SELECT ${TASK_COLUMNS} FROM task WHERE id = $1`, [id]);
    if (!t) throw new NotFoundError('抽查任务', id);
    return t;
  }

  async createTask(planId: number, dto: CreateTaskDto): Promise<TaskView> {
    const plan = await this.get(planId);
    const outside = dto.matterIds.filter((m) => !plan.matters.some((pm) => pm.matterId === m));
    if (outside.length) throw new InvalidInputError(`事项不在本计划内：${outside.join('、')}`);
    if (dto.windowEnd < dto.windowStart) throw new InvalidInputError('任务结束日期不能早于开始日期');
    if (!dto.windowStart.startsWith(`${plan.year}-`) || !dto.windowEnd.startsWith(`${plan.year}-`)) {
      throw new InvalidInputError(`任务的开始和结束日期都应在计划年度 ${plan.year} 年内`);
    }
    const targeted = dto.targeted ?? false;
    if (targeted !== (dto.filter !== undefined)) throw new InvalidInputError(targeted ? '定向抽查须给出筛选条件（filter）' : '不定向抽查不能有筛选条件');
    const departments = await this.db.query<{ n: number }[]>(
      'SELECT count(DISTINCT lead_department_id)::int AS n FROM inspection_matter WHERE id = ANY($1)',
      [dto.matterIds],
    );
    const joint = dto.joint ?? departments[0].n > 1;
    if (departments[0].n > 1 && !joint) throw new InvalidInputError('多个牵头部门的事项须作为联合抽查');
    const filter = dto.filter ? { regionPrefixes: dto.filter.regionPrefixes ?? [], industries: dto.filter.industries ?? [], tiers: dto.filter.tiers ?? [] } : null;
    const id = await this.db.transaction(async (tx) => {
      // Task numbers run per plan; the lock keeps two creations from taking the same number.
      await tx.query('SELECT 1 FROM plan WHERE id = $1 FOR UPDATE', [planId]);
      const [{ seq }] = await tx.query<{ seq: number }[]>('SELECT COALESCE(max(seq), 0) + 1 AS seq FROM task WHERE plan_id = $1', [planId]);
      const [row] = await tx.query<{ id: number }[]>(
        `INSERT INTO task (plan_id, seq, code, title, round, window_start, window_end, matter_ids, targeted, filter, joint, team_size, max_per_inspector)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [planId, seq, taskCode(plan.docPrefix, plan.year, seq), dto.title ?? '', dto.round, dto.windowStart, dto.windowEnd,
          [...dto.matterIds].sort((a, b) => a - b), targeted, filter && JSON.stringify(filter), joint, dto.teamSize ?? 2, dto.maxPerInspector ?? null],
      );
      return row.id;
    });
    return this.task(id);
  }
}
