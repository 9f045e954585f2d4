import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../common/domain-error';
import { shanghaiIso } from '../common/sql';
import { REPLACEMENT_REASONS, type SeedSource } from '../draw';

export interface PublicInspectorRef {
  certNo: string;
  name: string | null;
}

export interface PublicHistoryDraw {
  id: number;
  commitmentId: number;
  status: 'superseded' | 'published';
  algorithm: string;
  snapshotHash: string;
  committedAt: string;
  seedSources: SeedSource[];
  /** The receipt as stored: snapshot hash, commitment time, seed values (officials' secrets as revealed at the draw), seed, result hash. */
  receipt: unknown;
  seed: string;
  resultHash: string;
  counts: Record<string, number>;
  drawnAt: string;
  supersededAt: string | null;
  supersededReason: string | null;
  publishedAt: string | null;
}

export interface PublicReplacement {
  drawId: number;
  seq: number;
  uscc: string;
  enterpriseName: string | null;
  removed: PublicInspectorRef;
  added: PublicInspectorRef[];
  reason: string;
  label: string;
  unstaffed: string | null;
  createdAt: string;
}

export interface PublicTaskHistory {
  task: {
    id: number;
    code: string;
    title: string;
    office: string;
    year: number;
    round: number;
    windowStart: string;
    windowEnd: string;
    status: string;
    /** The plan, when it is published too. */
    planId: number | null;
  };
  commitments: { id: number; snapshotHash: string; committedAt: string; seedSources: SeedSource[]; counts: Record<string, number>; status: string }[];
  draws: PublicHistoryDraw[];
  replacements: PublicReplacement[];
}

/**
 * The whole record of a task whose draw is published: every commitment (withdrawn ones too), every
 * draw with its receipt (superseded ones too, with the reason and the times), and the replacement
 * log of the published draw. Until a draw of the task is published the history is not public: a
 * superseded draw's receipt holds revealed secrets, and the task may still be drawn again.
 * Never shown: who did it (accounts), replacement notes, contact details, the drawn lists and files
 * of superseded draws (they name enterprises that were not inspected; their hashes bind them).
 */
@Injectable()
export class PublicHistoryService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async taskHistory(taskId: number): Promise<PublicTaskHistory> {
    const [task] = await this.db.query<PublicTaskHistory['task'][]>(
      `SELECT t.id, t.code, t.title, p.office, p.year, t.round, t.window_start AS "windowStart", t.window_end AS "windowEnd", t.status,
              CASE WHEN p.status = 'published' THEN p.id END AS "planId"
       FROM task t JOIN plan p ON p.id = t.plan_id
       WHERE t.id = $1 AND EXISTS (SELECT 1 FROM draw d WHERE d.task_id = t.id AND d.status = 'published')`,
      [taskId],
    );
    if (!task) throw new NotFoundError('已公示的抽查任务', taskId);
    const commitments = await this.db.query<PublicTaskHistory['commitments']>(
      `SELECT c.id, c.snapshot_hash AS "snapshotHash", ${shanghaiIso('c.committed_at')} AS "committedAt", c.seed_sources AS "seedSources", c.counts, c.status
       FROM commitment c WHERE c.task_id = $1 ORDER BY c.id`,
      [taskId],
    );
    const draws = await this.db.query<PublicHistoryDraw[]>(
      `SELECT d.id, d.commitment_id AS "commitmentId", d.status, d.algorithm, c.snapshot_hash AS "snapshotHash",
              ${shanghaiIso('c.committed_at')} AS "committedAt", c.seed_sources AS "seedSources", d.receipt, d.seed, d.result_hash AS "resultHash",
              d.counts, ${shanghaiIso('d.created_at')} AS "drawnAt", ${shanghaiIso('d.superseded_at')} AS "supersededAt",
              d.superseded_reason AS "supersededReason", ${shanghaiIso('d.published_at')} AS "publishedAt"
       FROM draw d JOIN commitment c ON c.id = d.commitment_id WHERE d.task_id = $1 ORDER BY d.id`,
      [taskId],
    );
    const rows = await this.db.query<(Omit<PublicReplacement, 'removed' | 'added' | 'label'> & { removedCertNo: string; removedName: string | null; added: PublicInspectorRef[] })[]>(
      `SELECT r.draw_id AS "drawId", r.seq, r.uscc, e.name AS "enterpriseName", r.removed_cert AS "removedCertNo", out_.name AS "removedName",
              COALESCE((SELECT json_agg(json_build_object('certNo', a.cert, 'name', ins.name) ORDER BY a.ord)
                        FROM unnest(r.added_certs) WITH ORDINALITY AS a(cert, ord) LEFT JOIN inspector ins ON ins.cert_no = a.cert), '[]') AS added,
              r.reason, r.unstaffed, ${shanghaiIso('r.created_at')} AS "createdAt"
       FROM replacement r JOIN draw d ON d.id = r.draw_id
       LEFT JOIN inspection i ON i.draw_id = r.draw_id AND i.uscc = r.uscc LEFT JOIN enterprise e ON e.id = i.enterprise_id
       LEFT JOIN inspector out_ ON out_.cert_no = r.removed_cert
       WHERE d.task_id = $1 AND d.status = 'published' ORDER BY r.draw_id, r.seq`,
      [taskId],
    );
    const replacements = rows.map(({ removedCertNo, removedName, ...r }) => ({
      drawId: r.drawId,
      seq: r.seq,
      uscc: r.uscc,
      enterpriseName: r.enterpriseName,
      removed: { certNo: removedCertNo, name: removedName },
      added: r.added,
      reason: r.reason,
      label: REPLACEMENT_REASONS[r.reason as keyof typeof REPLACEMENT_REASONS] ?? r.reason,
      unstaffed: r.unstaffed,
      createdAt: r.createdAt,
    }));
    return { task, commitments, draws, replacements };
  }
}
