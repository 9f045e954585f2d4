/**
 * The page frames: the office back-office (header, left navigation, signed-in user, 退出)
 * and the public frame (header with 首页 / 事项清单 / 登录).
 */
import { clearSession, getSession, h, PRODUCT_NAME, requireLogin, ROLE_LABELS } from './api.js';

/** The side navigation; `officeOnly` / `inspectorOnly` entries show for that role only. */
export const OFFICE_NAV = [
  { key: 'home', href: '/office/index.html', text: '工作台', group: '一单两库' },
  { key: 'departments', href: '/office/departments.html', text: '部门', group: '一单两库' },
  { key: 'matters', href: '/office/matters.html', text: '事项清单', group: '一单两库' },
  { key: 'enterprises', href: '/office/enterprises.html', text: '检查对象名录库', group: '一单两库' },
  { key: 'inspectors', href: '/office/inspectors.html', text: '执法人员', group: '一单两库' },
  { key: 'conflicts', href: '/office/conflicts.html', text: '回避', officeOnly: true, group: '一单两库' },
  { key: 'plans', href: '/office/plans.html', text: '年度抽查计划', officeOnly: true, group: '随机抽查' },
  { key: 'my', href: '/office/my.html', text: '我的检查任务', inspectorOnly: true, group: '随机抽查' },
  { key: 'public-draws', href: '/draws.html', text: '抽取公示', group: '随机抽查' },
];

function navFor(role, active) {
  const visible = OFFICE_NAV.filter((n) => (!n.officeOnly || role === 'office') && (!n.inspectorOnly || role === 'inspector'));
  const groups = [...new Set(visible.map((n) => n.group))];
  return groups.map((g) => [
    h('div', { class: 'nav-group' }, g),
    h(
      'ul',
      null,
      visible
        .filter((n) => n.group === g)
        .map((n) => h('li', null, h('a', { href: n.href, class: n.key === active ? 'active' : undefined, 'aria-current': n.key === active ? 'page' : undefined }, n.text))),
    ),
  ]);
}

function brand() {
  return h(
    'a',
    { class: 'brand', href: '/' },
    h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '双'),
    h('span', { class: 'brand-text' }, h('span', { class: 'brand-name' }, PRODUCT_NAME), h('span', { class: 'brand-sub' }, '随机抽取检查对象 · 随机选派执法检查人员 · 抽查情况及查处结果及时公开')),
  );
}

function footer() {
  return h('footer', { class: 'site-footer' }, `${PRODUCT_NAME} · 依据国办发〔2015〕58号、国发〔2019〕5号`);
}

/**
 * Builds the office frame for a page and returns `{ session, main }`, or null when the
 * visitor is not signed in (they are sent to the login page).
 */
export function officeShell({ active, title, subtitle }) {
  const session = requireLogin();
  if (!session) return null;
  const user = session.user || {};
  const logout = h('button', { type: 'button', class: 'btn btn-header', 'data-role': 'logout' }, '退出');
  logout.addEventListener('click', () => {
    clearSession();
    location.assign('/login.html?reason=logout');
  });
  const header = h(
    'header',
    { class: 'site-header' },
    brand(),
    h(
      'div',
      { class: 'user-box' },
      h('span', { class: 'user-name', 'data-role': 'user' }, user.displayName || user.username || ''),
      ROLE_LABELS[user.role] && ROLE_LABELS[user.role] !== user.displayName ? h('span', { class: 'user-role' }, ROLE_LABELS[user.role]) : null,
      h('a', { class: 'header-link', href: '/matters.html' }, '公开事项清单'),
      logout,
    ),
  );
  const nav = h(
    'nav',
    { class: 'side-nav', 'aria-label': '主导航' },
    navFor(user.role, active),
  );
  const main = h('main', { class: 'content', id: 'main' });
  const titleBar = h('div', { class: 'page-title' }, h('h1', null, title), subtitle ? h('p', { class: 'page-sub' }, subtitle) : null);
  main.append(titleBar);
  document.title = `${title} - ${PRODUCT_NAME}`;
  document.body.classList.add('office');
  document.body.append(header, h('div', { class: 'layout' }, nav, main), footer());
  return { session, main, isOffice: user.role === 'office' };
}

/** The public frame; `active` is 'home' | 'matters' | 'draws' | 'login'. Returns the main element. */
export function publicShell({ active, title }) {
  const session = getSession();
  const link = (key, href, text) => h('a', { href, class: key === active ? 'active' : undefined, 'aria-current': key === active ? 'page' : undefined }, text);
  const header = h(
    'header',
    { class: 'site-header' },
    brand(),
    h(
      'nav',
      { class: 'top-nav', 'aria-label': '主导航' },
      link('home', '/', '首页'),
      link('matters', '/matters.html', '随机抽查事项清单'),
      link('draws', '/draws.html', '抽取结果公示'),
      session ? link('office', '/office/index.html', '进入工作台') : link('login', '/login.html', '工作人员登录'),
    ),
  );
  const main = h('main', { class: 'content content-public', id: 'main' });
  if (title) document.title = `${title} - ${PRODUCT_NAME}`;
  document.body.classList.add('public');
  document.body.append(header, main, footer());
  return main;
}
