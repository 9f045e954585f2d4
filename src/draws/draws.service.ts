import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-error';
import {
  type SeedInputs,
  type SnapshotPlanParts,
  type SeedSource,
  deriveSeed,
  makeReceipt,
  resultLines,
} from '../draw';
import { PlansService, type TaskView } from '../plans/plans.service';
import { RESULT, SNAPSHOT, readStoredBytes, storedByteSlices } from '../database/large-bytea';
import { nowInShanghai } from './draw-time';
import type { CommitDto, DrawDto } from './dto/draw.dto';
import { StoredFileCorruptError, gzipLines } from './gzip-lines';
import { persistInspections } from './persist-inspections';
import { writeSnapshot } from './snapshot-writer';
import { type StoredDraw, drawFromStoredSnapshot } from './stored-snapshot';

export interface CommitmentView {
  id: number;
  taskId: number;
  taskCode: string;
  snapshotHash: string;
  committedAt: string;
  seedSources: SeedSource[];
  counts: Record<string, number>;
  status: string;
}

export interface DrawView {
  id: number;
  taskId: number;
  taskCode: string;
  commitmentId: number;
  algorithm: string;
  seed: string;
  resultHash: string;
  receipt: unknown;
  strata: unknown;
  counts: Record<string, number>;
  status: string;
  supersededReason: string | null;
  supersededAt: Date | null;
  publishedAt: Date | null;
  createdAt: Date;
  createdBy: string;
}

const DRAW_COLUMNS = `d.id, d.task_id AS "taskId", t.code AS "taskCode", d.commitment_id AS "commitmentId", d.algorithm, d.seed,
  d.result_hash AS "resultHash", d.receipt, d.strata, d.counts, d.status, d.superseded_reason AS "supersededReason",
  d.superseded_at AS "supersededAt", d.published_at AS "publishedAt", d.created_at AS "createdAt", d.created_by AS "createdBy"`;

/**
 * The draw's use cases: commit the inputs (hash published before any seed exists), draw from
 * the committed snapshot with seed values revealed afterwards, supersede before publication
 * (with a reason, kept on record), publish. Each runs in one transaction.
 */
@Injectable()
export class DrawsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly plans: PlansService,
  ) {}

  commit(taskId: number, dto: CommitDto, user: string): Promise<CommitmentView> {
    return this.db.transaction(async (tx) => {
      await this.lockTask(tx, taskId);
      const task = await this.plans.task(taskId, tx);
      if (task.status !== 'draft') {
        throw new ConflictError(task.status === 'committed' ? '该任务已提交承诺，等待抽取；如需重新提交请先撤回' : '该任务已抽取，不能再次提交承诺');
      }
      const seedSources: SeedSource[] = dto.seedSources.map((s) => ({
        id: s.id,
        kind: s.kind,
        description: s.description,
        ordered: s.ordered ?? true,
        secretSha256: s.kind === 'official' ? (s.secretSha256 ?? null) : null,
      }));
      const missingSecret = seedSources.find((s) => s.kind === 'official' && !s.secretSha256);
      if (missingSecret) throw new InvalidInputError(`随机源“${missingSecret.id}”是官员秘密值，须在承诺时给出其 SHA-256`);
      const officials = seedSources.filter((s) => s.kind === 'official').length;
      if (officials === seedSources.length && officials < 2) {
        throw new InvalidInputError('随机源须至少包含一个公开随机源（彩票开奖号码或随机信标），或至少两名官员的秘密值：单一官员的秘密值不能保证抽取公正');
      }
      await refuseWhileSharedMatterOpen(tx, task);
      const { gz, sha256, counts } = await writeSnapshot(tx, task, seedSources);
      const committedAt = nowInShanghai();
      const [{ id }] = await tx.query<{ id: number }[]>(
        `INSERT INTO commitment (task_id, snapshot_hash, committed_at, seed_sources, counts, snapshot_gz, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [taskId, sha256, committedAt, JSON.stringify(seedSources), JSON.stringify(counts), gz, user],
      );
      await tx.query(`UPDATE task SET status = 'committed', updated_at = now() WHERE id = $1`, [taskId]);
      return { id, taskId, taskCode: task.code, snapshotHash: sha256, committedAt, seedSources, counts, status: 'open' };
    });
  }

  /** Withdraws an open commitment (before any draw), so that the task can be committed again. */
  withdraw(taskId: number): Promise<void> {
    return this.db.transaction(async (tx) => {
      await this.lockTask(tx, taskId);
      const res = await tx.query(`UPDATE commitment SET status = 'withdrawn' WHERE task_id = $1 AND status = 'open' RETURNING id`, [taskId]);
      if (!res[0]?.length) throw new ConflictError('该任务没有待抽取的承诺');
      await tx.query(`UPDATE task SET status = 'draft', updated_at = now() WHERE id = $1`, [taskId]);
    });
  }

  async draw(taskId: number, dto: DrawDto, user: string): Promise<DrawView> {
    const id = await this.db.transaction(async (tx) => {
      const [{ locked }] = await tx.query<{ locked: boolean }[]>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [`draw:${taskId}`]);
      if (!locked) throw new ConflictError('该任务正在抽取中，请勿重复提交');
      // The row lock makes a withdrawal in flight finish first (or wait for this draw).
      await this.lockTask(tx, taskId);
      const task = await this.plans.task(taskId, tx);
      const [c] = await tx.query<{ id: number; snapshot_hash: string; committed_at: string }[]>(
        `SELECT id, snapshot_hash, to_char(committed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS.MS"+08:00"') AS committed_at
         FROM commitment WHERE task_id = $1 AND status = 'open'`,
        [taskId],
      );
      if (!c) {
        throw new ConflictError(task.status === 'draft' ? '该任务尚未提交承诺：请先冻结抽取数据并公布其哈希，再抽取' : '该任务已抽取');
      }
      const now = Date.now();
      const future = dto.seedValues.find((v) => Date.parse(v.availableAt) > now);
      if (future) throw new InvalidInputError(`随机源“${future.sourceId}”的取值时间 ${future.availableAt} 晚于当前时间，不能使用尚未产生的值`);
      const inputs: SeedInputs = { snapshotHash: c.snapshot_hash, committedAt: c.committed_at, values: dto.seedValues };
      // The snapshot is decompressed and drawn from as its slices arrive.
      const snapshot = storedByteSlices(tx, SNAPSHOT, c.id);
      const { parts, seed, result } = await storedDraw(snapshot, c.snapshot_hash, (header) => deriveSeed(header.seedSources, inputs).seed);
      // The inspections are saved while the result file is hashed and compressed; the draw row,
      // which needs the file, comes last, under the id taken first (all in this transaction).
      const [{ id: drawId }] = await tx.query<{ id: number }[]>(`SELECT nextval(pg_get_serial_sequence('draw', 'id'))::int AS id`);
      const [{ gz, sha256 }] = await Promise.all([gzipLines(resultLines(result)), persistInspections(tx, drawId, result)]);
      const receipt = makeReceipt(parts, inputs, result, sha256);
      const counts = { inspections: result.inspections.length, unstaffed: result.unstaffed.length, exclusions: result.exclusions.length };
      await tx.query(
        `INSERT INTO draw (id, task_id, commitment_id, algorithm, seed, seed_values, result_hash, receipt, strata, counts, result_gz, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [drawId, taskId, c.id, result.algorithm, seed, JSON.stringify(receipt.seedValues), receipt.resultHash, JSON.stringify(receipt),
          JSON.stringify(result.strata), JSON.stringify(counts), gz, user],
      );
      const drawn = await tx.query(`UPDATE commitment SET status = 'drawn' WHERE id = $1 AND status = 'open' RETURNING id`, [c.id]);
      if (drawn[0]?.length !== 1) throw new ConflictError('该承诺已被撤回，不能抽取');
      await tx.query(`UPDATE task SET status = 'drawn', updated_at = now() WHERE id = $1`, [taskId]);
      return drawId;
    });
    return this.get(id);
  }

  supersede(drawId: number, reason: string): Promise<DrawView> {
    return this.db
      .transaction(async (tx) => {
        const d = await this.get(drawId, tx);
        if (d.status === 'published') throw new ConflictError('已公示的抽取结果不能作废');
        if (d.status === 'superseded') throw new ConflictError('该抽取结果已作废');
        await tx.query(`UPDATE draw SET status = 'superseded', superseded_reason = $2, superseded_at = now() WHERE id = $1`, [drawId, reason]);
        await tx.query(`UPDATE task SET status = 'draft', updated_at = now() WHERE id = $1`, [d.taskId]);
      })
      .then(() => this.get(drawId));
  }

  publish(drawId: number): Promise<DrawView> {
    return this.db
      .transaction(async (tx) => {
        const d = await this.get(drawId, tx);
        if (d.status !== 'active') throw new ConflictError(d.status === 'published' ? '该抽取结果已公示' : '已作废的抽取结果不能公示');
        await tx.query(`UPDATE draw SET status = 'published', published_at = now() WHERE id = $1`, [drawId]);
        await tx.query(`UPDATE task SET status = 'published', updated_at = now() WHERE id = $1`, [d.taskId]);
      })
      .then(() => this.get(drawId));
  }

  async get(id: number, manager: EntityManager = this.db.manager): Promise<DrawView> {
    const [d] = await manager.query<DrawView[]>(`SELECT ${DRAW_COLUMNS} FROM draw d JOIN task t ON t.id = d.task_id WHERE d.id = $1`, [id]);
    if (!d) throw new NotFoundError('抽取结果', id);
    return d;
  }

  /** Every draw of a task, superseded ones included, newest first. */
  forTask(taskId: number): Promise<DrawView[]> {
    return this.db.query<DrawView[]>(`SELECT ${DRAW_COLUMNS} FROM draw d JOIN task t ON t.id = d.task_id WHERE d.task_id = $1 ORDER BY d.id DESC`, [taskId]);
  }

  commitments(taskId: number): Promise<CommitmentView[]> {
    return this.db.query<CommitmentView[]>(
      `SELECT c.id, c.task_id AS "taskId", t.code AS "taskCode", c.snapshot_hash AS "snapshotHash",
              to_char(c.committed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS.MS"+08:00"') AS "committedAt",
              c.seed_sources AS "seedSources", c.counts, c.status
       FROM commitment c JOIN task t ON t.id = c.task_id WHERE c.task_id = $1 ORDER BY c.id DESC`,
      [taskId],
    );
  }

  async snapshotFile(commitmentId: number): Promise<{ gz: Buffer; taskCode: string }> {
    const [row] = await this.db.query<{ code: string }[]>('SELECT t.code FROM commitment c JOIN task t ON t.id = c.task_id WHERE c.id = $1', [commitmentId]);
    if (!row) throw new NotFoundError('抽取承诺', commitmentId);
    return { gz: await readStoredBytes(this.db, SNAPSHOT, commitmentId), taskCode: row.code };
  }

  async resultFile(drawId: number): Promise<{ gz: Buffer; taskCode: string }> {
    const [row] = await this.db.query<{ code: string }[]>('SELECT t.code FROM draw d JOIN task t ON t.id = d.task_id WHERE d.id = $1', [drawId]);
    if (!row) throw new NotFoundError('抽取结果', drawId);
    return { gz: await readStoredBytes(this.db, RESULT, drawId), taskCode: row.code };
  }

  private async lockTask(tx: EntityManager, taskId: number): Promise<void> {
    const rows = await tx.query('SELECT 1 FROM task WHERE id = $1 FOR UPDATE', [taskId]);
    if (!rows.length) throw new NotFoundError('抽查任务', taskId);
  }
}

/** The draw from the committed snapshot, after checking that the stored bytes still hash to the published hash. */
async function storedDraw(gz: AsyncIterable<Buffer>, sha256: string, seedFor: (header: SnapshotPlanParts) => string): Promise<StoredDraw> {
  try {
    return await drawFromStoredSnapshot(gz, sha256, seedFor);
  } catch (e) {
    if (e instanceof StoredFileCorruptError) throw new ConflictError('存档的抽取数据与已公布的承诺哈希不符，拒绝抽取：请撤回该承诺并报告系统管理员');
    throw e;
  }
}

/**
 * How often an enterprise was drawn this year is read from the other tasks' draws at commit
 * time. While another task of the same office and year sharing a matter is committed but not
 * drawn, its draw would not be counted here, and the rounds limit could be passed.
 */
async function refuseWhileSharedMatterOpen(tx: EntityManager, task: TaskView): Promise<void> {
  // Commits of one office's year take turns, so that two of them cannot both pass this check.
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('commit:' || p.office || ':' || p.year)) FROM plan p WHERE p.id = $1`, [task.planId]);
  const [other] = await tx.query<{ code: string }[]>(
    `SELECT t.code FROM task t JOIN plan p ON p.id = t.plan_id JOIN plan mine ON mine.id = $2
     WHERE t.id <> $1 AND t.status = 'committed' AND p.year = mine.year AND p.office = mine.office AND t.matter_ids && $3
     ORDER BY t.code LIMIT 1`,
    [task.id, task.planId, task.matterIds],
  );
  if (other) throw new ConflictError(`任务“${other.code}”与本任务有相同事项，已提交承诺但尚未抽取：请先完成其抽取或撤回其承诺，以免同一企业超过本年度的抽查次数`);
}
