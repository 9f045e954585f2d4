import type { PoolClient } from 'pg';
import { pgTextArray } from '../excel/copy-text';
import type { FieldReader } from '../excel/field-reader';
import type { ImportTarget, MergeOutcome, StagingColumn } from '../excel/import-target';
import { INSPECTOR_LAYOUT } from '../excel/sheet-layouts';
import { type MergeField, mergeStaged, REACTIVATE } from '../excel/staged-merge';

interface InspectorRow {
  certNo: string;
  name: string;
  departmentId: number | null;
  specialities: string[];
  regionCode: string | null;
  leaveFrom: string | null;
  leaveUntil: string | null;
  phone: string;
  email: string;
}

const FIELDS: readonly MergeField[] = [
  { header: '姓名', column: 'name' },
  { header: '所属部门', column: 'department_id' },
  { header: '专业', column: 'specialities' },
  { header: '行政区划代码', column: 'region_code' },
  { header: '休假开始', column: 'leave_from' },
  { header: '休假结束', column: 'leave_until' },
  { header: '联系电话', column: 'phone' },
  { header: '电子邮箱', column: 'email' },
];

/** Imports the inspector pool (执法检查人员名录库), keyed by 执法证号. */
export class InspectorImportTarget implements ImportTarget<InspectorRow> {
  readonly layout = INSPECTOR_LAYOUT;
  readonly keyHeader = '执法证号';
  private departments = new Map<string, number>();

  readonly staging: readonly StagingColumn[] = [
    { name: 'cert_no', type: 'varchar(32)' },
    { name: 'name', type: 'varchar(50)' },
    { name: 'department_id', type: 'integer' },
    { name: 'specialities', type: 'varchar[]' },
    { name: 'region_code', type: 'char(6)' },
    { name: 'leave_from', type: 'date' },
    { name: 'leave_until', type: 'date' },
    { name: 'phone', type: 'varchar(32)' },
    { name: 'email', type: 'varchar(100)' },
    { name: 'active', type: 'boolean' },
  ];

  async prepare(client: PoolClient): Promise<void> {
    const { rows } = await client.query<{ id: number; code: string; name: string }>('SELECT id, code, name FROM department');
    for (const d of rows) {
      this.departments.set(d.name, d.id);
      this.departments.set(d.code, d.id);
    }
  }

  parse(r: FieldReader): InspectorRow {
    const dep = r.text('所属部门');
    const departmentId = dep ? (this.departments.get(dep) ?? null) : null;
    if (!dep) r.fail('所属部门', '“所属部门”不能为空');
    else if (departmentId === null) r.fail('所属部门', `未知的部门“${dep}”，请填写系统中已有部门的名称或编码`);
    const row: InspectorRow = {
      certNo: r.matching('执法证号', /^[A-Za-z0-9-]{4,32}$/, '“执法证号”应为 4–32 位字母、数字或短横线', true),
      name: r.required('姓名', 50),
      departmentId,
      specialities: r.list('专业'),
      regionCode: r.matching('行政区划代码', /^\d{6}$/, '“行政区划代码”应为 6 位数字', false) || null,
      leaveFrom: r.date('休假开始'),
      leaveUntil: r.date('休假结束'),
      phone: r.matching('联系电话', /^[0-9+\- ]{0,32}$/, '“联系电话”格式不正确', false),
      email: r.matching('电子邮箱', /^[^\s@]+@[^\s@]+\.[^\s@]+$/, '“电子邮箱”格式不正确', false),
    };
    if (row.email.length > 100) r.fail('电子邮箱', `“电子邮箱”最长 100 个字符，实为 ${row.email.length} 个`);
    if (row.specialities.some((s) => s.length > 50)) r.fail('专业', '每项专业最长 50 个字符');
    if (row.leaveFrom && row.leaveUntil && row.leaveUntil < row.leaveFrom) r.fail('休假结束', '休假结束日期不能早于开始日期');
    if (!row.leaveFrom && row.leaveUntil) r.fail('休假开始', '填写休假结束日期时必须同时填写开始日期');
    return row;
  }

  key(row: InspectorRow): string {
    return row.certNo;
  }

  stage(row: InspectorRow) {
    return [row.certNo, row.name, row.departmentId, pgTextArray(row.specialities), row.regionCode, row.leaveFrom, row.leaveUntil, row.phone, row.email, true];
  }

  merge(client: PoolClient, present: ReadonlySet<string>, changeLimit: number): Promise<MergeOutcome> {
    const fields = [...FIELDS.filter((f) => present.has(f.header)), REACTIVATE];
    return mergeStaged(client, { table: 'inspector', key: 'cert_no', fields }, changeLimit);
  }
}
