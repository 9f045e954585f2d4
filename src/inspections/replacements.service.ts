import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConflictError, NotFoundError } from '../common/domain-error';
import { type DrawResult, type ReplacementRecord, type ReplacementRequest, REPLACEMENT_REASONS, applyReplacements } from '../draw';
import { gunzipLines } from '../draws/gzip-lines';
import { storedSnapshotParts } from '../draws/stored-snapshot';
import type { ReplacementDto } from './dto/replacement.dto';

export interface ReplacementView {
  seq: number;
  uscc: string;
  removedCertNo: string;
  addedCertNos: string[];
  reason: ReplacementRecord['reason'];
  /** Chinese label of the reason. */
  label: string;
  note: string;
  unstaffed: string | null;
  createdAt: Date;
  createdBy: string;
}

const SELECT_LOG = `SELECT seq, uscc, removed_cert AS "removedCertNo", added_certs AS "addedCertNos", reason,
  CASE reason ${Object.entries(REPLACEMENT_REASONS).map(([k, v]) => `WHEN '${k}' THEN '${v}'`).join(' ')} END AS label,
  note, unstaffed, created_at AS "createdAt", created_by AS "createdBy" FROM replacement`;

/** Staffing of a stored result: the inspections and their original teams, from the canonical result lines. */
function staffedFromResult(lines: string[]): DrawResult['inspections'] {
  const header = JSON.parse(lines[0]) as { counts: { inspections: number } };
  return lines.slice(1, 1 + header.counts.inspections).map((l) => JSON.parse(l) as DrawResult['inspections'][number]);
}

/**
 * Replacing an inspector after the draw (illness, leave, a conflict found late) follows the
 * engine's documented rule (docs/draw-algorithm.md §9): the whole log is replayed over the
 * original result, so the teams always follow from (snapshot, seed, log).
 */
@Injectable()
export class ReplacementsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(drawId: number): Promise<ReplacementView[]> {
    return this.db.query<ReplacementView[]>(`${SELECT_LOG} WHERE draw_id = $1 ORDER BY seq`, [drawId]);
  }

  async replace(drawId: number, dto: ReplacementDto, user: string): Promise<ReplacementView> {
    const seq = await this.db.transaction(async (tx) => {
      const [d] = await tx.query<{ status: string; seed: string; result_gz: Buffer; snapshot_gz: Buffer }[]>(
        `SELECT d.status, d.seed, d.result_gz, c.snapshot_gz FROM draw d JOIN commitment c ON c.id = d.commitment_id WHERE d.id = $1 FOR UPDATE OF d`,
        [drawId],
      );
      if (!d) throw new NotFoundError('抽取结果', drawId);
      if (d.status === 'superseded') throw new ConflictError('已作废的抽取结果不能更换执法人员');
      const parts = await storedSnapshotParts(d.snapshot_gz);
      const result = { inspections: staffedFromResult(await gunzipLines(d.result_gz)), unstaffed: [] } as unknown as DrawResult;
      const log = await tx.query<ReplacementRequest[]>(
        `SELECT uscc, removed_cert AS "certNo", reason, note FROM replacement WHERE draw_id = $1 ORDER BY seq`,
        [drawId],
      );
      const request: ReplacementRequest = { uscc: dto.uscc, certNo: dto.certNo, reason: dto.reason, note: dto.note ?? '' };
      const amended = applyReplacements(parts, d.seed, result, [...log, request]);
      const record = amended.records[amended.records.length - 1];
      await tx.query(
        `INSERT INTO replacement (draw_id, seq, uscc, removed_cert, added_certs, reason, note, unstaffed, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [drawId, record.seq, record.uscc, record.removed, record.added, record.reason, record.note, record.unstaffed, user],
      );
      const team = amended.inspections.find((i) => i.uscc === dto.uscc)?.team ?? [];
      const [inspection] = await tx.query<{ id: number }[]>('SELECT id FROM inspection WHERE draw_id = $1 AND uscc = $2', [drawId, dto.uscc]);
      const members = await tx.query<{ id: number }[]>('SELECT id FROM inspector WHERE cert_no = ANY($1) FOR KEY SHARE', [team]);
      if (members.length !== team.length) {
        throw new ConflictError('新检查组中有执法人员在执法检查人员名录中已找不到（执法证号在承诺后被修改），替换未保存');
      }
      await tx.query('UPDATE inspection SET team_ids = $2, unstaffed_reason = $3 WHERE id = $1', [inspection.id, members.map((m) => m.id), record.unstaffed]);
      return record.seq;
    });
    const [view] = await this.db.query<ReplacementView[]>(`${SELECT_LOG} WHERE draw_id = $1 AND seq = $2`, [drawId, seq]);
    return view;
  }
}
