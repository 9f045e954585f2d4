import { USCC_CHARSET } from '../common/uscc';
import { ENTERPRISE_STATUSES, TRIGGER_KINDS } from '../enterprises/enterprise-status';
import { DrawInputError } from './errors';
import { TIERS } from './policy';
import type { DrawEnterprise, DrawInspector, DrawSnapshot, DrawTask, TierPolicy, TierRule } from './types';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SOURCE_ID = /^[a-z0-9_.-]{1,64}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const MAX_PROBLEMS = 100;
const USCC_CHAR = new Uint8Array(128);
for (const c of USCC_CHARSET) USCC_CHAR[c.charCodeAt(0)] = 1;

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** 18 characters of the USCC charset (the check character is the roster's business). */
export function isUsccShape(v: unknown): v is string {
  if (typeof v !== 'string' || v.length !== 18) return false;
  for (let i = 0; i < 18; i++) {
    const c = v.charCodeAt(i);
    if (c > 127 || !USCC_CHAR[c]) return false;
  }
  return true;
}
const isInt = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): boolean =>
  Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isTextArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isText);
const isDateOrNull = (v: unknown): boolean => v === null || isIsoDate(v);

class Problems {
  readonly list: string[] = [];
  add(message: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push(message);
  }
  get full(): boolean {
    return this.list.length >= MAX_PROBLEMS;
  }
}

function checkTask(t: DrawTask, p: Problems): void {
  if (!isText(t.code)) p.add('任务编号不能为空');
  if (!isInt(t.year, 2000, 2100)) p.add(`任务年度“${t.year}”无效`);
  if (!isInt(t.round, 1, 366)) p.add(`抽查轮次“${t.round}”无效`);
  if (!isIsoDate(t.windowStart) || !isIsoDate(t.windowEnd)) p.add('抽查期间的起止日期应为 YYYY-MM-DD');
  else if (t.windowStart > t.windowEnd) p.add('抽查期间的开始日期晚于结束日期');
  if (typeof t.targeted !== 'boolean' || typeof t.joint !== 'boolean') p.add('定向、联合标志应为布尔值');
  if (t.targeted && t.filter === null) p.add('定向抽查须给出筛选条件');
  if (!t.targeted && t.filter !== null) p.add('不定向抽查不得设置筛选条件');
  if (t.filter) {
    const f = t.filter;
    if (!isTextArray(f.regionPrefixes) || !f.regionPrefixes.every((r) => /^\d{1,6}$/.test(r))) p.add('定向抽查的区划代码前缀无效');
    if (!isTextArray(f.industries)) p.add('定向抽查的行业条件无效');
    if (!Array.isArray(f.tiers) || !f.tiers.every((x) => TIERS.includes(x))) p.add('定向抽查的信用等级条件无效');
  }
  if (!isInt(t.teamSize, 2, 50)) p.add(`检查组人数“${t.teamSize}”无效：至少 2 人`);
  if (t.maxPerInspector !== null && !isInt(t.maxPerInspector, 1)) p.add(`每名执法人员检查上限“${t.maxPerInspector}”无效`);
}

function checkRule(tier: string, r: TierRule | undefined, p: Problems): void {
  if (!r || typeof r !== 'object') return p.add(`信用等级 ${tier} 缺少抽查策略`);
  const ratioOk =
    r.ratio?.kind === 'multiplier' ? isInt(r.ratio.percent, 0, 100000) : r.ratio?.kind === 'fixed' && isInt(r.ratio.bp, 0, 10000);
  if (!ratioOk) p.add(`信用等级 ${tier} 的抽查比例设置无效`);
  const roundsOk =
    r.rounds?.kind === 'relative' ? isInt(r.rounds.delta, -100, 100) : r.rounds?.kind === 'fixed' && isInt(r.rounds.perYear, 1, 366);
  if (!roundsOk) p.add(`信用等级 ${tier} 的抽查频次设置无效`);
}

/** Problems of a tier policy on its own, as a plan stores it before any task exists. */
export function validateTierPolicy(policy: TierPolicy): string[] {
  const p = new Problems();
  if (!policy || typeof policy !== 'object') return ['信用分级抽查政策须为对象'];
  checkPolicy(policy, p);
  return p.list;
}

function checkPolicy(policy: TierPolicy, p: Problems): void {
  for (const tier of TIERS) checkRule(tier, policy[tier], p);
  if (!TIERS.includes(policy.accidentTier)) p.add('发生生产安全事故企业适用的信用等级无效');
  if (!isInt(policy.accidentLookbackYears, 0, 50)) p.add('生产安全事故追溯年限无效');
}

function checkEnterprise(e: DrawEnterprise, p: Problems): void {
  const who = `检查对象 ${typeof e.uscc === 'string' ? e.uscc : '?'}`;
  if (!isUsccShape(e.uscc)) return p.add(`${who}：统一社会信用代码格式无效`);
  if (typeof e.region !== 'string' || !/^\d{6}$/.test(e.region)) p.add(`${who}：行政区划代码应为 6 位数字`);
  if (typeof e.industry !== 'string') p.add(`${who}：行业无效`);
  if (!Object.hasOwn(ENTERPRISE_STATUSES, e.status)) p.add(`${who}：登记状态“${e.status}”无效`);
  if (!TIERS.includes(e.tier)) p.add(`${who}：信用等级“${e.tier}”无效`);
  if (typeof e.newEconomy !== 'boolean') p.add(`${who}：新经济标志应为布尔值`);
  if (!isDateOrNull(e.observationStart) || !isDateOrNull(e.observationEnd) || !isDateOrNull(e.lastAccidentOn))
    p.add(`${who}：日期应为 YYYY-MM-DD`);
  if (e.triggers !== undefined && !(Array.isArray(e.triggers) && e.triggers.every((k) => Object.hasOwn(TRIGGER_KINDS, k))))
    p.add(`${who}：触发情形无效`);
  if (!isTextArray(e.matters)) p.add(`${who}：监管事项列表无效`);
  if (e.drawnThisYear !== undefined && !Object.values(e.drawnThisYear).every((n) => isInt(n, 0, 366)))
    p.add(`${who}：本年度已抽查次数无效`);
}

function checkInspector(i: DrawInspector, p: Problems): void {
  const who = `执法人员 ${typeof i.certNo === 'string' ? i.certNo : '?'}`;
  if (!isText(i.certNo)) return p.add('执法证号不能为空');
  if (!isText(i.department)) p.add(`${who}：所属部门不能为空`);
  if (!isTextArray(i.specialities)) p.add(`${who}：专业领域无效`);
  if (!Array.isArray(i.leave) || !i.leave.every((l) => isIsoDate(l.from) && isIsoDate(l.until) && l.from <= l.until))
    p.add(`${who}：休假期间无效`);
}

function checkUnique(keys: string[], what: string, p: Problems): void {
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k)) p.add(`${what}“${k}”重复`);
    seen.add(k);
  }
}

/** Everything except the per-enterprise rows, which validateEnterprises checks (shards check their own). */
export function validatePlanParts(s: Omit<DrawSnapshot, 'enterprises'>): string[] {
  const p = new Problems();
  checkTask(s.task, p);
  if (!Array.isArray(s.matters) || s.matters.length === 0) p.add('任务至少包含一个监管事项');
  for (const m of s.matters ?? []) {
    const who = `监管事项 ${m.code}`;
    if (!isText(m.code)) p.add('监管事项编码不能为空');
    if (!isInt(m.baseRatioBp, 0, 10000)) p.add(`${who}：抽查比例无效`);
    if (!isInt(m.roundsPerYear, 1, 366)) p.add(`${who}：年度抽查频次无效`);
    if (typeof m.keySupervision !== 'boolean' || typeof m.highRisk !== 'boolean') p.add(`${who}：重点监管、高风险标志应为布尔值`);
    if (!isText(m.leadDepartment)) p.add(`${who}：牵头部门不能为空`);
    if (m.requiredSpeciality !== null && !isText(m.requiredSpeciality)) p.add(`${who}：所需专业无效`);
  }
  checkUnique(
    (s.matters ?? []).map((m) => m.code),
    '监管事项编码',
    p,
  );
  if (s.task && !s.task.joint && new Set((s.matters ?? []).map((m) => m.leadDepartment)).size > 1)
    p.add('多个牵头部门的事项须设为联合抽查');
  checkPolicy(s.tierPolicy, p);
  if (!Array.isArray(s.seedSources) || s.seedSources.length === 0) p.add('须在提交前指定至少一个随机种子来源');
  for (const src of s.seedSources ?? []) {
    if (!SOURCE_ID.test(src.id)) p.add(`随机种子来源标识“${src.id}”无效（小写字母、数字、_ . -）`);
    if (!['lottery', 'beacon', 'official'].includes(src.kind)) p.add(`随机种子来源 ${src.id}：类型无效`);
    if (!isText(src.description)) p.add(`随机种子来源 ${src.id}：须写明具体来源`);
    if (typeof src.ordered !== 'boolean') p.add(`随机种子来源 ${src.id}：ordered 应为布尔值`);
    if (
      src.kind === 'official' ? !(typeof src.secretSha256 === 'string' && SHA256_HEX.test(src.secretSha256)) : src.secretSha256 !== null
    ) {
      p.add(`随机种子来源 ${src.id}：工作人员密钥须且仅须登记其 SHA-256 摘要`);
    }
  }
  checkUnique(
    (s.seedSources ?? []).map((x) => x.id),
    '随机种子来源',
    p,
  );
  for (const i of s.inspectors) {
    if (p.full) break;
    checkInspector(i, p);
  }
  checkUnique(
    s.inspectors.map((i) => i.certNo),
    '执法证号',
    p,
  );
  for (const c of s.conflicts) if (!isText(c.certNo) || !isUsccShape(c.uscc)) p.add('回避关系须有执法证号和统一社会信用代码');
  for (const t of s.previousTeams) if (!isUsccShape(t.uscc) || !isTextArray(t.certNos)) p.add('上次检查组记录无效');
  checkUnique(
    s.previousTeams.map((t) => t.uscc),
    '上次检查组记录的统一社会信用代码',
    p,
  );
  return p.list;
}

export function validateEnterprises(enterprises: readonly DrawEnterprise[]): string[] {
  const p = new Problems();
  for (const e of enterprises) {
    if (p.full) break;
    checkEnterprise(e, p);
  }
  return p.list;
}

export function assertValidSnapshot(s: DrawSnapshot): void {
  const problems = [...validatePlanParts(s), ...validateEnterprises(s.enterprises)];
  if (problems.length > 0) throw new DrawInputError(problems);
}
