import { ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { InvalidInputError } from './domain-error';

/** Chinese wording for class-validator's built-in messages, where a DTO gives none of its own. */
const CHINESE: Record<string, (field: string) => string> = {
  whitelistValidation: (f) => `不允许的字段：${f}`,
  isString: (f) => `${f} 必须是字符串`,
  isBoolean: (f) => `${f} 只能是 true 或 false`,
  isInt: (f) => `${f} 必须是整数`,
  isNumber: (f) => `${f} 必须是数字`,
  isArray: (f) => `${f} 必须是数组`,
  arrayUnique: (f) => `${f} 中不能有重复值`,
  isIn: (f) => `${f} 的取值不在允许范围内`,
  min: (f) => `${f} 小于允许的最小值`,
  max: (f) => `${f} 大于允许的最大值`,
  maxLength: (f) => `${f} 超过允许的最大长度`,
  minLength: (f) => `${f} 短于允许的最小长度`,
  isLength: (f) => `${f} 的长度不在允许范围内`,
  isEmail: (f) => `${f} 不是有效的电子邮箱`,
  isIso8601: (f) => `${f} 不是有效日期（YYYY-MM-DD）`,
  matches: (f) => `${f} 的格式不正确`,
  isDefined: (f) => `缺少 ${f}`,
};

/** How a field is called in messages: its Chinese name, with the API name a client sends. */
const FIELD_LABELS: Record<string, string> = {
  accidentCount: '事故次数',
  active: '启用状态',
  address: '地址',
  availableAt: '取值时间',
  by: '分组方式',
  certNo: '执法证号',
  code: '编码',
  cooperatingUnits: '配合单位',
  creditTier: '信用等级',
  currentPassword: '当前密码',
  departmentId: '所属部门',
  description: '说明',
  displayName: '姓名或名称',
  docPrefix: '文号前缀',
  email: '电子邮箱',
  enterpriseId: '企业',
  highRisk: '高风险事项',
  id: '编号',
  industries: '行业',
  industry: '行业',
  inspectorId: '检查人员',
  joint: '联合抽查',
  keySupervision: '重点监管',
  kind: '类型',
  lastAccidentOn: '最近事故日期',
  leadDepartmentId: '牵头部门',
  leaveFrom: '休假开始',
  leaveUntil: '休假结束',
  legalBasis: '设定依据',
  matterCode: '监管事项编码',
  matterCodes: '监管事项编码',
  matterId: '监管事项',
  matterIds: '监管事项',
  matters: '监管事项',
  maxPerInspector: '每人检查上限',
  measures: '监管措施',
  name: '名称',
  newEconomy: '四新企业',
  newPassword: '新密码',
  note: '备注',
  observationEnd: '观察期结束',
  observationStart: '观察期开始',
  office: '单位',
  ordered: '是否按顺序',
  page: '页码',
  pageSize: '每页条数',
  password: '密码',
  phone: '联系电话',
  q: '查找内容',
  reason: '原因',
  region: '行政区划',
  regionCode: '行政区划代码',
  regionPrefixes: '行政区划',
  requiredSpeciality: '所需专业',
  responsibility: '监管责任',
  role: '角色',
  round: '轮次',
  roundsPerYear: '每年抽查次数',
  samplingRatio: '抽查比例',
  secretSha256: '秘密值的 SHA-256',
  seedSources: '随机源',
  seedValues: '随机源取值',
  seq: '序号',
  sourceId: '随机源编号',
  specialities: '专业',
  speciality: '专业',
  status: '状态',
  targetDescription: '监管对象',
  targeted: '定向抽查',
  teamSize: '检查组人数',
  tierPolicy: '信用分级规则',
  tiers: '信用等级',
  title: '标题',
  triggerKinds: '触发事由',
  uscc: '统一社会信用代码',
  username: '用户名',
  validUntil: '截止日期',
  value: '取值',
  windowEnd: '抽查结束日期',
  windowStart: '抽查开始日期',
  year: '年度',
};

/** "inspectorId" → "检查人员（inspectorId）"; "seedSources.0.kind" → "类型（seedSources.0.kind）". */
function fieldLabel(path: string): string {
  const last = path.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? path;
  const label = FIELD_LABELS[last];
  return label ? `${label}（${path}）` : path;
}

const HAS_CHINESE = /[\u4e00-\u9fff]/;

function flatten(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({
      field,
      message: HAS_CHINESE.test(message) ? message : (CHINESE[rule]?.(fieldLabel(field)) ?? `${fieldLabel(field)} 不符合要求`),
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** whitelist + forbid unknown fields + transform, with field errors in the one error shape. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const shown = details.slice(0, 3).map((d) => d.message).join('；');
      return new InvalidInputError(`请求参数有误：${shown}${details.length > 3 ? ` 等 ${details.length} 处` : ''}`, details);
    },
  });
}

/** "active（存续）、suspended（停业）…": the values an API client sends, each with what it means. */
export function describeChoices(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}（${v}）`)
    .join('、');
}
