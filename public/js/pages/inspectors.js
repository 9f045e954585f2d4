import { h } from '../api.js';
import { formatPeriod, joinList } from '../labels.js';
import { activeTag, departmentOptions, mountRegistry } from '../registry.js';

const ACTIVE_OPTIONS = [
  { value: 'true', label: '在岗' },
  { value: 'false', label: '已停用' },
];

let departments = null;
const loadDepartments = async () => (departments ??= await departmentOptions());
const deptName = (id) => {
  const d = (departments || []).find((x) => x.value === id);
  return d ? d.dept.name : `#${id}`;
};

function leaveCell(i) {
  if (!i.leaveFrom) return '';
  const today = new Date().toISOString().slice(0, 10);
  const onLeave = i.leaveFrom <= today && (!i.leaveUntil || i.leaveUntil >= today);
  return h('span', null, onLeave ? h('span', { class: 'tag tag-orange' }, '休假中') : null, ' ', formatPeriod(i.leaveFrom, i.leaveUntil));
}

void mountRegistry({
  active: 'inspectors',
  title: '执法检查人员名录库',
  subtitle: '“两库”之一：持证执法人员，含所属部门、专业和休假安排。联系方式仅本处可见，不对外公开。',
  list: 'inspectors',
  noun: '执法人员',
  excel: true,
  describe: (i) => `${i.name}（${i.certNo}）`,
  columns: [
    { title: '执法证号', class: 'mono', render: (i) => i.certNo },
    { title: '姓名', render: (i) => i.name },
    { title: '所属部门', render: (i) => deptName(i.departmentId) },
    { title: '专业', render: (i) => joinList(i.specialities) },
    { title: '行政区划', class: 'mono', render: (i) => i.regionCode },
    { title: '休假', render: leaveCell },
    { title: '联系电话', class: 'mono', officeOnly: true, render: (i) => i.phone },
    { title: '电子邮箱', officeOnly: true, render: (i) => i.email },
    { title: '状态', render: activeTag },
  ],
  rowActions: (i) => [h('a', { class: 'link-btn', href: `/office/conflicts.html?inspectorId=${encodeURIComponent(i.id)}` }, '回避')],
  filters: async () => [
    { name: 'q', label: '关键字', placeholder: '执法证号或姓名' },
    { name: 'departmentId', label: '所属部门', type: 'select', options: await loadDepartments() },
    { name: 'speciality', label: '专业', placeholder: '如 危险化学品' },
    { name: 'availableOn', label: '某日可派', type: 'date' },
    { name: 'active', label: '状态', type: 'select', options: ACTIVE_OPTIONS },
  ],
  fields: async () => [
    { name: 'certNo', label: '执法证号', required: true, placeholder: '4–32 位字母、数字或短横线' },
    { name: 'name', label: '姓名', required: true },
    { name: 'departmentId', label: '所属部门', type: 'select', numeric: true, required: true, options: await loadDepartments() },
    { name: 'regionCode', label: '行政区划代码', nullable: true, placeholder: '6 位数字，可不填' },
    { name: 'specialities', label: '专业', type: 'list', full: true, placeholder: '多个专业用“；”分隔，如 危险化学品；烟花爆竹' },
    { name: 'leaveFrom', label: '休假开始', type: 'date', nullable: true },
    { name: 'leaveUntil', label: '休假结束', type: 'date', nullable: true, help: '不填表示休假结束日期未定' },
    { name: 'phone', label: '联系电话' },
    { name: 'email', label: '电子邮箱' },
  ],
});
