import type { PoolClient } from 'pg';
import { usccProblem } from '../common/uscc';
import { pgTextArray } from '../excel/copy-text';
import type { FieldReader } from '../excel/field-reader';
import type { ImportTarget, MergeOutcome, StagingColumn } from '../excel/import-target';
import { type MergeField, mergeStaged, REACTIVATE } from '../excel/staged-merge';
import { ENTERPRISE_LAYOUT } from '../excel/sheet-layouts';
import { ENTERPRISE_STATUSES, TRIGGER_KINDS, triggerFromLabel } from './enterprise-status';

interface EnterpriseRow {
  uscc: string;
  name: string;
  regionCode: string;
  address: string;
  industry: string;
  status: string;
  creditTier: string;
  newEconomy: boolean;
  observationStart: string | null;
  observationEnd: string | null;
  triggerKinds: string[];
  accidentCount: number;
  lastAccidentOn: string | null;
  matterIds: number[];
}

/** Column of the sheet ↔ column of the table. */
const FIELDS: readonly MergeField[] = [
  { header: '企业名称', column: 'name' },
  { header: '行政区划代码', column: 'region_code' },
  { header: '地址', column: 'address' },
  { header: '行业', column: 'industry' },
  { header: '经营状态', column: 'status' },
  { header: '信用等级', column: 'credit_tier' },
  { header: '四新企业', column: 'new_economy' },
  { header: '观察期开始', column: 'observation_start' },
  { header: '观察期结束', column: 'observation_end' },
  { header: '触发事由', column: 'trigger_kinds' },
  { header: '事故次数', column: 'accident_count' },
  { header: '最近事故日期', column: 'last_accident_on' },
  { header: '适用事项', column: 'matter_ids' },
];

const MATTERS = '适用事项';

/** Imports the roster (检查对象名录库), keyed by USCC. */
export class EnterpriseImportTarget implements ImportTarget<EnterpriseRow> {
  readonly layout = ENTERPRISE_LAYOUT;
  readonly keyHeader = '统一社会信用代码';
  readonly bulkTable = 'enterprise';
  private matterIds = new Map<string, number>();

  readonly staging: readonly StagingColumn[] = [
    { name: 'uscc', type: 'char(18)' },
    { name: 'name', type: 'varchar(200)' },
    { name: 'region_code', type: 'char(6)' },
    { name: 'address', type: 'varchar(300)' },
    { name: 'industry', type: 'varchar(100)' },
    { name: 'status', type: 'varchar(16)' },
    { name: 'credit_tier', type: 'char(1)' },
    { name: 'new_economy', type: 'boolean' },
    { name: 'observation_start', type: 'date' },
    { name: 'observation_end', type: 'date' },
    { name: 'trigger_kinds', type: 'varchar[]' },
    { name: 'accident_count', type: 'integer' },
    { name: 'last_accident_on', type: 'date' },
    { name: 'matter_ids', type: 'integer[]' },
    { name: 'active', type: 'boolean' },
  ];

  async prepare(client: PoolClient): Promise<void> {
    const { rows } = await client.query<{ id: number; code: string; name: string }>('SELECT id, code, name FROM inspection_matter');
    for (const m of rows) {
      this.matterIds.set(m.code, m.id);
      this.matterIds.set(m.name, m.id);
    }
  }

  parse(r: FieldReader): EnterpriseRow {
    const uscc = r.text('统一社会信用代码').toUpperCase();
    if (!uscc) r.fail('统一社会信用代码', '“统一社会信用代码”不能为空');
    else {
      const problem = usccProblem(uscc);
      if (problem) r.fail('统一社会信用代码', problem);
    }
    const row: EnterpriseRow = {
      uscc,
      name: r.required('企业名称', 200),
      regionCode: r.matching('行政区划代码', /^\d{6}$/, '“行政区划代码”应为 6 位数字，如 320802', true),
      address: r.optional('地址', 300),
      industry: r.optional('行业', 100),
      status: r.choice('经营状态', ENTERPRISE_STATUSES, 'active') ?? 'active',
      creditTier: r.matching('信用等级', /^[ABCD]$/i, '“信用等级”只能是 A、B、C、D', false).toUpperCase() || 'B',
      newEconomy: r.yesNo('四新企业') ?? false,
      observationStart: r.date('观察期开始'),
      observationEnd: r.date('观察期结束'),
      triggerKinds: [],
      accidentCount: r.integer('事故次数', 0, 10000) ?? 0,
      lastAccidentOn: r.date('最近事故日期'),
      matterIds: [],
    };
    if (row.observationStart && row.observationEnd && row.observationEnd < row.observationStart) {
      r.fail('观察期结束', '观察期结束日期不能早于开始日期');
    }
    for (const label of r.list('触发事由')) {
      const kind = triggerFromLabel(label);
      if (kind) row.triggerKinds.push(kind);
      else r.fail('触发事由', `未知的触发事由“${label}”，只能是：${Object.values(TRIGGER_KINDS).join('、')}`);
    }
    const ids = new Set<number>();
    for (const m of r.list(MATTERS)) {
      const id = this.matterIds.get(m);
      if (id === undefined) r.fail(MATTERS, `未知的监管事项“${m}”（填事项编码如 M001 或事项名称）`);
      else ids.add(id);
    }
    row.matterIds = [...ids].sort((a, b) => a - b);
    return row;
  }

  key(row: EnterpriseRow): string {
    return row.uscc;
  }

  stage(row: EnterpriseRow) {
    return [
      row.uscc, row.name, row.regionCode, row.address, row.industry, row.status, row.creditTier, row.newEconomy,
      row.observationStart, row.observationEnd, pgTextArray(row.triggerKinds), row.accidentCount, row.lastAccidentOn,
      `{${row.matterIds.join(',')}}`,
      true,
    ];
  }

  merge(client: PoolClient, present: ReadonlySet<string>, changeLimit: number, storedUpTo?: number): Promise<MergeOutcome> {
    // A row in the file is in the roster: importing it again brings back a deactivated enterprise.
    const fields = [...FIELDS.filter((f) => present.has(f.header)), REACTIVATE];
    return mergeStaged(client, { table: 'enterprise', key: 'uscc', fields, storedUpTo }, changeLimit);
  }
}
