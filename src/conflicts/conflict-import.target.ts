import type { PoolClient } from 'pg';
import type { FieldReader } from '../excel/field-reader';
import type { ImportIssue } from '../excel/import-issue';
import type { ImportTarget, MergeOutcome, StagingColumn } from '../excel/import-target';
import { CONFLICT_LAYOUT } from '../excel/sheet-layouts';
import { type MergeField, mergeStaged, REACTIVATE } from '../excel/staged-merge';
import { usccProblem } from '../common/uscc';
import { CONFLICT_KINDS } from './conflict.entity';

interface ConflictRow {
  certNo: string;
  uscc: string;
  kind: string;
  reason: string;
  validUntil: string | null;
}

const FIELDS: readonly MergeField[] = [
  { header: '回避类型', column: 'kind' },
  { header: '回避理由', column: 'reason' },
  { header: '截止日期', column: 'valid_until' },
];

/** Imports recusals, keyed by (执法证号, 统一社会信用代码); re-importing a pair also re-activates it. */
export class ConflictImportTarget implements ImportTarget<ConflictRow> {
  readonly layout = CONFLICT_LAYOUT;
  readonly keyHeader = '执法证号';

  readonly staging: readonly StagingColumn[] = [
    { name: 'cert_no', type: 'varchar(32)' },
    { name: 'uscc', type: 'char(18)' },
    { name: 'kind', type: 'varchar(32)' },
    { name: 'reason', type: 'varchar(300)' },
    { name: 'valid_until', type: 'date' },
    { name: 'active', type: 'boolean' },
  ];

  async prepare(): Promise<void> {}

  parse(r: FieldReader): ConflictRow {
    const uscc = r.text('统一社会信用代码').toUpperCase();
    const problem = uscc ? usccProblem(uscc) : '“统一社会信用代码”不能为空';
    if (problem) r.fail('统一社会信用代码', problem);
    return {
      certNo: r.required('执法证号', 32),
      uscc,
      kind: r.choice('回避类型', CONFLICT_KINDS, undefined) ?? (r.text('回避类型') ? '' : (r.fail('回避类型', '“回避类型”不能为空'), '')),
      reason: r.required('回避理由', 300),
      validUntil: r.date('截止日期'),
    };
  }

  key(row: ConflictRow): string {
    return row.certNo && row.uscc ? `${row.certNo} × ${row.uscc}` : '';
  }

  stage(row: ConflictRow) {
    return [row.certNo, row.uscc, row.kind, row.reason, row.validUntil, true];
  }

  async checkStaged(client: PoolClient, sheet: string): Promise<ImportIssue[]> {
    const { rows } = await client.query<{ row_no: number; cert_no: string; uscc: string; no_inspector: boolean; no_enterprise: boolean }>(`
      SELECT s.row_no, s.cert_no, s.uscc,
             NOT EXISTS (SELECT 1 FROM inspector i WHERE i.cert_no = s.cert_no) AS no_inspector,
             NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.uscc = s.uscc) AS no_enterprise
      FROM import_stage s
      WHERE NOT EXISTS (SELECT 1 FROM inspector i WHERE i.cert_no = s.cert_no)
         OR NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.uscc = s.uscc)`);
    return rows.flatMap((r) => [
      ...(r.no_inspector ? [{ sheet, row: r.row_no, column: '执法证号', value: r.cert_no, reason: `执法人员名录库中没有执法证号“${r.cert_no}”` }] : []),
      ...(r.no_enterprise ? [{ sheet, row: r.row_no, column: '统一社会信用代码', value: r.uscc, reason: `检查对象名录库中没有该企业` }] : []),
    ]);
  }

  merge(client: PoolClient, present: ReadonlySet<string>, changeLimit: number): Promise<MergeOutcome> {
    return mergeStaged(
      client,
      {
        table: 'conflict',
        key: 'id',
        fields: [...FIELDS.filter((f) => present.has(f.header)), REACTIVATE],
        match: {
          on: 'e.inspector_id = (SELECT id FROM inspector WHERE cert_no = s.cert_no) AND e.enterprise_id = (SELECT id FROM enterprise WHERE uscc = s.uscc)',
          key: `s.cert_no || ' × ' || s.uscc`,
          insertKeys: {
            inspector_id: '(SELECT id FROM inspector WHERE cert_no = s.cert_no)',
            enterprise_id: '(SELECT id FROM enterprise WHERE uscc = s.uscc)',
          },
        },
      },
      changeLimit,
    );
  }
}
