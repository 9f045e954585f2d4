import type { ExclusionReason, ReplacementReason, UnstaffedReason } from './types';

/** User-facing labels; the codes are what the canonical result records. */
export const EXCLUSION_REASONS: Record<ExclusionReason, string> = {
  status_cancelled: '已注销',
  status_revoked: '已吊销营业执照',
  status_closed: '已歇业',
  status_moved_out: '已迁出辖区',
  outside_target_scope: '不在本次定向抽查范围内',
  observation_period: '新经济企业处于包容期、观察期内，不扩大抽查范围',
  observation_period_targeted: '新经济企业处于包容期、观察期内，且无投诉举报、大数据监测、转办交办情形，不实施定向抽查',
  rounds_exhausted: '本年度该事项抽查次数已达信用等级规定的频次',
};

export const UNSTAFFED_REASONS: Record<UnstaffedReason, string> = {
  no_qualified_inspector: '无具备该事项所需部门和专业的执法检查人员',
  all_on_leave: '具备条件的执法检查人员在本轮抽查期间均在休假',
  all_recused: '具备条件的执法检查人员均须回避',
  cap_reached: '具备条件的执法检查人员均已达到本次任务的检查上限',
  too_few_inspectors: '符合条件的执法检查人员不足以组成规定人数的检查组',
};

export const REPLACEMENT_REASONS: Record<ReplacementReason, string> = {
  illness: '因病不能参加检查',
  leave: '因公务或请假不能参加检查',
  late_conflict: '抽取后发现应当回避的情形',
  other: '其他原因',
};
