import type { ColumnHelp } from '../excel/xlsx-response';
import { ENTERPRISE_STATUSES, TRIGGER_KINDS } from './enterprise-status';

export const ENTERPRISE_COLUMN_HELP: readonly ColumnHelp[] = [
  { header: '统一社会信用代码', help: '18 位，按 GB 32100-2015 校验末位校验码；不得含 I、O、Z、S、V。再次导入时按此列更新已有企业。' },
  { header: '企业名称', help: '最长 200 字。' },
  { header: '行政区划代码', help: '6 位数字，如 320802（清江浦区）。' },
  { header: '地址', help: '最长 300 字。' },
  { header: '行业', help: '最长 100 字。' },
  { header: '经营状态', help: `可填：${Object.values(ENTERPRISE_STATUSES).join('、')}；空白按“存续”。注销、吊销、歇业的企业不参加抽取。`, choices: Object.values(ENTERPRISE_STATUSES) },
  { header: '信用等级', help: 'A（信用好、风险低）、B（一般）、C（较差）、D（失信、高风险）；空白按 B。', choices: ['A', 'B', 'C', 'D'] },
  { header: '四新企业', help: '新技术、新产业、新业态、新模式企业填“是”。', choices: ['是', '否'] },
  { header: '观察期开始', help: '包容期/观察期开始日期，如 2026-01-01。' },
  { header: '观察期结束', help: '包容期/观察期结束日期，不早于开始日期。' },
  { header: '触发事由', help: `触发式监管的事由，可填多个，用“；”分隔：${Object.values(TRIGGER_KINDS).join('、')}。` },
  { header: '事故次数', help: '发生生产安全事故的次数，非负整数。' },
  { header: '最近事故日期', help: '最近一次生产安全事故的日期。' },
  { header: '适用事项', help: '该企业适用的监管事项，填事项编码（如 M001）或事项名称，多个用“；”分隔。' },
];
