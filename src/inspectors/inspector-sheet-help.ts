import type { ColumnHelp } from '../excel/xlsx-response';

export const INSPECTOR_COLUMN_HELP: readonly ColumnHelp[] = [
  { header: '执法证号', help: '4–32 位字母、数字或短横线，唯一；再次导入时按此列更新。' },
  { header: '姓名', help: '最长 50 字。' },
  { header: '所属部门', help: '部门名称或编码，须为系统中已有的部门。' },
  { header: '专业', help: '可填多个，用“；”分隔，如“危险化学品；烟花爆竹”。抽取时按事项所需专业匹配。' },
  { header: '行政区划代码', help: '6 位数字，选填。' },
  { header: '休假开始', help: '休假、借调等不能参加检查的开始日期。' },
  { header: '休假结束', help: '结束日期，不早于开始日期；只填开始表示至今未归。' },
  { header: '联系电话', help: '仅政策法规处可见，不公开。' },
  { header: '电子邮箱', help: '仅政策法规处可见，不公开。' },
];
