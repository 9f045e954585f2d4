import type { PoolClient } from 'pg';
import type { FieldReader } from '../excel/field-reader';
import type { ImportIssue } from '../excel/import-issue';
import type { ImportTarget, MergeOutcome, StagingColumn } from '../excel/import-target';
import { mergeStaged, REACTIVATE } from '../excel/staged-merge';
import { DEPARTMENT_CODE_PATTERN, DEPARTMENT_CODE_RULE, DEPARTMENT_LAYOUT } from './department-sheet';

interface DepartmentRow {
  code: string;
  name: string;
}

/** Imports departments, keyed by 部门编码; a department in the file is (again) active. */
export class DepartmentImportTarget implements ImportTarget<DepartmentRow> {
  readonly layout = DEPARTMENT_LAYOUT;
  readonly keyHeader = '部门编码';

  readonly staging: readonly StagingColumn[] = [
    { name: 'code', type: 'varchar(32)' },
    { name: 'name', type: 'varchar(100)' },
    { name: 'active', type: 'boolean' },
  ];

  async prepare(): Promise<void> {}

  parse(r: FieldReader): DepartmentRow {
    return {
      code: r.matching('部门编码', DEPARTMENT_CODE_PATTERN, `“部门编码”${DEPARTMENT_CODE_RULE}`, true),
      name: r.required('部门名称', 100),
    };
  }

  key(row: DepartmentRow): string {
    return row.code;
  }

  stage(row: DepartmentRow) {
    return [row.code, row.name, true];
  }

  /** Names are unique too: in the file, and against stored departments with another code. */
  async checkStaged(client: PoolClient, sheet: string): Promise<ImportIssue[]> {
    const { rows } = await client.query<{ row_no: number; name: string; first: number | null; other: string | null }>(`
      SELECT * FROM (
        SELECT s.row_no, s.name, NULLIF(min(s.row_no) OVER (PARTITION BY s.name), s.row_no) AS first, d.code AS other
        FROM import_stage s LEFT JOIN department d ON d.name = s.name AND d.code <> s.code
      ) x WHERE first IS NOT NULL OR other IS NOT NULL ORDER BY row_no`);
    return rows.map((r) => ({
      sheet,
      row: r.row_no,
      column: '部门名称',
      value: r.name,
      reason:
        r.first !== null ? `与第 ${r.first} 行的部门名称重复（部门名称必须唯一）` : `部门名称“${r.name}”已被编码为“${r.other}”的部门使用`,
    }));
  }

  merge(client: PoolClient, _present: ReadonlySet<string>, changeLimit: number): Promise<MergeOutcome> {
    return mergeStaged(
      client,
      { table: 'department', key: 'code', fields: [{ header: '部门名称', column: 'name' }, REACTIVATE] },
      changeLimit,
    );
  }
}
