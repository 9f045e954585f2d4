import type { SheetLayout } from '../excel/sheet-layouts';
import type { ColumnHelp } from '../excel/xlsx-response';

/** The departments' workbook: its sheet and headers, as the other lists' in src/excel/sheet-layouts.ts. */
export const DEPARTMENT_LAYOUT = {
  sheet: '部门',
  required: ['部门编码', '部门名称'],
  optional: [],
} as const satisfies SheetLayout;

export const DEPARTMENT_CODE_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
/** Follows the field's name: “部门编码只能含…”. */
export const DEPARTMENT_CODE_RULE = '只能含字母、数字、下划线和短横线，最长 32 位';

export const DEPARTMENT_COLUMN_HELP: readonly ColumnHelp[] = [
  {
    header: '部门编码',
    help: '字母、数字、下划线或短横线，最长 32 位，唯一；再次导入时按此列更新。事项的牵头部门、执法人员的所属部门可填编码或名称。',
  },
  { header: '部门名称', help: '最长 100 字，唯一，如“危化处”。导入的部门均为启用状态；停用请在“部门”页面操作。' },
];
