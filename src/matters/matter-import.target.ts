import type { PoolClient } from 'pg';
import { parseRatioToBasisPoints, RatioParseError } from '../common/ratio';
import type { FieldReader } from '../excel/field-reader';
import type { ImportIssue } from '../excel/import-issue';
import type { ImportTarget, MergeOutcome, StagingColumn } from '../excel/import-target';
import { MATTER_LAYOUT } from '../excel/sheet-layouts';
import { defaultMatterCode } from './matters.service';
import { type MergeField, mergeStaged } from '../excel/staged-merge';

interface MatterRow {
  seq: number;
  name: string;
  targetDescription: string;
  legalBasis: string;
  responsibility: string;
  measures: string;
  /** Exact text of the ratio as numeric(5,4), e.g. "0.2000". */
  ratio: string;
  leadDepartmentId: number | null;
  /** As given in 事项编码; null lets a new matter get one from its 序号 and leaves a stored matter's alone. */
  code: string | null;
  cooperatingUnits: string;
  roundsPerYear: number;
  keySupervision: boolean;
  highRisk: boolean;
  requiredSpeciality: string | null;
}

const FIELDS: readonly MergeField[] = [
  { header: '序号', column: 'seq' },
  { header: '监管对象', column: 'target_description' },
  { header: '设定依据', column: 'legal_basis' },
  { header: '监管责任', column: 'responsibility' },
  { header: '监管措施', column: 'measures' },
  { header: '抽查比例', column: 'sampling_ratio' },
  { header: '牵头部门', column: 'lead_department_id' },
  { header: '事项编码', column: 'code' },
  { header: '配合单位', column: 'cooperating_units' },
  { header: '每年抽查次数', column: 'rounds_per_year' },
  { header: '重点监管', column: 'key_supervision' },
  { header: '高风险事项', column: 'high_risk' },
  { header: '所需专业', column: 'required_speciality' },
];

/** Imports the matter list (随机抽查事项清单), keyed by 监管事项 (the matter's name). */
export class MatterImportTarget implements ImportTarget<MatterRow> {
  readonly layout = MATTER_LAYOUT;
  readonly keyHeader = '监管事项';
  private departments = new Map<string, number>();

  readonly staging: readonly StagingColumn[] = [
    { name: 'seq', type: 'integer' },
    { name: 'name', type: 'varchar(200)' },
    { name: 'target_description', type: 'text' },
    { name: 'legal_basis', type: 'text' },
    { name: 'responsibility', type: 'text' },
    { name: 'measures', type: 'varchar(200)' },
    { name: 'sampling_ratio', type: 'numeric(5,4)' },
    { name: 'lead_department_id', type: 'integer' },
    { name: 'code', type: 'varchar(32)' },
    { name: 'cooperating_units', type: 'varchar(200)' },
    { name: 'rounds_per_year', type: 'smallint' },
    { name: 'key_supervision', type: 'boolean' },
    { name: 'high_risk', type: 'boolean' },
    { name: 'required_speciality', type: 'varchar(50)' },
  ];

  async prepare(client: PoolClient): Promise<void> {
    const { rows } = await client.query<{ id: number; code: string; name: string }>('SELECT id, code, name FROM department');
    for (const d of rows) {
      this.departments.set(d.name, d.id);
      this.departments.set(d.code, d.id);
    }
  }

  parse(r: FieldReader): MatterRow {
    const measures = r.optional('监管措施', 200);
    let ratio = '';
    const rawRatio = r.text('抽查比例');
    if (!rawRatio) r.fail('抽查比例', '“抽查比例”不能为空');
    else {
      try {
        ratio = (parseRatioToBasisPoints(rawRatio) / 10000).toFixed(4);
      } catch (err) {
        r.fail('抽查比例', err instanceof RatioParseError ? err.message : String(err));
      }
    }
    const lead = r.text('牵头部门');
    const leadDepartmentId = lead ? (this.departments.get(lead) ?? null) : null;
    if (!lead) r.fail('牵头部门', '“牵头部门”不能为空');
    else if (leadDepartmentId === null) r.fail('牵头部门', `未知的牵头部门“${lead}”，请先在“部门”中添加，或填写已有部门的名称或编码`);
    const keySupervision = r.yesNo('重点监管') ?? measures.includes('重点监管');
    if (keySupervision && ratio && ratio !== '1.0000') r.fail('抽查比例', '重点监管事项的抽查比例应为 100%');
    const code = r.matching('事项编码', /^[A-Za-z0-9_-]{1,32}$/, '“事项编码”只能含字母、数字、下划线和短横线，最长 32 位', false);
    if (!r.text('序号')) r.fail('序号', '“序号”不能为空');
    const seq = r.integer('序号', 1, 100000) ?? 0;
    return {
      seq,
      name: r.required('监管事项', 200),
      targetDescription: r.text('监管对象'),
      legalBasis: r.text('设定依据'),
      responsibility: r.text('监管责任'),
      measures,
      ratio,
      leadDepartmentId,
      code: code || null,
      cooperatingUnits: r.optional('配合单位', 200),
      roundsPerYear: r.integer('每年抽查次数', 1, 12) ?? 1,
      keySupervision,
      highRisk: r.yesNo('高风险事项') ?? false,
      requiredSpeciality: r.optional('所需专业', 50) || null,
    };
  }

  key(row: MatterRow): string {
    return row.name;
  }

  stage(row: MatterRow) {
    return [
      row.seq, row.name, row.targetDescription, row.legalBasis, row.responsibility, row.measures, row.ratio, row.leadDepartmentId,
      row.code, row.cooperatingUnits, row.roundsPerYear, row.keySupervision, row.highRisk, row.requiredSpeciality,
    ];
  }

  /**
   * Given codes must be unique in the file and not belong to another stored matter; 序号 must be
   * unique in the file. New matters without a code get one from their 序号 (M001), or, where
   * that is taken, the first free M001-2, M001-3 …
   */
  async checkStaged(client: PoolClient, sheet: string): Promise<ImportIssue[]> {
    const issues: ImportIssue[] = [];
    const taken = await client.query<{ row_no: number; code: string; other: string }>(`
      SELECT s.row_no, m.code, m.name AS other FROM import_stage s
      JOIN inspection_matter m ON m.code = s.code AND m.name <> s.name`);
    for (const r of taken.rows) {
      issues.push({ sheet, row: r.row_no, column: '事项编码', value: r.code, reason: `事项编码“${r.code}”已被事项“${r.other}”使用` });
    }
    for (const [column, expr] of [['事项编码', 'code'], ['序号', 'seq::text']] as const) {
      const dup = await client.query<{ row_no: number; value: string; first: number }>(`
        SELECT row_no, value, first FROM (
          SELECT row_no, ${expr} AS value, min(row_no) OVER (PARTITION BY ${expr}) AS first FROM import_stage WHERE ${expr} IS NOT NULL
        ) x WHERE row_no <> first ORDER BY row_no`);
      for (const r of dup.rows) issues.push({ sheet, row: r.row_no, column, value: r.value, reason: `与第 ${r.first} 行的${column}重复（${column}必须唯一）` });
    }
    if (issues.length) return issues;
    const { rows: unnamed } = await client.query<{ row_no: number; seq: number }>(`
      SELECT s.row_no, s.seq FROM import_stage s WHERE s.code IS NULL
        AND NOT EXISTS (SELECT 1 FROM inspection_matter m WHERE m.name = s.name) ORDER BY s.row_no`);
    if (!unnamed.length) return issues;
    const { rows: used } = await client.query<{ code: string }>(
      'SELECT code FROM inspection_matter UNION SELECT code FROM import_stage WHERE code IS NOT NULL',
    );
    const codes = new Set(used.map((u) => u.code));
    for (const r of unnamed) {
      const base = defaultMatterCode(r.seq);
      let code = base;
      for (let n = 2; codes.has(code); n++) code = `${base}-${n}`;
      codes.add(code);
      await client.query('UPDATE import_stage SET code = $1 WHERE row_no = $2', [code, r.row_no]);
    }
    return issues;
  }

  merge(client: PoolClient, present: ReadonlySet<string>, changeLimit: number): Promise<MergeOutcome> {
    // Without a 重点监管 column the flag follows 监管措施 ("重点监管").
    const has = (h: string) => present.has(h) || (h === '重点监管' && present.has('监管措施'));
    return mergeStaged(
      client,
      {
        table: 'inspection_matter',
        key: 'name',
        fields: FIELDS.filter((f) => has(f.header)),
        insertDefaults: { code: 's.code' },
      },
      changeLimit,
    );
  }
}
