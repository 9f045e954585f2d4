/**
 * The workbook layouts of the lists: sheet name and Chinese column headers, in order.
 * Importers, exporters, templates and the fixtures generator all read them from here.
 * Cells holding several values separate them with "；" (also accepted: ; , ， 、).
 * Yes/no cells hold 是/否; dates are date cells or YYYY-MM-DD text.
 */
export interface SheetLayout {
  sheet: string;
  /** Headers a file must have. */
  required: readonly string[];
  /** Headers a file may have; a missing optional column keeps stored values (or the default for new rows). */
  optional: readonly string[];
}

/** The first eight columns are those of the published list (seed 004). */
export const MATTER_LAYOUT = {
  sheet: '随机抽查事项清单',
  required: ['序号', '监管事项', '监管对象', '设定依据', '监管责任', '监管措施', '抽查比例', '牵头部门'],
  optional: ['事项编码', '配合单位', '每年抽查次数', '重点监管', '高风险事项', '所需专业'],
} as const satisfies SheetLayout;

export const ENTERPRISE_LAYOUT = {
  sheet: '检查对象名录库',
  required: ['统一社会信用代码', '企业名称', '行政区划代码'],
  optional: ['地址', '行业', '经营状态', '信用等级', '四新企业', '观察期开始', '观察期结束', '触发事由', '事故次数', '最近事故日期', '适用事项'],
} as const satisfies SheetLayout;

export const INSPECTOR_LAYOUT = {
  sheet: '执法检查人员名录库',
  required: ['执法证号', '姓名', '所属部门'],
  optional: ['专业', '行政区划代码', '休假开始', '休假结束', '联系电话', '电子邮箱'],
} as const satisfies SheetLayout;

export const CONFLICT_LAYOUT = {
  sheet: '回避名单',
  required: ['执法证号', '统一社会信用代码', '回避类型', '回避理由'],
  optional: ['截止日期'],
} as const satisfies SheetLayout;

export function allHeaders(layout: SheetLayout): string[] {
  return [...layout.required, ...layout.optional];
}

export const LIST_SEPARATOR = '；';
