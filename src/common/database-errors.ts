import { QueryFailedError } from 'typeorm';

/** What each named constraint means to the person whose request broke it. */
const CONSTRAINT_LABELS: Record<string, string> = {
  uq_department_code: '部门编码已被使用',
  uq_department_name: '部门名称已被使用',
  uq_matter_code: '事项编码已被其他监管事项使用',
  uq_matter_name: '监管事项名称已存在',
  uq_enterprise_uscc: '该统一社会信用代码已在名录库中',
  uq_inspector_cert: '该执法证号已在名录库中',
  uq_conflict_pair: '该检查人员与该企业的回避记录已存在',
  uq_user_username: '用户名已被使用',
  uq_plan_year_office: '该单位本年度已有抽查计划',
  uq_plan_year_prefix: '该文号前缀本年度已被另一计划使用',
  uq_task_code: '任务文号已被使用',
  uq_task_seq: '任务序号已被使用',
  uq_commitment_open: '该任务已有待抽取的承诺',
  uq_draw_commitment: '该承诺已经抽取过',
  uq_draw_live: '该任务已有有效的抽取结果',
  uq_replacement_seq: '替换记录编号冲突，请重试',
  uq_inspection: '同一企业在一次抽取中只能有一条检查记录',
  fk_matter_department: '牵头部门不存在',
  fk_inspector_department: '所属部门不存在',
  fk_conflict_inspector: '检查人员不存在',
  fk_conflict_enterprise: '企业不存在',
  fk_user_inspector: '关联的检查人员不存在',
  fk_pm_matter: '监管事项不存在',
  fk_pm_plan: '抽查计划不存在',
  fk_task_plan: '抽查计划不存在',
  ck_matter_ratio: '抽查比例应在 0–100% 之间',
  ck_pm_ratio: '抽查比例应在 0–100% 之间',
  ck_matter_rounds: '每年抽查次数应为 1–12 次',
  ck_pm_rounds: '每年抽查次数应为 1–12 次',
  ck_enterprise_region: '行政区划代码应为 6 位数字',
  ck_enterprise_status: '经营状态不在允许范围内',
  ck_enterprise_tier: '信用等级只能是 A、B、C、D',
  ck_enterprise_accidents: '事故次数不能为负数',
  ck_enterprise_observation: '包容期（观察期）结束日期不能早于开始日期',
  ck_inspector_leave: '休假结束日期不能早于开始日期',
  ck_conflict_kind: '回避类型不在允许范围内',
  ck_user_role: '账号角色只能是政策法规处或执法检查人员',
  ck_plan_year: '计划年度应在 2000–2100 之间',
  ck_task_window: '抽查期间的结束日期不能早于开始日期',
  ck_task_team: '检查组至少 2 人',
  ck_task_cap: '每人检查上限至少为 1',
  ck_task_round: '轮次应为 1–12',
  ck_task_filter: '定向抽查须有筛选条件，不定向抽查不能有',
};

export interface DatabaseFailure {
  status: 400 | 409;
  code: 'VALIDATION_FAILED' | 'CONFLICT';
  message: string;
}

interface PgErrorFields {
  code?: string;
  constraint?: string;
  column?: string;
}

/** The fields of a PostgreSQL error, whether TypeORM wrapped it or the pg driver threw it. */
function pgFields(err: unknown): PgErrorFields | null {
  if (err instanceof QueryFailedError) return (err.driverError as PgErrorFields | undefined) ?? null;
  if (err instanceof Error && typeof (err as PgErrorFields).code === 'string' && 'severity' in err) return err as PgErrorFields;
  return null;
}

/** PostgreSQL errors that bad input can cause, in words for the user; null for any other error. */
export function describeDatabaseError(err: unknown): DatabaseFailure | null {
  const f = pgFields(err);
  if (!f?.code) return null;
  const label = f.constraint ? CONSTRAINT_LABELS[f.constraint] : undefined;
  switch (f.code) {
    case '23505':
      return { status: 409, code: 'CONFLICT', message: label ?? '数据重复：与已有记录冲突' };
    case '23503':
      return { status: 409, code: 'CONFLICT', message: label ?? '引用的记录不存在，或该记录仍被其他数据引用' };
    case '23514':
      return { status: 400, code: 'VALIDATION_FAILED', message: label ?? '数据不符合规则' };
    case '23502':
      return { status: 400, code: 'VALIDATION_FAILED', message: '缺少必填的值' };
    case 'P0001':
      return { status: 409, code: 'CONFLICT', message: '抽取结果一经产生不可更改或删除' };
    case '22021':
    case '22P05':
      return { status: 400, code: 'VALIDATION_FAILED', message: '文本中含有不允许的字符（如空字符 \\0），请删除后重试' };
    case '22001':
      return { status: 400, code: 'VALIDATION_FAILED', message: '文本超过允许的长度' };
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return { status: 400, code: 'VALIDATION_FAILED', message: '数据格式不正确或超出范围' };
    case '40001':
    case '40P01':
    case '55P03':
      return { status: 409, code: 'CONFLICT', message: '数据正被另一操作修改，请稍后重试' };
    default:
      return null;
  }
}
