/** Registration status of an enterprise, with the label used in rosters and the UI. */
export const ENTERPRISE_STATUSES = {
  active: '存续',
  operating: '在业',
  suspended: '停业',
  moved_out: '迁出',
  cancelled: '注销',
  revoked: '吊销',
  closed: '歇业',
} as const;

export type EnterpriseStatus = keyof typeof ENTERPRISE_STATUSES;

export const CREDIT_TIERS = ['A', 'B', 'C', 'D'] as const;
export type CreditTier = (typeof CREDIT_TIERS)[number];

/** 触发式监管 triggers that let the draw reach an enterprise in its observation period. */
export const TRIGGER_KINDS = {
  complaint: '投诉举报',
  monitoring_alert: '大数据监测预警',
  handover: '转办交办',
} as const;
export type TriggerKind = keyof typeof TRIGGER_KINDS;

export function statusFromLabel(label: string): EnterpriseStatus | undefined {
  const t = label.trim();
  return (Object.keys(ENTERPRISE_STATUSES) as EnterpriseStatus[]).find((k) => ENTERPRISE_STATUSES[k] === t || k === t);
}

export function triggerFromLabel(label: string): TriggerKind | undefined {
  const t = label.trim();
  return (Object.keys(TRIGGER_KINDS) as TriggerKind[]).find((k) => TRIGGER_KINDS[k] === t || k === t);
}
