/**
 * One published annual plan, for anyone: the office, year and publication time, the credit-tier
 * policy, the matters with their ratios and rounds (and what each tier gets), and the tasks of the
 * year with their 文号, windows and status, linked to their published draws and draw records.
 */
import { api, h, showError } from '../api.js';
import { TASK_STATUSES, formatBeijing } from '../draw-labels.js';
import { describeFilter, kvGrid, statusTag, strataMatrix, tierPolicyTable } from '../draw-ui.js';
import { formatDate, formatRatio } from '../labels.js';
import { publicShell } from '../layout.js';

const main = publicShell({ active: 'draws', title: '年度抽查计划' });
const planId = Number(new URLSearchParams(location.search).get('id'));
const pageMessage = h('div', { class: 'msg', hidden: true, 'data-role': 'page-message' });
main.append(h('p', { class: 'breadcrumb' }, h('a', { href: '/draws.html#plans' }, '抽取结果公示'), ' › 年度抽查计划'), pageMessage);

function method(t) {
  // Before the draw is published a targeted task's criteria are not public (the API leaves them out).
  const how = t.targeted && !t.filter ? '定向抽查（条件随抽取结果公示）' : describeFilter(t);
  return h('span', null, how, t.joint ? [' ', h('span', { class: 'tag tag-blue' }, '联合抽查')] : null);
}

function taskLinks(t) {
  const links = t.publishedDraws.map((d) => h('a', { class: 'btn btn-small btn-primary', href: `/draw.html?id=${d.id}`, 'data-role': 'task-draw-link' }, '抽取结果 →'));
  if (t.publishedDraws.length) {
    links.push(h('a', { class: 'btn btn-small', href: `/draw.html?id=${t.publishedDraws[0].id}#history`, 'data-role': 'task-history-link' }, t.supersededDraws ? `抽取记录（含作废 ${t.supersededDraws} 次）` : '抽取记录'));
  }
  return links.length ? h('span', null, links.flatMap((l, i) => (i ? [' ', l] : [l]))) : h('span', { class: 'muted' }, '抽取结果尚未公示');
}

function tasksTable(plan) {
  const names = new Map(plan.matters.map((m) => [m.matterId, `${m.code} ${m.name}`]));
  return h(
    'table',
    { class: 'data-table', 'data-role': 'public-tasks' },
    h('thead', null, h('tr', null, ['任务编号', '轮次', '检查期间', '抽查事项', '抽查方式', '检查组', '状态', ''].map((x) => h('th', null, x)))),
    h(
      'tbody',
      null,
      plan.tasks.length
        ? plan.tasks.map((t) =>
            h(
              'tr',
              { 'data-task': t.code, 'data-status': t.status },
              h('td', { class: 'nowrap' }, h('strong', null, t.code), t.title ? h('div', { class: 'sub' }, t.title) : null),
              h('td', { class: 'num' }, `第 ${t.round} 轮`),
              h('td', { class: 'nowrap' }, `${formatDate(t.windowStart)} 至 ${formatDate(t.windowEnd)}`),
              h('td', null, h('ul', { class: 'plain-list' }, t.matterIds.map((id) => h('li', null, names.get(id) || `#${id}`)))),
              h('td', null, method(t)),
              h('td', null, `${t.teamSize} 人/组`),
              h('td', null, statusTag(TASK_STATUSES, t.status)),
              h('td', { class: 'actions' }, taskLinks(t)),
            ),
          )
        : h('tr', { class: 'empty-row' }, h('td', { colspan: '8' }, '本计划暂无抽查任务；任务确定后在此公布')),
    ),
  );
}

function mattersTable(plan) {
  return h(
    'table',
    { class: 'data-table compact', 'data-role': 'public-plan-matters' },
    h('thead', null, h('tr', null, ['事项编码', '监管事项', '牵头部门', '抽查比例', '每年抽查次数'].map((x, i) => h('th', { class: i >= 3 ? 'num' : undefined }, x)))),
    h(
      'tbody',
      null,
      plan.matters.map((m) =>
        h(
          'tr',
          { 'data-code': m.code },
          h('td', { class: 'mono' }, m.code),
          h('td', null, m.name, m.keySupervision ? [' ', h('span', { class: 'tag tag-red' }, '重点监管')] : null),
          h('td', null, m.leadDepartment),
          h('td', { class: 'num', 'data-role': 'ratio' }, formatRatio(m.samplingRatio)),
          h('td', { class: 'num' }, `${m.roundsPerYear} 次`),
        ),
      ),
    ),
  );
}

if (!Number.isInteger(planId) || planId < 1) {
  showError(pageMessage, new Error('缺少计划编号。请从“抽取结果公示”页的年度抽查计划列表进入。'));
} else {
  try {
    const plan = await api.get(`/api/public/plans/${planId}`, {}, { auth: false });
    document.title = `${plan.title} - 双随机、一公开 抽查系统`;
    main.append(
      h('div', { class: 'page-title' }, h('h1', { 'data-role': 'plan-title' }, plan.title), h('p', { class: 'page-sub' }, `${plan.office} · ${plan.year} 年度`)),
      h(
        'section',
        { class: 'panel' },
        kvGrid([
          ['机关', plan.office],
          ['年度', `${plan.year} 年`],
          ['任务文号', `${plan.docPrefix}抽查〔${plan.year}〕N号`],
          ['公布时间', h('span', { 'data-role': 'plan-published-at' }, `${formatBeijing(plan.publishedAt)}（北京时间）`)],
        ]),
      ),
      h('section', { class: 'panel' }, h('h2', null, '抽查任务'), h('div', { class: 'table-wrap' }, tasksTable(plan))),
      h('section', { class: 'panel' }, h('h2', null, '抽查事项、比例和次数'), h('div', { class: 'table-wrap' }, mattersTable(plan))),
      h(
        'section',
        { class: 'panel' },
        h('h2', null, '信用分级抽查'),
        h('p', { class: 'muted' }, '检查对象按信用风险分类分层抽取：信用好、风险低的降低比例和频次，失信、高风险的提高比例和频次。下表是各事项在各信用等级的每轮抽查比例和每年最多抽查次数。'),
        h('div', { class: 'table-wrap' }, strataMatrix(plan.matters, plan.tierPolicy)),
        h('h3', { class: 'sub-title' }, '分级抽查政策'),
        tierPolicyTable(plan.tierPolicy, 'public-tier-policy'),
      ),
    );
  } catch (err) {
    showError(pageMessage, err);
  }
}
