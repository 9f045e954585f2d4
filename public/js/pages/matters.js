import { h } from '../api.js';
import { formatRatio } from '../labels.js';
import { activeTag, departmentOptions, mountRegistry } from '../registry.js';

const YES_NO = [
  { value: 'true', label: '是' },
  { value: 'false', label: '否' },
];
const ACTIVE_OPTIONS = [
  { value: 'true', label: '启用' },
  { value: 'false', label: '已停用' },
];

let departments = null;
const loadDepartments = async () => (departments ??= await departmentOptions());

void mountRegistry({
  active: 'matters',
  title: '随机抽查事项清单',
  subtitle: '“一单”：每个监管事项的监管对象、设定依据、抽查比例和牵头部门。清单对社会公开。',
  list: 'matters',
  noun: '监管事项',
  excel: true,
  describe: (m) => `${m.seq}. ${m.name}`,
  columns: [
    { title: '序号', class: 'num', render: (m) => String(m.seq) },
    { title: '编码', class: 'mono', render: (m) => m.code },
    {
      title: '监管事项',
      class: 'wide',
      render: (m) => h('span', null, m.name, m.keySupervision ? h('span', { class: 'tag tag-red', title: '重点监管事项，全部检查' }, '重点监管') : null, m.highRisk ? h('span', { class: 'tag tag-orange', title: '观察期不放宽' }, '高风险') : null),
    },
    { title: '监管对象', class: 'clip', render: (m) => m.targetDescription },
    { title: '抽查比例', class: 'num', render: (m) => formatRatio(m.samplingRatio) },
    { title: '每年次数', class: 'num', render: (m) => String(m.roundsPerYear) },
    { title: '牵头部门', render: (m) => (m.leadDepartment ? m.leadDepartment.name : `#${m.leadDepartmentId}`) },
    { title: '所需专业', render: (m) => m.requiredSpeciality },
    { title: '状态', render: activeTag },
  ],
  filters: async () => [
    { name: 'q', label: '关键字', placeholder: '编码或事项名称' },
    { name: 'leadDepartmentId', label: '牵头部门', type: 'select', options: await loadDepartments() },
    { name: 'keySupervision', label: '重点监管', type: 'select', options: YES_NO },
    { name: 'active', label: '状态', type: 'select', options: ACTIVE_OPTIONS },
  ],
  fields: async () => {
    const deps = await loadDepartments();
    return [
      { name: 'seq', label: '序号', type: 'int', required: true, min: 1 },
      { name: 'code', label: '事项编码', placeholder: '不填则按序号生成，如 M001', help: '字母、数字、下划线或短横线' },
      { name: 'name', label: '监管事项', required: true, full: true, placeholder: '如 对危险化学品经营的监管' },
      { name: 'targetDescription', label: '监管对象', type: 'textarea', rows: 2 },
      { name: 'legalBasis', label: '设定依据', type: 'textarea', rows: 3 },
      { name: 'responsibility', label: '监管责任', type: 'textarea', rows: 2 },
      { name: 'measures', label: '监管措施', full: true, placeholder: '如 “双随机”监管、信用监管' },
      { name: 'samplingRatio', label: '抽查比例', type: 'percent', required: true, help: '百分数，如 20 表示 20%；重点监管事项填 100' },
      { name: 'roundsPerYear', label: '每年抽查次数', type: 'int', min: 1, max: 12, default: 1 },
      { name: 'leadDepartmentId', label: '牵头部门', type: 'select', numeric: true, required: true, options: deps },
      { name: 'cooperatingUnits', label: '配合单位' },
      { name: 'requiredSpeciality', label: '所需专业', nullable: true, help: '抽取执法人员时要求具备的专业，可不填' },
      { name: 'keySupervision', label: '重点监管', type: 'checkbox', checkLabel: '重点监管事项（按 100% 检查）' },
      { name: 'highRisk', label: '高风险事项', type: 'checkbox', checkLabel: '观察期、包容期不放宽（安全底线）' },
    ];
  },
});
