/**
 * Chinese labels and formatting for plans, tasks, commitments and draws (kept in step with
 * docs/draw-algorithm.md and src/draw/), and the default tier policy as the engine ships it.
 */

export const TASK_STATUSES = {
  draft: ['待冻结数据', 'tag-gray'],
  committed: ['已公布哈希，待抽取', 'tag-orange'],
  drawn: ['已抽取，待公示', 'tag-blue'],
  published: ['已公示', 'tag-green'],
};

export const DRAW_STATUSES = {
  active: ['待公示', 'tag-blue'],
  published: ['已公示', 'tag-green'],
  superseded: ['已作废', 'tag-red'],
};

export const COMMITMENT_STATUSES = {
  open: ['待抽取', 'tag-orange'],
  drawn: ['已抽取', 'tag-green'],
  withdrawn: ['已撤回', 'tag-gray'],
};

export const PLAN_STATUSES = {
  draft: ['草稿', 'tag-gray'],
  published: ['已公布', 'tag-green'],
};

export const SEED_KINDS = {
  lottery: '彩票开奖号码',
  beacon: '随机信标',
  official: '官员秘密值',
};

export const UNSTAFFED_REASONS = {
  no_qualified_inspector: '无具备该事项所需部门和专业的执法检查人员',
  all_on_leave: '具备条件的执法检查人员在本轮抽查期间均在休假',
  all_recused: '具备条件的执法检查人员均须回避',
  cap_reached: '具备条件的执法检查人员均已达到本次任务的检查上限',
  too_few_inspectors: '符合条件的执法检查人员不足以组成规定人数的检查组',
};

export const REPLACEMENT_REASONS = {
  illness: '因病不能参加检查',
  leave: '因公务或请假不能参加检查',
  late_conflict: '抽取后发现应当回避的情形',
  other: '其他原因',
};

export const VERIFY_STEPS = {
  algorithm: '算法版本',
  taskCode: '任务编号',
  snapshotHash: '快照哈希',
  seed: '随机种子',
  resultHash: '结果哈希',
  resultLine: '抽取结果',
};

export const TIER_NAMES = { A: 'A 级', B: 'B 级', C: 'C 级', D: 'D 级' };
export const TIER_HINTS = {
  A: '信用好、风险低',
  B: '一般',
  C: '较高风险',
  D: '失信、高风险',
};

/** DEFAULT_TIER_POLICY of src/draw/policy.ts (docs/draw-algorithm.md §2). */
export const DEFAULT_TIER_POLICY = {
  A: { ratio: { kind: 'multiplier', percent: 50 }, rounds: { kind: 'relative', delta: -1 } },
  B: { ratio: { kind: 'multiplier', percent: 100 }, rounds: { kind: 'relative', delta: 0 } },
  C: { ratio: { kind: 'multiplier', percent: 150 }, rounds: { kind: 'relative', delta: 1 } },
  D: { ratio: { kind: 'multiplier', percent: 300 }, rounds: { kind: 'relative', delta: 2 } },
  accidentTier: 'D',
  accidentLookbackYears: 3,
};

/** A [text, tagClass] status pair of one of the maps above, for display. */
export function statusOf(map, code) {
  return map[code] || [code ? String(code) : '—', 'tag-gray'];
}

/** 2000 -> "20%", 1250 -> "12.5%". */
export function formatBp(bp) {
  if (bp === null || bp === undefined) return '—';
  const n = Number(bp);
  const whole = Math.trunc(n / 100);
  const frac = String(Math.abs(n % 100)).padStart(2, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}%` : `${whole}%`;
}

/** The ratio rule of a tier in words. */
export function describeTierRatio(rule) {
  const r = rule && rule.ratio;
  if (!r) return '—';
  if (r.kind === 'fixed') return `固定 ${formatBp(r.bp)}`;
  if (r.percent === 100) return '按事项抽查比例';
  return `事项抽查比例 × ${r.percent}%（最高 100%）`;
}

/** The rounds rule of a tier in words. */
export function describeTierRounds(rule) {
  const r = rule && rule.rounds;
  if (!r) return '—';
  if (r.kind === 'fixed') return `每年 ${r.perYear} 次`;
  if (r.delta === 0) return '按事项每年抽查次数';
  if (r.delta < 0) return `事项次数 − ${-r.delta}（至少 1 次）`;
  return `事项次数 + ${r.delta}`;
}

/** A sorted list of lottery numbers or a hex text, as the seed value is written. */
export function formatSeedValue(value) {
  if (Array.isArray(value)) return value.join(', ');
  return value === null || value === undefined ? '—' : String(value);
}

/** Now as ISO 8601 in China Standard Time (as the server writes it), e.g. 2026-11-23T20:15:03.120+08:00. */
export function nowInShanghai(now = Date.now()) {
  return `${new Date(now + 8 * 3600_000).toISOString().replace('Z', '')}+08:00`;
}

/** An instant shown in Beijing time: "2026-11-23 20:15:03". */
export function formatBeijing(v) {
  if (!v) return '—';
  const t = Date.parse(v);
  if (Number.isNaN(t)) return String(v);
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * A time the user typed, as ISO 8601 with an offset. Accepts the full form
 * (2026-12-01T21:30:00+08:00, …Z) and "2026-12-01 21:30[:00]" read as Beijing time.
 * Throws an Error with a Chinese message otherwise.
 */
export function parseTimeInput(text) {
  const t = String(text || '').trim();
  if (!t) throw new Error('请填写取值时间');
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(t)) {
    if (Number.isNaN(Date.parse(t))) throw new Error(`时间“${t}”无效`);
    return t;
  }
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2})?$/.exec(t);
  if (m) {
    const iso = `${m[1]}T${m[2]}${m[3] || ':00'}+08:00`;
    if (Number.isNaN(Date.parse(iso))) throw new Error(`时间“${t}”无效`);
    return iso;
  }
  throw new Error('时间格式应为 2026-12-01 21:30:00（北京时间）或带时区的 ISO 8601，如 2026-12-01T21:30:00+08:00');
}

/** "3, 9, 14，22 27+6" -> [3, 9, 14, 22, 27, 6]; throws a Chinese message. */
export function parseLotteryNumbers(text) {
  const parts = String(text || '')
    .split(/[\s,，、;；+]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (!parts.length) throw new Error('请填写开奖号码，用逗号分隔，如 3,9,14,22,27,31,6');
  return parts.map((p) => {
    if (!/^\d{1,9}$/.test(p)) throw new Error(`开奖号码“${p}”不是非负整数`);
    return Number(p);
  });
}

export function shortHash(hash) {
  return typeof hash === 'string' && hash.length > 16 ? `${hash.slice(0, 8)}…${hash.slice(-8)}` : hash || '—';
}
