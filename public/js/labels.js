/**
 * Chinese labels for the codes the API uses (kept in step with
 * src/enterprises/enterprise-status.ts and src/conflicts/conflict.entity.ts),
 * and formatting of ratios, dates and flags.
 */

export const ENTERPRISE_STATUSES = {
  active: '存续',
  operating: '在业',
  suspended: '停业',
  moved_out: '迁出',
  cancelled: '注销',
  revoked: '吊销',
  closed: '歇业',
};

/** Credit tiers A–D, low to high risk (信用风险分类). */
export const CREDIT_TIERS = {
  A: 'A 级（低风险）',
  B: 'B 级（一般风险）',
  C: 'C 级（较高风险）',
  D: 'D 级（高风险）',
};

export const TRIGGER_KINDS = {
  complaint: '投诉举报',
  monitoring_alert: '大数据监测预警',
  handover: '转办交办',
};

export const CONFLICT_KINDS = {
  kinship: '近亲属关系',
  former_employment: '曾在该单位任职',
  financial_interest: '经济利害关系',
  prior_handling: '曾参与相关案件办理',
  other: '其他',
};

export const IMPORT_ACTIONS = { created: '新增', updated: '更新', unchanged: '未变' };

export function label(map, code) {
  if (code === null || code === undefined || code === '') return '—';
  return map[code] ?? String(code);
}

/**
 * 0.2 -> "20%", 0.125 -> "12.5%", 1 -> "100%". Works on basis points so that binary
 * noise never shows (0.14300000000000002 -> "14.3%").
 */
export function formatRatio(ratio) {
  if (ratio === null || ratio === undefined || ratio === '') return '—';
  const n = Number(ratio);
  if (!Number.isFinite(n)) return String(ratio);
  const bp = Math.round(n * 10000);
  const whole = Math.trunc(bp / 100);
  const frac = String(Math.abs(bp % 100)).padStart(2, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}%` : `${whole}%`;
}

/** "20" or "20%" or "12.5" (percent, at most 2 decimals) -> 0.2 / 0.125; throws a Chinese message. */
export function parsePercent(text) {
  const t = String(text).trim().replace(/[%％]$/, '').trim();
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) throw new Error('抽查比例应为 0–100 之间的百分数，最多 2 位小数，如 20 或 12.5');
  const bp = Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'));
  if (bp > 10000) throw new Error('抽查比例不能大于 100%');
  return bp / 10000;
}

/** The percent text of a ratio for an input box: 0.2 -> "20". */
export function ratioToPercentInput(ratio) {
  if (ratio === null || ratio === undefined) return '';
  return formatRatio(ratio).replace(/%$/, '');
}

export function yesNo(v) {
  return v ? '是' : '否';
}

/** YYYY-MM-DD of a date string or Date, else "—". */
export function formatDate(v) {
  if (!v) return '—';
  const s = typeof v === 'string' ? v : new Date(v).toISOString();
  return s.slice(0, 10);
}

export function formatDateTime(v) {
  if (!v) return '—';
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return String(v);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A period "2024-01-01 至 2025-12-31", open ends shown as "起" / "止" omitted. */
export function formatPeriod(from, until) {
  if (!from && !until) return '—';
  if (from && until) return `${formatDate(from)} 至 ${formatDate(until)}`;
  if (from) return `${formatDate(from)} 起`;
  return `至 ${formatDate(until)}`;
}

/** Splits "a；b,c、d" into ["a","b","c","d"] (the separators the sheets accept). */
export function splitList(text) {
  return String(text || '')
    .split(/[；;,，、\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function joinList(list) {
  return Array.isArray(list) ? list.join('；') : '';
}

export function formatCount(n) {
  return Number(n || 0).toLocaleString('zh-CN');
}
