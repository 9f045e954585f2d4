import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../common/domain-error';
import { type Page, type PageQuery, pageOf } from '../common/paging';

export interface InspectionRow {
  drawId: number;
  taskCode: string;
  windowStart: string;
  windowEnd: string;
  uscc: string;
  enterpriseName: string;
  regionCode: string;
  address: string;
  matterCodes: string[];
  unstaffedReason: string | null;
  team: { certNo: string; name: string; department: string }[];
}

const SELECT = `
  SELECT i.draw_id AS "drawId", t.code AS "taskCode", t.window_start AS "windowStart", t.window_end AS "windowEnd",
         i.uscc, e.name AS "enterpriseName", e.region_code AS "regionCode", e.address, i.matter_codes AS "matterCodes",
         i.unstaffed_reason AS "unstaffedReason",
         COALESCE((SELECT json_agg(json_build_object('certNo', ins.cert_no, 'name', ins.name, 'department', d.name) ORDER BY ins.cert_no)
                   FROM inspector ins JOIN department d ON d.id = ins.department_id
                   WHERE ins.id = ANY(i.team_ids)), '[]') AS team
  FROM inspection i JOIN draw dr ON dr.id = i.draw_id JOIN task t ON t.id = dr.task_id JOIN enterprise e ON e.id = i.enterprise_id`;

/** The drawn inspections and their teams, for the office, for one inspector, and for exports. */
@Injectable()
export class InspectionsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async forDraw(drawId: number, q: PageQuery): Promise<Page<InspectionRow>> {
    const [d] = await this.db.query('SELECT 1 FROM draw WHERE id = $1', [drawId]);
    if (!d) throw new NotFoundError('抽取结果', drawId);
    const [{ total }] = await this.db.query<{ total: number }[]>('SELECT count(*)::int AS total FROM inspection WHERE draw_id = $1', [drawId]);
    const items = await this.db.query<InspectionRow[]>(`${SELECT} WHERE i.draw_id = $1 ORDER BY i.uscc LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`, [drawId]);
    return pageOf(items, total, q);
  }

  /** An inspector's own assignments in live (not superseded) draws, newest window first. */
  async forInspector(inspectorId: number, q: PageQuery): Promise<Page<InspectionRow>> {
    const where = `WHERE dr.status <> 'superseded' AND i.team_ids @> ARRAY[$1::int]`;
    const [{ total }] = await this.db.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM inspection i JOIN draw dr ON dr.id = i.draw_id ${where}`,
      [inspectorId],
    );
    const items = await this.db.query<InspectionRow[]>(
      `${SELECT} ${where} ORDER BY t.window_start DESC, i.uscc LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      [inspectorId],
    );
    return pageOf(items, total, q);
  }

  /** Every row of a query, in batches, for exports. */
  async *all(where: string, params: unknown[], order: string, batch = 2000): AsyncGenerator<InspectionRow> {
    for (let offset = 0; ; offset += batch) {
      const rows = await this.db.query<InspectionRow[]>(`${SELECT} ${where} ORDER BY ${order} LIMIT ${batch} OFFSET ${offset}`, params);
      yield* rows;
      if (rows.length < batch) return;
    }
  }
}
