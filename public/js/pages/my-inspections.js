import { h, showMessage } from '../api.js';
import { downloadButton, matterChips, matterNames } from '../draw-ui.js';
import { formatDate } from '../labels.js';
import { officeShell } from '../layout.js';
import { PagedTable } from '../table.js';

const shell = officeShell({
  active: 'my',
  title: '我的检查任务',
  subtitle: '随机选派给我的检查：检查对象、检查事项、检查期间和同组的执法人员（已作废的抽取不在其中）。',
});

if (shell) {
  const { main, session } = shell;
  const user = session.user || {};
  const message = h('div', { class: 'msg', hidden: true, 'data-role': 'page-message' });
  main.append(message);
  if (user.role !== 'inspector') {
    showMessage(message, 'info', '本页列出执法检查人员账号自己的检查任务。政策法规处请在“年度抽查计划”中打开任务，查看抽中名单和检查组。');
    message.append(h('a', { href: '/office/plans.html' }, '前往年度抽查计划 →'));
  } else {
    const names = await matterNames();
    const table = new PagedTable({
      endpoint: '/api/my/inspections',
      caption: '我的检查任务',
      columns: [
        { title: '任务编号', render: (r) => h('span', { class: 'nowrap' }, r.taskCode) },
        { title: '检查期间', render: (r) => h('span', { class: 'nowrap' }, `${formatDate(r.windowStart)} 至 ${formatDate(r.windowEnd)}`) },
        { title: '检查对象', class: 'wide', render: (r) => h('span', null, r.enterpriseName, h('div', { class: 'sub mono' }, r.uscc)) },
        { title: '地址', class: 'clip', render: (r) => r.address },
        { title: '检查事项', render: (r) => matterChips(r.matterCodes, names) },
        {
          title: '检查组',
          render: (r) =>
            h(
              'ul',
              { class: 'plain-list' },
              (r.team || []).map((m) => h('li', { class: 'nowrap', title: m.department || undefined }, m.name, ' ', h('span', { class: 'sub mono' }, m.certNo))),
            ),
        },
      ],
      emptyText: '目前没有分派给您的检查任务',
    });
    const exportBtn = downloadButton({ text: '导出 Excel', role: 'export-my', path: '/api/my/inspections.xlsx', fallbackName: '我的检查任务.xlsx', template: '/api/my/inspections.xlsx' });
    main.append(
      h('div', { class: 'toolbar' }, h('div', { class: 'toolbar-left' }, h('span', { class: 'legend' }, `当前账号：${user.displayName || user.username}`)), exportBtn),
      table.el,
    );
    await table.load();
  }
}
