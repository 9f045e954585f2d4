import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { describeDatabaseError } from '../common/database-errors';
import { DomainError } from '../common/domain-error';
import { dropSecondaryIndexes, restoreIndexes } from './bulk-indexes';
import { CopyChunk } from './copy-text';
import { FieldReader } from './field-reader';
import { IssueList } from './import-issue';
import { ImportReports } from './import-reports';
import type { ImportChange, ImportTarget, MergeOutcome } from './import-target';
import { detectKind, type FileKind, openRows } from './row-source';
import { allHeaders } from './sheet-layouts';

export interface UploadedFile {
  path: string;
  originalName: string;
}

export interface ImportReport {
  fileKind: FileKind;
  dryRun: boolean;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  changes: ImportChange[];
  /** True when more rows changed than `changes` lists (it holds the first 500). */
  changesTruncated: boolean;
}

export interface ImportOptions {
  dryRun?: boolean;
  /** Called with the number of rows read so far, every few thousand rows. */
  onProgress?: (rows: number) => void;
}

/**
 * A large load into the target's table. Rebuilding the indexes costs about as much as the table's
 * size, so it pays once an import has added as many rows as the table held (into an empty table,
 * from the first chunk); from then on they are dropped, and restored before the commit.
 */
interface BulkLoad {
  table: string;
  /** Rows stored before the import. */
  after: number;
  /** Highest id stored before the import: the rows a staged row can match. */
  storedUpTo: number;
  restore?: string[];
}

const CHUNK_ROWS = 50_000;
const CHANGE_LIMIT = 500;
const REPORTED_ERRORS = 1000;

/**
 * A copy that owns its characters. Parsers hand out substrings that point into the chunk they
 * were cut from; kept as map keys, a million of them would hold the whole file in memory.
 */
function ownCopy(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** Header text as people type it: spaces, line breaks and a required-marker "*" are ignored. */
function normaliseHeader(h: string): string {
  return h.replace(/[\s*＊]/g, '');
}

/**
 * All-or-nothing import: the file streams through the target's parser, good rows go to a
 * temporary table by COPY in chunks that are merged while the next chunk is parsed, and
 * the transaction commits only if no row anywhere had a problem.
 */
@Injectable()
export class ImportPipeline {
  private readonly logger = new Logger('Import');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reports: ImportReports,
  ) {}

  async run<Row>(target: ImportTarget<Row>, file: UploadedFile, opts: ImportOptions = {}): Promise<ImportReport> {
    const kind = await detectKind(file.path, file.originalName);
    const source = await openRows(file.path, kind, target.layout.sheet);
    const runner = this.db.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    const issues = new IssueList();
    const totals: MergeOutcome = { created: 0, updated: 0, unchanged: 0, changes: [] };
    let total = 0;
    try {
      await client.query('BEGIN');
      // Two imports of the same list wait for each other instead of interleaving.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`import:${target.layout.sheet}`]);
      await target.prepare(client);
      const bulk = target.bulkTable ? await this.bulkLoad(client, target.bulkTable) : undefined;
      const columns = target.staging.map((c) => `"${c.name}" ${c.type}`).join(', ');
      await client.query(`CREATE TEMP TABLE import_stage (row_no int, ${columns}) ON COMMIT DROP`);

      let index: Map<string, number> | undefined;
      let present: Set<string> = new Set();
      const seen = new Map<string, number>();
      const chunk = new CopyChunk();
      let pending: Promise<void> = Promise.resolve();
      let failure: unknown;
      const flush = (bytes: Buffer) => {
        const run = pending.then(() => this.flushChunk(client, target, bytes, present, source.sheet, issues, totals, bulk));
        pending = run.catch((err: unknown) => {
          failure ??= err;
        });
      };

      for await (const { row, cells } of source.rows) {
        if (cells.every((c) => !c)) continue;
        if (!index) {
          ({ index, present } = this.readHeader(cells, target, source.sheet, file));
          continue;
        }
        total++;
        const r = new FieldReader(source.sheet, row, cells, index);
        const parsed = target.parse(r);
        const key = target.key(parsed);
        if (key) {
          const earlier = seen.get(key);
          if (earlier !== undefined) r.fail(target.keyHeader, `与第 ${earlier} 行重复（${target.keyHeader}必须唯一）`, key);
          else seen.set(ownCopy(key), row);
        }
        for (const [h, i] of index) {
          if (cells[i]?.includes('\u0000')) r.fail(h, '单元格中含有空字符（\\0），请删除后重试', cells[i].replace(/\u0000/g, ''));
        }
        // Rows with problems are reported; the others are still staged, so that the checks
        // that need the database (references, codes in use) report every row of the file.
        if (r.issues.length) for (const i of r.issues) issues.add(i);
        else chunk.add([row, ...target.stage(parsed)]);
        if (chunk.rows >= CHUNK_ROWS) {
          // One chunk merges while the next is parsed, never more: parsing outruns merging, and
          // unmerged chunks would otherwise pile up until the whole file is in memory.
          await pending;
          flush(chunk.take());
        }
        if (total % 10_000 === 0) opts.onProgress?.(total);
        if (failure) throw failure;
      }
      if (!index) throw new DomainError('UNSUPPORTED_FILE', '文件为空：没有找到表头行');
      if (total === 0) throw new DomainError('UNSUPPORTED_FILE', '文件中没有数据行');
      if (chunk.rows) flush(chunk.take());
      await pending;
      if (failure) throw failure;
      opts.onProgress?.(total);

      if (issues.count > 0) {
        await client.query('ROLLBACK');
        const items = issues.sorted();
        const reportId = await this.reports.save(file, kind, target.layout, items);
        throw new DomainError('IMPORT_REJECTED', `导入失败：发现 ${issues.count} 处错误，未写入任何数据`, {
          errorCount: issues.count,
          errors: items.slice(0, REPORTED_ERRORS),
          errorsTruncated: issues.count > REPORTED_ERRORS,
          markedWorkbookUrl: `/api/imports/${reportId}/marked.xlsx`,
        });
      }
      if (bulk?.restore && !opts.dryRun) await this.refusingOnDatabaseError(() => restoreIndexes(client, bulk.restore!));
      await client.query(opts.dryRun ? 'ROLLBACK' : 'COMMIT');
      this.logger.log(`${target.layout.sheet}：${total} 行，新增 ${totals.created}，更新 ${totals.updated}，未变 ${totals.unchanged}${opts.dryRun ? '（试导入，未写入）' : ''}`);
      return { fileKind: kind, dryRun: !!opts.dryRun, total, ...totals, changesTruncated: totals.created + totals.updated > totals.changes.length };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  }

  private async bulkLoad(client: PoolClient, table: string): Promise<BulkLoad> {
    const { rows } = await client.query<{ n: number; top: number }>(`SELECT count(*)::int AS n, coalesce(max(id), 0)::int AS top FROM ${table}`);
    return { table, after: rows[0].n, storedUpTo: rows[0].top };
  }

  private readHeader<Row>(cells: string[], target: ImportTarget<Row>, sheet: string, file: UploadedFile) {
    const index = new Map<string, number>();
    const known = new Set(allHeaders(target.layout));
    const problems: string[] = [];
    cells.forEach((raw, i) => {
      const h = normaliseHeader(raw);
      if (!known.has(h)) return;
      if (index.has(h)) problems.push(`列“${h}”出现了两次`);
      index.set(h, i);
    });
    const missing = target.layout.required.filter((h) => !index.has(h));
    if (missing.length) problems.push(`缺少必填列：${missing.join('、')}`);
    if (problems.length) {
      throw new DomainError('IMPORT_REJECTED', `导入失败：表头不符合模板（${problems.join('；')}），未写入任何数据`, {
        errorCount: problems.length,
        errors: problems.map((reason) => ({ sheet, row: 1, column: '', value: '', reason })),
        file: file.originalName,
      });
    }
    return { index, present: new Set(index.keys()) };
  }

  private async flushChunk<Row>(
    client: PoolClient,
    target: ImportTarget<Row>,
    bytes: Buffer,
    present: ReadonlySet<string>,
    sheet: string,
    issues: IssueList,
    totals: MergeOutcome,
    bulk: BulkLoad | undefined,
  ): Promise<void> {
    const names = ['row_no', ...target.staging.map((c) => `"${c.name}"`)].join(', ');
    await pipeline(Readable.from([bytes]), client.query(copyFrom(`COPY import_stage (${names}) FROM STDIN`)));
    const found = (await target.checkStaged?.(client, sheet)) ?? [];
    for (const i of found) issues.add(i);
    if (issues.count === 0) {
      if (bulk && !bulk.restore && totals.created >= bulk.after) bulk.restore = await dropSecondaryIndexes(client, bulk.table);
      const out = await this.refusingOnDatabaseError(() => target.merge(client, present, CHANGE_LIMIT - totals.changes.length, bulk?.restore ? bulk.storedUpTo : undefined));
      totals.created += out.created;
      totals.updated += out.updated;
      totals.unchanged += out.unchanged;
      totals.changes.push(...out.changes);
    }
    await client.query('TRUNCATE import_stage');
  }

  /**
   * A rule the row checks missed must still end as a clear refusal, not a bare 500: the
   * database's own error, in words, as the import's answer.
   */
  private async refusingOnDatabaseError<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      const db = describeDatabaseError(err);
      if (!db) throw err;
      throw new DomainError('IMPORT_REJECTED', `导入失败：${db.message}，未写入任何数据`, { errorCount: 1, errors: [] });
    }
  }
}
