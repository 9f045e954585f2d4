import { api, errorText, h } from '../api.js';
import { CREDIT_TIERS, formatCount } from '../labels.js';
import { officeShell } from '../layout.js';

const shell = officeShell({ active: 'home', title: '工作台', subtitle: '“一单两库”概况。点击卡片进入对应名录。' });

async function count(list, query = {}) {
  const page = await api.get(`/api/${list}`, { ...query, page: 1, pageSize: 1 });
  return page.total;
}

function card({ href, title, desc, query, list }) {
  const value = h('div', { class: 'card-value', 'data-role': `count-${list}` }, '…');
  const el = h('a', { class: 'card', href }, h('div', { class: 'card-title' }, title), value, h('div', { class: 'card-desc' }, desc));
  count(list, query).then(
    (n) => (value.textContent = formatCount(n)),
    (err) => {
      value.textContent = '—';
      value.title = errorText(err);
    },
  );
  return el;
}

if (shell) {
  const { main, isOffice } = shell;
  const cards = [
    { list: 'matters', href: '/office/matters.html', title: '随机抽查事项清单', desc: '启用的监管事项', query: { active: true } },
    { list: 'enterprises', href: '/office/enterprises.html', title: '检查对象名录库', desc: '在库的检查对象', query: { active: true } },
    { list: 'inspectors', href: '/office/inspectors.html', title: '执法检查人员名录库', desc: '在岗的执法人员', query: { active: true } },
    { list: 'departments', href: '/office/departments.html', title: '部门', desc: '启用的部门', query: { active: true } },
  ];
  if (isOffice) cards.push({ list: 'conflicts', href: '/office/conflicts.html', title: '回避名单', desc: '有效的回避记录', query: { active: true } });
  main.append(h('div', { class: 'cards' }, cards.map(card)));

  const tiers = h('div', { class: 'tier-bars' });
  main.append(h('section', { class: 'panel' }, h('h2', null, '检查对象信用等级分布'), tiers));
  const rows = await Promise.all(
    Object.keys(CREDIT_TIERS).map(async (t) => [t, await count('enterprises', { creditTier: t, active: true }).catch(() => 0)]),
  );
  const max = Math.max(1, ...rows.map((r) => r[1]));
  for (const [t, n] of rows) {
    tiers.append(
      h(
        'a',
        { class: 'tier-row', href: `/office/enterprises.html?creditTier=${t}&active=true` },
        h('span', { class: 'tier-label' }, CREDIT_TIERS[t]),
        h('span', { class: 'tier-bar' }, h('span', { class: `tier-fill tier-${t.toLowerCase()}`, style: { width: `${(n / max) * 100}%` } })),
        h('span', { class: 'tier-count' }, formatCount(n)),
      ),
    );
  }
}
