import { h } from '../api.js';
import { CREDIT_TIERS, ENTERPRISE_STATUSES, formatPeriod, label, TRIGGER_KINDS } from '../labels.js';
import { matterOptions, mountRegistry } from '../registry.js';

const entries = (map) => Object.entries(map).map(([value, text]) => ({ value, label: text }));
const YES_NO = [
  { value: 'true', label: '是' },
  { value: 'false', label: '否' },
];
const ACTIVE_OPTIONS = [
  { value: 'true', label: '在库' },
  { value: 'false', label: '已停用' },
];

let matters = null;
const loadMatters = async () => (matters ??= await matterOptions());

function tierTag(tier) {
  return h('span', { class: `tag tier tier-${String(tier).toLowerCase()}`, title: label(CREDIT_TIERS, tier) }, `${tier} 级`);
}

function matterCell(codes) {
  if (!codes || !codes.length) return '';
  const names = new Map((matters || []).map((m) => [m.value, m.matter.name]));
  return h('span', { class: 'codes', title: codes.map((c) => `${c} ${names.get(c) || ''}`).join('\n') }, codes.join('、'));
}

void mountRegistry({
  active: 'enterprises',
  title: '检查对象名录库',
  subtitle: '“两库”之一：全部监管对象，以统一社会信用代码为准；含信用等级、四新企业观察期和触发事由。',
  list: 'enterprises',
  noun: '企业',
  excel: true,
  describe: (e) => `${e.name}（${e.uscc}）`,
  columns: [
    { title: '统一社会信用代码', class: 'mono', render: (e) => e.uscc },
    { title: '企业名称', class: 'wide', render: (e) => h('span', null, e.name, e.active ? null : h('span', { class: 'tag tag-gray' }, '已停用')) },
    { title: '行政区划', class: 'mono', render: (e) => e.regionCode },
    { title: '行业', class: 'nowrap', render: (e) => e.industry },
    { title: '经营状态', class: 'nowrap', render: (e) => label(ENTERPRISE_STATUSES, e.status) },
    { title: '信用等级', class: 'nowrap', render: (e) => tierTag(e.creditTier) },
    {
      title: '四新 / 观察期',
      render: (e) => (e.newEconomy ? h('span', null, h('span', { class: 'tag tag-blue' }, '四新'), h('div', { class: 'sub nowrap' }, formatPeriod(e.observationStart, e.observationEnd))) : '否'),
    },
    { title: '触发事由', render: (e) => (e.triggerKinds && e.triggerKinds.length ? e.triggerKinds.map((t) => label(TRIGGER_KINDS, t)).join('、') : '') },
    { title: '适用事项', render: (e) => matterCell(e.matterCodes) },
  ],
  filters: async () => [
    { name: 'q', label: '关键字', placeholder: '信用代码前缀或企业名称', wide: true },
    { name: 'region', label: '行政区划', placeholder: '如 3208 或 320803' },
    { name: 'creditTier', label: '信用等级', type: 'select', options: entries(CREDIT_TIERS) },
    { name: 'status', label: '经营状态', type: 'select', options: entries(ENTERPRISE_STATUSES) },
    { name: 'matterCode', label: '适用事项', type: 'select', options: await loadMatters() },
    { name: 'newEconomy', label: '四新企业', type: 'select', options: YES_NO },
    { name: 'active', label: '在库状态', type: 'select', options: ACTIVE_OPTIONS },
  ],
  fields: async () => [
    { name: 'uscc', label: '统一社会信用代码', required: true, placeholder: '18 位，如 91320800MA1XXXXXXX', maxlength: 18, help: '按 GB 32100-2015 校验第 18 位校验码' },
    { name: 'name', label: '企业名称', required: true },
    { name: 'regionCode', label: '行政区划代码', required: true, placeholder: '6 位数字，如 320803' },
    { name: 'industry', label: '行业' },
    { name: 'address', label: '地址', full: true },
    { name: 'status', label: '经营状态', type: 'select', options: entries(ENTERPRISE_STATUSES), emptyLabel: '（默认：存续）' },
    { name: 'creditTier', label: '信用等级', type: 'select', options: entries(CREDIT_TIERS), emptyLabel: '（默认：B 级）' },
    { name: 'newEconomy', label: '四新企业', type: 'checkbox', checkLabel: '新技术、新产业、新业态、新模式企业' },
    { name: 'observationStart', label: '包容期/观察期开始', type: 'date', nullable: true },
    { name: 'observationEnd', label: '包容期/观察期结束', type: 'date', nullable: true },
    { name: 'triggerKinds', label: '触发事由', type: 'multi', options: entries(TRIGGER_KINDS), help: '有投诉举报、监测预警或转办交办时，观察期内也可被抽取' },
    { name: 'accidentCount', label: '事故次数', type: 'int', min: 0 },
    { name: 'lastAccidentOn', label: '最近事故日期', type: 'date', nullable: true },
    { name: 'matterCodes', label: '适用监管事项', type: 'multi', options: await loadMatters() },
  ],
});
