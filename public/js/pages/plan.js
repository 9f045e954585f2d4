import { api, clear, confirmDialog, errorText, h, showError, toast, withBusy } from '../api.js';
import { PLAN_STATUSES, TASK_STATUSES, TIER_NAMES, formatBeijing } from '../draw-labels.js';
import { describeFilter, field, kvGrid, openDialog, statusTag, strataMatrix, tierPolicyTable } from '../draw-ui.js';
import { formatDate, formatRatio, splitList } from '../labels.js';
import { officeShell } from '../layout.js';

const planId = Number(new URLSearchParams(location.search).get('id'));
const shell = officeShell({ active: 'plans', title: '抽查计划' });

async function createTask(plan, tasksBox) {
  let departments = new Map();
  try {
    const all = (await api.get('/api/matters', { pageSize: 500 })).items;
    departments = new Map(all.map((m) => [m.id, m.leadDepartment ? m.leadDepartment.name : '']));
  } catch {
    /* departments only drive the joint hint */
  }
  const titleIn = h('input', { type: 'text', placeholder: '如 危险化学品经营企业第一轮抽查', maxlength: '200' });
  const roundIn = h('input', { type: 'number', min: '1', max: '12', step: '1', value: '1', class: 'input-short' });
  const startIn = h('input', { type: 'date', min: `${plan.year}-01-01`, max: `${plan.year}-12-31` });
  const endIn = h('input', { type: 'date', min: `${plan.year}-01-01` });
  const matterChecks = plan.matters.map((m) => ({
    m,
    box: h('input', { type: 'checkbox', value: String(m.matterId), name: 'matterIds' }),
  }));
  const jointBox = h('input', { type: 'checkbox', name: 'joint' });
  const jointHint = h('span', { class: 'field-help', 'data-role': 'joint-hint' });
  const updateJoint = () => {
    const depts = new Set(matterChecks.filter((c) => c.box.checked).map((c) => departments.get(c.m.matterId) || '?'));
    if (depts.size > 1) {
      jointBox.checked = true;
      jointBox.disabled = true;
      jointHint.textContent = `所选事项分属 ${[...depts].join('、')}，须联合抽查：一次检查，检查组包含各部门人员。`;
    } else {
      jointBox.disabled = false;
      jointHint.textContent = '一个部门的事项通常不需要联合抽查。';
    }
  };
  for (const c of matterChecks) c.box.addEventListener('change', updateJoint);
  updateJoint();

  const untargeted = h('input', { type: 'radio', name: 'targeted', value: 'no', checked: true });
  const targeted = h('input', { type: 'radio', name: 'targeted', value: 'yes' });
  const regionsIn = h('input', { type: 'text', placeholder: '如 320803、320812（2–6 位区划代码前缀，逗号分隔）' });
  const industriesIn = h('input', { type: 'text', placeholder: '如 危险化学品、烟花爆竹（逗号分隔）' });
  const tierBoxes = ['A', 'B', 'C', 'D'].map((t) => ({ t, box: h('input', { type: 'checkbox', value: t, name: 'tiers' }) }));
  const filterBox = h(
    'fieldset',
    { class: 'filter-fieldset', hidden: true, 'data-role': 'target-filter' },
    h('legend', null, '定向抽查条件（留空的条件不限制）'),
    h(
      'div',
      { class: 'form-grid' },
      field('行政区划前缀', regionsIn, { id: 'task-regions', full: true }),
      field('行业', industriesIn, { id: 'task-industries', full: true }),
      h('div', { class: 'field field-full' }, h('span', { class: 'label' }, '信用等级'), h('div', { class: 'check-group' }, tierBoxes.map(({ t, box }) => h('label', { class: 'check' }, box, TIER_NAMES[t])))),
    ),
    h('p', { class: 'form-note' }, '处于包容期、观察期的新经济企业，没有投诉举报、大数据监测、转办交办情形的，不实施定向抽查。'),
  );
  const toggleFilter = () => (filterBox.hidden = !targeted.checked);
  untargeted.addEventListener('change', toggleFilter);
  targeted.addEventListener('change', toggleFilter);

  const teamIn = h('input', { type: 'number', min: '2', max: '10', step: '1', value: '2', class: 'input-short' });
  const capIn = h('input', { type: 'number', min: '1', step: '1', class: 'input-short', placeholder: '不限' });

  const body = h(
    'div',
    null,
    h(
      'div',
      { class: 'form-grid' },
      field('任务名称', titleIn, { id: 'task-title', full: true, help: '可不填；任务编号自动生成，如 ' + `${plan.docPrefix}抽查〔${plan.year}〕1号` }),
      field('轮次', roundIn, { id: 'task-round', required: true, help: '本年度第几轮抽查' }),
      h('div', { class: 'field' }),
      field('检查期间开始', startIn, { id: 'task-start', required: true }),
      field('检查期间结束', endIn, { id: 'task-end', required: true }),
    ),
    h(
      'div',
      { class: 'field field-full required' },
      h('span', { class: 'label' }, '抽查事项'),
      h(
        'div',
        { class: 'check-list', 'data-role': 'task-matters' },
        matterChecks.map(({ m, box }) =>
          h(
            'label',
            { class: 'check' },
            box,
            `${m.code} ${m.name}`,
            h('span', { class: 'muted' }, `（${formatRatio(m.samplingRatio)}，${departments.get(m.matterId) || '—'}）`),
            m.keySupervision ? h('span', { class: 'tag tag-red' }, '重点监管') : null,
          ),
        ),
      ),
    ),
    h('div', { class: 'field field-full' }, h('label', { class: 'check' }, jointBox, '联合抽查'), jointHint),
    h(
      'div',
      { class: 'field field-full' },
      h('span', { class: 'label' }, '抽查方式'),
      h('div', { class: 'check-group' }, h('label', { class: 'check' }, untargeted, '不定向抽查（事项的全部检查对象）'), h('label', { class: 'check' }, targeted, '定向抽查（按区划、行业、信用等级筛选）')),
    ),
    filterBox,
    h(
      'div',
      { class: 'form-grid' },
      field('每组执法人员数', teamIn, { id: 'task-team', required: true, help: '不少于 2 人（《行政处罚法》）' }),
      field('每人检查数上限', capIn, { id: 'task-cap', help: '可不填，不填不设上限' }),
    ),
  );

  const saved = await openDialog({
    title: `新建抽查任务 — ${plan.title}`,
    wide: true,
    body,
    submitText: '保存任务',
    submit: () => {
      const round = Number(roundIn.value);
      if (!Number.isInteger(round) || round < 1 || round > 12) throw new Error('轮次应为 1–12 的整数');
      if (!startIn.value || !endIn.value) throw new Error('请填写检查期间的开始和结束日期');
      if (endIn.value < startIn.value) throw new Error('检查期间的结束日期不能早于开始日期');
      const matterIds = matterChecks.filter((c) => c.box.checked).map((c) => c.m.matterId);
      if (!matterIds.length) throw new Error('请至少勾选一个抽查事项');
      const teamSize = Number(teamIn.value);
      if (!Number.isInteger(teamSize) || teamSize < 2) throw new Error('每组执法人员不少于 2 人');
      const payload = { round, windowStart: startIn.value, windowEnd: endIn.value, matterIds, teamSize, joint: jointBox.checked };
      if (titleIn.value.trim()) payload.title = titleIn.value.trim();
      if (capIn.value.trim() !== '') {
        const cap = Number(capIn.value);
        if (!Number.isInteger(cap) || cap < 1) throw new Error('每人检查数上限应为正整数');
        payload.maxPerInspector = cap;
      }
      if (targeted.checked) {
        const regionPrefixes = splitList(regionsIn.value);
        const bad = regionPrefixes.find((r) => !/^\d{2,6}$/.test(r));
        if (bad) throw new Error(`行政区划前缀“${bad}”应为 2–6 位数字`);
        payload.targeted = true;
        payload.filter = { regionPrefixes, industries: splitList(industriesIn.value), tiers: tierBoxes.filter((x) => x.box.checked).map((x) => x.t) };
      } else {
        payload.targeted = false;
      }
      return api.post(`/api/plans/${plan.id}/tasks`, payload);
    },
  });
  if (saved && saved.id) {
    toast(`已新建任务：${saved.code}`);
    await loadTasks(plan, tasksBox);
  }
}

async function loadTasks(plan, box) {
  clear(box);
  box.append(h('p', { class: 'muted' }, '正在加载…'));
  let tasks;
  try {
    tasks = await api.get(`/api/plans/${plan.id}/tasks`);
  } catch (err) {
    clear(box);
    box.append(h('p', { class: 'msg msg-error', role: 'alert' }, `加载任务失败：${errorText(err)}`));
    return;
  }
  const names = new Map(plan.matters.map((m) => [m.matterId, `${m.code} ${m.name}`]));
  clear(box);
  box.append(
    h(
      'table',
      { class: 'data-table', 'data-role': 'tasks' },
      h(
        'thead',
        null,
        h('tr', null, ['任务编号', '轮次', '检查期间', '抽查事项', '抽查方式', '检查组', '状态', '操作'].map((t) => h('th', null, t))),
      ),
      h(
        'tbody',
        null,
        tasks.length
          ? tasks.map((t) =>
              h(
                'tr',
                { 'data-task': t.code },
                h('td', { class: 'nowrap' }, h('a', { href: `/office/task.html?id=${t.id}` }, t.code), t.title ? h('div', { class: 'sub' }, t.title) : null),
                h('td', { class: 'num' }, `第 ${t.round} 轮`),
                h('td', { class: 'nowrap' }, `${formatDate(t.windowStart)} 至 ${formatDate(t.windowEnd)}`),
                h('td', null, h('ul', { class: 'plain-list' }, t.matterIds.map((id) => h('li', null, names.get(id) || `#${id}`)))),
                h('td', null, describeFilter(t), t.joint ? h('span', { class: 'tag tag-blue' }, '联合抽查') : null),
                h('td', null, `${t.teamSize} 人/组`, t.maxPerInspector ? h('div', { class: 'sub' }, `每人至多 ${t.maxPerInspector} 家`) : null),
                h('td', null, statusTag(TASK_STATUSES, t.status)),
                h('td', { class: 'actions' }, h('a', { class: 'btn btn-small btn-primary', href: `/office/task.html?id=${t.id}`, 'data-role': 'open-task' }, t.status === 'draft' ? '开始抽取 →' : '查看 →')),
              ),
            )
          : h('tr', { class: 'empty-row' }, h('td', { colspan: '8' }, '本计划还没有抽查任务')),
      ),
    ),
  );
}

/** 公布计划: the status cell, with the button while the plan is a draft and the public link once published. */
function planStatus(plan) {
  const cell = h('span', { 'data-role': 'plan-status' });
  const render = (p) => {
    clear(cell);
    cell.append(statusTag(PLAN_STATUSES, p.status));
    if (p.status === 'published') {
      cell.append(' ', h('span', { class: 'sub' }, `${formatBeijing(p.publishedAt)} 公布`), ' ', h('a', { href: `/plan.html?id=${p.id}`, 'data-role': 'public-plan-link' }, '查看公开页面 →'));
      return;
    }
    const btn = h('button', { type: 'button', class: 'btn btn-small btn-primary', 'data-role': 'publish-plan' }, '公布计划');
    btn.addEventListener('click', async () => {
      const ok = await confirmDialog(`公布后，本计划的抽查事项、比例和次数、信用分级政策及全部抽查任务（含以后新建的任务）向社会公开。确定公布“${p.title}”吗？`, { title: '公布年度抽查计划', okText: '公布' });
      if (!ok) return;
      await withBusy(btn, '公布中…', async () => {
        try {
          render(await api.post(`/api/plans/${p.id}/publish`));
          toast('计划已公布');
        } catch (err) {
          toast(`公布失败：${errorText(err)}`, 'error');
        }
      });
    });
    cell.append(' ', btn);
  };
  render(plan);
  return cell;
}

if (shell) {
  const { main, isOffice } = shell;
  const message = h('div', { class: 'msg', hidden: true });
  main.append(message);
  const titleEl = main.querySelector('.page-title h1');
  if (!isOffice) {
    showError(message, new Error('年度抽查计划仅政策法规处可以查看和管理。'));
  } else if (!Number.isInteger(planId) || planId < 1) {
    showError(message, new Error('缺少计划编号。请从“年度抽查计划”列表进入。'));
  } else {
    try {
      const plan = await api.get(`/api/plans/${planId}`);
      titleEl.textContent = plan.title;
      document.title = `${plan.title} - 双随机、一公开 抽查系统`;
      const tasksBox = h('div', { class: 'table-wrap' });
      main.append(
        h('p', { class: 'breadcrumb' }, h('a', { href: '/office/plans.html' }, '年度抽查计划'), ' › ', plan.title),
        h(
          'section',
          { class: 'panel' },
          kvGrid([
            ['年度', String(plan.year)],
            ['机关', plan.office],
            ['文号', `${plan.docPrefix}抽查〔${plan.year}〕N号`],
            ['状态', planStatus(plan)],
          ]),
        ),
        h(
          'section',
          { class: 'panel' },
          h('div', { class: 'panel-head' }, h('h2', null, '抽查任务'), h('button', { type: 'button', class: 'btn btn-primary', 'data-role': 'create-task', onclick: () => void createTask(plan, tasksBox) }, '＋ 新建抽查任务')),
          tasksBox,
        ),
        h(
          'section',
          { class: 'panel' },
          h('h2', null, '抽查事项及分级比例'),
          h('p', { class: 'muted' }, '每个事项按信用等级分层抽取：每层的样本量 = ⌈合格对象数 × 该层比例⌉，比例为 100% 时全部检查。下表是本计划各事项在各信用等级的每轮抽查比例和每年最多抽查次数。'),
          h('div', { class: 'table-wrap' }, strataMatrix(plan.matters, plan.tierPolicy)),
        ),
        h('section', { class: 'panel' }, h('h2', null, '本计划的信用分级抽查政策'), tierPolicyTable(plan.tierPolicy, 'plan-tier-policy')),
      );
      await loadTasks(plan, tasksBox);
    } catch (err) {
      showError(message, err);
    }
  }
}
