import type { ColumnHelp } from '../excel/xlsx-response';

export const MATTER_COLUMN_HELP: readonly ColumnHelp[] = [
  { header: '序号', help: '清单中的序号，正整数。' },
  { header: '监管事项', help: '事项名称，如“对危险化学品经营监管”；再次导入时按此列更新已有事项。' },
  { header: '监管对象', help: '被监管的对象范围。' },
  { header: '设定依据', help: '法律、法规、规章依据及条款。' },
  { header: '监管责任', help: '监管部门的责任。' },
  { header: '监管措施', help: '如“双随机”监管、信用监管；含“重点监管”的事项视为重点监管事项（抽查比例须为 100%）。' },
  { header: '抽查比例', help: '如 20%、100%，或 0–1 的小数（0.2）；最多精确到 0.01%。' },
  { header: '牵头部门', help: '部门名称或编码，须为系统中已有的部门。' },
  { header: '事项编码', help: '选填；不填则按序号生成，如 M001。名录库“适用事项”列引用此编码。' },
  { header: '配合单位', help: '选填，自由文本。' },
  { header: '每年抽查次数', help: '1–12 的整数，空白为 1。' },
  { header: '重点监管', help: '是/否；空白时按“监管措施”是否含“重点监管”判断。', choices: ['是', '否'] },
  { header: '高风险事项', help: '是/否；高风险事项不因包容期、观察期而放宽抽查。', choices: ['是', '否'] },
  { header: '所需专业', help: '执法人员须具备的专业，如“危险化学品”。' },
];
