import { h } from '../api.js';
import { CONFLICT_KINDS, formatDate, label } from '../labels.js';
import { activeTag, mountRegistry } from '../registry.js';

const entries = (map) => Object.entries(map).map(([value, text]) => ({ value, label: text }));
const ACTIVE_OPTIONS = [
  { value: 'true', label: '有效' },
  { value: 'false', label: '已停用' },
];
const inspectorLookup = { endpoint: '/api/inspectors', placeholder: '输入姓名或执法证号查找', optionLabel: (i) => `${i.name}（${i.certNo}）` };
const enterpriseLookup = { endpoint: '/api/enterprises', placeholder: '输入企业名称或信用代码查找', optionLabel: (e) => `${e.name}（${e.uscc}）` };

function validity(c) {
  if (!c.validUntil) return '长期';
  const today = new Date().toISOString().slice(0, 10);
  return h('span', null, formatDate(c.validUntil), c.validUntil < today ? h('span', { class: 'tag tag-gray' }, '已过期') : null);
}

void mountRegistry({
  active: 'conflicts',
  title: '回避名单',
  subtitle: '执法人员与检查对象之间的利害关系；抽取时，有回避关系的执法人员不会被派往该企业。',
  list: 'conflicts',
  noun: '回避记录',
  excel: true,
  describe: (c) => `${c.inspectorName} — ${c.enterpriseName}`,
  columns: [
    { title: '执法人员', render: (c) => h('span', null, c.inspectorName, h('div', { class: 'sub mono' }, c.inspectorCertNo)) },
    { title: '检查对象', class: 'wide', render: (c) => h('span', null, c.enterpriseName, h('div', { class: 'sub mono' }, c.enterpriseUscc)) },
    { title: '回避类型', render: (c) => label(CONFLICT_KINDS, c.kind) },
    { title: '回避理由', class: 'clip', render: (c) => c.reason },
    { title: '截止日期', render: validity },
    { title: '状态', render: activeTag },
  ],
  filters: [
    { name: 'inspectorId', label: '执法人员', type: 'lookup', lookup: inspectorLookup },
    { name: 'enterpriseId', label: '检查对象', type: 'lookup', lookup: enterpriseLookup },
    { name: 'active', label: '状态', type: 'select', options: ACTIVE_OPTIONS },
  ],
  fields: [
    { name: 'inspectorId', label: '执法人员', type: 'lookup', required: true, createOnly: true, lookup: inspectorLookup, help: '输入后回车或稍候，从下拉列表中选择' },
    { name: 'enterpriseId', label: '检查对象', type: 'lookup', required: true, createOnly: true, lookup: enterpriseLookup },
    { name: 'kind', label: '回避类型', type: 'select', required: true, options: entries(CONFLICT_KINDS) },
    { name: 'validUntil', label: '截止日期', type: 'date', nullable: true, help: '不填表示长期回避' },
    { name: 'reason', label: '回避理由', type: 'textarea', required: true, rows: 3 },
  ],
});
