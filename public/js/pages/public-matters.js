import { download, errorText, h, toast, withBusy } from '../api.js';
import { formatRatio } from '../labels.js';
import { publicShell } from '../layout.js';
import { PagedTable } from '../table.js';

const main = publicShell({ active: 'matters', title: '随机抽查事项清单' });

const table = new PagedTable({
  endpoint: '/api/matters',
  auth: false,
  fixedQuery: { active: true },
  caption: '随机抽查事项清单',
  pageSize: 20,
  columns: [
    { title: '序号', class: 'num', render: (m) => String(m.seq) },
    {
      title: '监管事项',
      class: 'wide',
      render: (m) => h('span', null, m.name, m.keySupervision ? h('span', { class: 'tag tag-red', title: '重点监管事项，按 100% 检查' }, '重点监管') : null),
    },
    { title: '监管对象', render: (m) => m.targetDescription },
    { title: '设定依据', class: 'clip', render: (m) => m.legalBasis },
    { title: '监管责任', class: 'clip', render: (m) => m.responsibility },
    { title: '监管措施', render: (m) => m.measures },
    { title: '抽查比例', class: 'num ratio', render: (m) => h('strong', null, formatRatio(m.samplingRatio)) },
    { title: '牵头部门', render: (m) => (m.leadDepartment ? m.leadDepartment.name : '') },
  ],
  filters: [
    { name: 'q', label: '关键字', placeholder: '事项名称或编码' },
    {
      name: 'keySupervision',
      label: '重点监管',
      type: 'select',
      options: [
        { value: 'true', label: '是' },
        { value: 'false', label: '否' },
      ],
    },
  ],
  emptyText: '暂无公开的抽查事项',
});

// A plain link works without scripts; with them the download goes through fetch so that a
// failure shows a message instead of a bare error page, and the current filters apply.
const exportLink = h('a', { class: 'btn', href: '/api/matters/export.xlsx?active=true', download: '随机抽查事项清单.xlsx', 'data-role': 'public-export' }, '下载清单（Excel）');
exportLink.addEventListener('click', (e) => {
  e.preventDefault();
  void withBusy(exportLink, '下载中…', async () => {
    try {
      await download('/api/matters/export.xlsx', table.getFilters(), '随机抽查事项清单.xlsx', { auth: false });
    } catch (err) {
      toast(`下载失败：${errorText(err)}`, 'error');
    }
  });
});

main.append(
  h(
    'div',
    { class: 'page-title' },
    h('h1', null, '随机抽查事项清单'),
    h('p', { class: 'page-sub' }, '依法主动公开。列明每个监管事项的监管对象、设定依据、监管责任、监管措施、抽查比例和牵头部门；标注“重点监管”的事项按 100% 检查。'),
  ),
  h(
    'div',
    { class: 'toolbar' },
    h('div', { class: 'toolbar-left' }, h('span', { class: 'legend' }, h('span', { class: 'tag tag-red' }, '重点监管'), ' 重点监管事项')),
    exportLink,
  ),
  table.el,
);

void table.load();
