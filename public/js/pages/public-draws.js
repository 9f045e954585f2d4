import { h } from '../api.js';
import { COMMITMENT_STATUSES, SEED_KINDS, formatBeijing, shortHash } from '../draw-labels.js';
import { copyButton, statusTag } from '../draw-ui.js';
import { formatCount, formatDate, label } from '../labels.js';
import { publicShell } from '../layout.js';
import { PagedTable } from '../table.js';

const main = publicShell({ active: 'draws', title: '抽取结果公示' });

const draws = new PagedTable({
  endpoint: '/api/public/draws',
  auth: false,
  syncUrl: false,
  caption: '已公示的抽取结果',
  pageSize: 10,
  columns: [
    { title: '任务编号', render: (d) => h('span', null, h('a', { href: `/draw.html?id=${d.id}`, 'data-role': 'draw-link' }, d.taskCode), d.taskTitle ? h('div', { class: 'sub' }, d.taskTitle) : null) },
    { title: '机关', render: (d) => d.office },
    { title: '年度 / 轮次', render: (d) => h('span', { class: 'nowrap' }, `${d.year} 年第 ${d.round} 轮`) },
    { title: '检查期间', render: (d) => h('span', { class: 'nowrap' }, `${formatDate(d.windowStart)} 至 ${formatDate(d.windowEnd)}`) },
    { title: '抽中检查对象', class: 'num', render: (d) => formatCount((d.counts ? d.counts.inspections + (d.counts.unstaffed || 0) : 0)) },
    { title: '结果哈希', render: (d) => h('code', { class: 'mono', title: d.resultHash }, shortHash(d.resultHash)) },
    { title: '公示时间', render: (d) => h('span', { class: 'nowrap' }, formatBeijing(d.publishedAt)) },
    { title: '', class: 'actions', render: (d) => h('a', { class: 'btn btn-small', href: `/draw.html?id=${d.id}` }, '查看与验证 →') },
  ],
  emptyText: '暂无公示的抽取结果',
});

const thisYear = new Date().getFullYear();
const plans = new PagedTable({
  endpoint: '/api/public/plans',
  auth: false,
  syncUrl: false,
  caption: '已公布的年度抽查计划',
  pageSize: 10,
  filters: [{ name: 'year', label: '年度', type: 'select', allLabel: '全部年度', options: [1, 0, -1, -2, -3, -4].map((d) => ({ value: String(thisYear + d), label: `${thisYear + d} 年` })) }],
  columns: [
    { title: '计划', class: 'wide', render: (p) => h('span', null, h('a', { href: `/plan.html?id=${p.id}`, 'data-role': 'plan-link' }, p.title), h('div', { class: 'sub' }, `${p.docPrefix}抽查〔${p.year}〕N号`)) },
    { title: '机关', render: (p) => p.office },
    { title: '年度', render: (p) => h('span', { class: 'nowrap' }, `${p.year} 年`) },
    { title: '事项 / 任务', class: 'num', render: (p) => h('span', { class: 'nowrap' }, `${formatCount(p.matterCount)} 项事项`, h('div', { class: 'sub' }, `${formatCount(p.taskCount)} 个任务`)) },
    { title: '公布时间', render: (p) => h('span', { class: 'nowrap' }, formatBeijing(p.publishedAt)) },
    { title: '', class: 'actions', render: (p) => h('a', { class: 'btn btn-small', href: `/plan.html?id=${p.id}` }, '查看计划 →') },
  ],
  emptyText: '暂无公布的年度抽查计划',
});

function sources(list) {
  return h(
    'ul',
    { class: 'plain-list' },
    (list || []).map((s) => h('li', null, h('span', { class: 'tag tag-blue' }, label(SEED_KINDS, s.kind)), ' ', s.description, h('span', { class: 'sub mono' }, ` [${s.id}]`))),
  );
}

const commitments = new PagedTable({
  endpoint: '/api/public/commitments',
  auth: false,
  syncUrl: false,
  caption: '抽取承诺',
  pageSize: 10,
  columns: [
    { title: '任务编号', render: (c) => h('span', null, c.taskCode, c.taskTitle ? h('div', { class: 'sub' }, c.taskTitle) : null) },
    { title: '公布时间（北京时间）', render: (c) => h('span', { class: 'nowrap' }, formatBeijing(c.committedAt), h('div', { class: 'sub mono' }, c.committedAt)) },
    { title: '快照哈希（SHA-256）', render: (c) => h('span', { class: 'hash-cell' }, h('code', { class: 'mono break', 'data-role': 'commitment-hash' }, c.snapshotHash), ' ', copyButton(c.snapshotHash, '快照哈希')) },
    { title: '事先声明的随机源', class: 'wide', render: (c) => sources(c.seedSources) },
    { title: '冻结的数据', render: (c) => (c.counts ? h('span', { class: 'nowrap' }, `检查对象 ${formatCount(c.counts.enterprises)}`, h('div', { class: 'sub' }, `执法人员 ${formatCount(c.counts.inspectors)}`)) : '—') },
    { title: '状态', render: (c) => statusTag(COMMITMENT_STATUSES, c.status) },
  ],
  emptyText: '暂无抽取承诺',
});

main.append(
  h(
    'div',
    { class: 'page-title' },
    h('h1', null, '抽取结果公示'),
    h('p', { class: 'page-sub' }, '随机抽取检查对象、随机选派执法检查人员的结果依法公开。每次抽取都可以由任何人用公开的文件重新计算、核对。'),
  ),
  h(
    'section',
    { class: 'panel how-it-works' },
    h('h2', null, '怎样保证抽取公平'),
    h(
      'ol',
      null,
      h('li', null, h('strong', null, '先冻结、先公布：'), '抽取前，把本次任务用到的全部数据（检查对象、执法人员、回避关系、分级政策）冻结成快照，立即公布其 SHA-256 哈希，同时声明随机数从哪里来——例如某一期尚未开奖的彩票。'),
      h('li', null, h('strong', null, '随机数事后才产生：'), '等彩票开奖（或随机信标产生、官员揭示秘密值）之后，才用这些公开的值和快照哈希计算随机种子。任何人都无法事先知道种子，也无法在知道种子后更换数据。'),
      h('li', null, h('strong', null, '人人可以验证：'), '公示快照、凭证和结果文件，任何人都可以在本站或用命令行重新计算，结果必须完全一致。'),
    ),
  ),
  h(
    'section',
    { class: 'panel', id: 'plans' },
    h('h2', null, '年度抽查计划'),
    h('p', { class: 'muted' }, '年度抽查计划公布抽查事项、抽查比例和次数、信用分级抽查政策以及全年的抽查任务。'),
    plans.el,
  ),
  h('section', { class: 'panel', id: 'draws' }, h('h2', null, '已公示的抽取结果'), draws.el),
  h(
    'section',
    { class: 'panel', id: 'commitments' },
    h('h2', null, '抽取承诺（快照哈希公布记录）'),
    h('p', { class: 'muted' }, '以下哈希在随机源取值产生之前即已公布。“已撤回”的承诺未用于抽取，但仍保留在记录中。'),
    commitments.el,
  ),
);

void plans.load();
void draws.load();
void commitments.load().then(() => {
  // The office's "查看公开页面" links here with #commitments: scroll once the list is built.
  if (['#commitments', '#draws', '#plans'].includes(location.hash)) document.querySelector(location.hash).scrollIntoView();
});
