import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../common/domain-error';
import { type Page, type PageQuery, pageOf } from '../common/paging';
import { RESULT, SNAPSHOT, readStoredBytes } from '../database/large-bytea';

/** Read-only views for the public: nothing here reveals what is not published. */
@Injectable()
export class PublicDrawsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async commitments(q: PageQuery): Promise<Page<Record<string, unknown>>> {
    const [{ total }] = await this.db.query<{ total: number }[]>('SELECT count(*)::int AS total FROM commitment');
    const items = await this.db.query<Record<string, unknown>[]>(
      `SELECT c.id, t.code AS "taskCode", t.title AS "taskTitle", c.snapshot_hash AS "snapshotHash",
              to_char(c.committed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS.MS"+08:00"') AS "committedAt",
              c.seed_sources AS "seedSources", c.counts, c.status
       FROM commitment c JOIN task t ON t.id = c.task_id ORDER BY c.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    );
    return pageOf(items, total, q);
  }

  async draws(q: PageQuery): Promise<Page<Record<string, unknown>>> {
    const [{ total }] = await this.db.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM draw WHERE status = 'published'`);
    const items = await this.db.query<Record<string, unknown>[]>(
      `SELECT d.id, t.code AS "taskCode", t.title AS "taskTitle", p.office, p.year, t.round, t.window_start AS "windowStart",
              t.window_end AS "windowEnd", d.counts, d.result_hash AS "resultHash", d.published_at AS "publishedAt"
       FROM draw d JOIN task t ON t.id = d.task_id JOIN plan p ON p.id = t.plan_id
       WHERE d.status = 'published' ORDER BY d.published_at DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    );
    return pageOf(items, total, q);
  }

  async draw(id: number): Promise<Record<string, unknown> & { receipt: unknown; taskCode: string }> {
    const [d] = await this.db.query<(Record<string, unknown> & { receipt: unknown; taskCode: string })[]>(
      `SELECT d.id, d.task_id AS "taskId", CASE WHEN p.status = 'published' THEN p.id END AS "planId", t.code AS "taskCode",
              t.title AS "taskTitle", p.office, p.year, t.round, t.window_start AS "windowStart", t.window_end AS "windowEnd", d.receipt, d.strata, d.counts, d.published_at AS "publishedAt",
              d.commitment_id AS "commitmentId", c.seed_sources AS "seedSources", c.counts AS "snapshotCounts",
              (SELECT count(*)::int FROM draw s WHERE s.task_id = d.task_id AND s.status = 'superseded') AS "supersededDraws"
       FROM draw d JOIN task t ON t.id = d.task_id JOIN plan p ON p.id = t.plan_id JOIN commitment c ON c.id = d.commitment_id
       WHERE d.id = $1 AND d.status = 'published'`,
      [id],
    );
    if (!d) throw new NotFoundError('已公示的抽取结果', id);
    return d;
  }

  /** The drawn list as published: enterprise and inspector names, never contact details. */
  async inspections(drawId: number, q: PageQuery): Promise<Page<Record<string, unknown>>> {
    await this.draw(drawId);
    const [{ total }] = await this.db.query<{ total: number }[]>('SELECT count(*)::int AS total FROM inspection WHERE draw_id = $1', [drawId]);
    const items = await this.db.query<Record<string, unknown>[]>(
      `SELECT i.uscc, e.name AS "enterpriseName", e.region_code AS "regionCode", i.matter_codes AS "matterCodes",
              i.unstaffed_reason AS "unstaffedReason",
              COALESCE((SELECT json_agg(json_build_object('certNo', ins.cert_no, 'name', ins.name) ORDER BY ins.cert_no)
                        FROM inspector ins WHERE ins.id = ANY(i.team_ids)), '[]') AS team
       FROM inspection i JOIN enterprise e ON e.id = i.enterprise_id
       WHERE i.draw_id = $1 ORDER BY i.uscc LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      [drawId],
    );
    return pageOf(items, total, q);
  }

  async snapshotFile(drawId: number): Promise<{ gz: Buffer; taskCode: string }> {
    return this.file(drawId, 'snapshot');
  }

  async resultFile(drawId: number): Promise<{ gz: Buffer; taskCode: string }> {
    return this.file(drawId, 'result');
  }

  private async file(drawId: number, column: 'snapshot' | 'result'): Promise<{ gz: Buffer; taskCode: string }> {
    const [row] = await this.db.query<{ commitmentId: number; code: string }[]>(
      `SELECT d.commitment_id AS "commitmentId", t.code FROM draw d JOIN task t ON t.id = d.task_id WHERE d.id = $1 AND d.status = 'published'`,
      [drawId],
    );
    if (!row) throw new NotFoundError('已公示的抽取结果', drawId);
    const gz = column === 'snapshot' ? await readStoredBytes(this.db, SNAPSHOT, row.commitmentId) : await readStoredBytes(this.db, RESULT, drawId);
    return { gz, taskCode: row.code };
  }
}
