import type { PoolClient } from 'pg';
import type { FieldReader } from './field-reader';
import type { ImportIssue } from './import-issue';
import type { SheetLayout } from './sheet-layouts';

/** What one chunk of staged rows did to the stored list. */
export interface MergeOutcome {
  created: number;
  updated: number;
  unchanged: number;
  /** Changed rows, key and changed columns (headers), bounded by the caller's limit. */
  changes: ImportChange[];
}

export interface ImportChange {
  key: string;
  action: 'created' | 'updated';
  fields?: string[];
}

export interface StagingColumn {
  name: string;
  /** PostgreSQL type of the staged value, e.g. 'text', 'date', 'int[]'. */
  type: string;
}

/**
 * One list's import rules. The pipeline streams the file, asks the target to parse each
 * row, stages good rows with COPY in chunks, and asks the target to check and merge
 * each chunk, all inside one transaction.
 */
export interface ImportTarget<Row> {
  layout: SheetLayout;
  /** Header of the column that identifies a row (re-import updates by it). */
  keyHeader: string;
  /** Loads lookups (departments, matters …) once per import. */
  prepare(client: PoolClient): Promise<void>;
  /** Parses one row; problems go to the reader's issues. */
  parse(r: FieldReader): Row;
  key(row: Row): string;
  staging: readonly StagingColumn[];
  /** Values in `staging` order; null for SQL NULL. Arrays as PostgreSQL array literals. */
  stage(row: Row): readonly (string | number | boolean | null)[];
  /** Checks that need the database (e.g. references); row numbers come from the staged row_no. */
  checkStaged?(client: PoolClient, sheet: string): Promise<ImportIssue[]>;
  /**
   * The table a large import fills: once an import has added as many rows as it held, its
   * secondary indexes are rebuilt at the end instead of maintained.
   */
  bulkTable?: string;
  /**
   * Applies the staged chunk; `present` holds the headers the file has. With `storedUpTo`, only
   * stored rows with id up to it can match (set during a bulk load, whose own rows never match:
   * the file's keys are unique), so the match needs no index on the key.
   */
  merge(client: PoolClient, present: ReadonlySet<string>, changeLimit: number, storedUpTo?: number): Promise<MergeOutcome>;
}
