import { h } from '../api.js';
import { activeTag, mountRegistry } from '../registry.js';

const ACTIVE_OPTIONS = [
  { value: 'true', label: '启用' },
  { value: 'false', label: '已停用' },
];

void mountRegistry({
  active: 'departments',
  title: '部门',
  subtitle: '牵头部门与参与部门；事项的牵头部门和执法人员的所属部门从这里选取。',
  list: 'departments',
  noun: '部门',
  excel: true,
  describe: (d) => d.name,
  columns: [
    { title: '编码', class: 'mono', render: (d) => d.code },
    { title: '部门名称', render: (d) => d.name },
    { title: '状态', render: activeTag },
    { title: '执法人员', render: (d) => h('a', { href: `/office/inspectors.html?departmentId=${encodeURIComponent(d.id)}` }, '查看') },
  ],
  filters: [
    { name: 'q', label: '关键字', placeholder: '编码或名称' },
    { name: 'active', label: '状态', type: 'select', options: ACTIVE_OPTIONS },
  ],
  fields: [
    { name: 'code', label: '部门编码', required: true, placeholder: '如 WHC', help: '字母、数字、下划线或短横线，最长 32 位' },
    { name: 'name', label: '部门名称', required: true, placeholder: '如 危化处' },
  ],
});
