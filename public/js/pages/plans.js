import { api, h, showError, toast } from '../api.js';
import { DEFAULT_TIER_POLICY, PLAN_STATUSES, TIER_NAMES } from '../draw-labels.js';
import { field, openDialog, statusTag, tierPolicyTable } from '../draw-ui.js';
import { formatRatio, parsePercent } from '../labels.js';
import { officeShell } from '../layout.js';
import { PagedTable } from '../table.js';

const shell = officeShell({
  active: 'plans',
  title: '年度抽查计划',
  subtitle: '每年的抽查计划：包含哪些事项、各事项的抽查比例和每年次数，以及按信用等级差异化抽查的政策。计划下设抽查任务（每轮一次抽取）。',
});

function planMatters(p) {
  return h(
    'ul',
    { class: 'plain-list' },
    p.matters.map((m) =>
      h('li', null, `${m.code} ${m.name} `, h('strong', { class: 'ratio-text' }, formatRatio(m.samplingRatio)), m.keySupervision ? h('span', { class: 'tag tag-red' }, '重点监管') : null),
    ),
  );
}

/* ------------------------------------------------------------ the create form */

function intInput(name, value, attrs = {}) {
  return h('input', { type: 'number', step: '1', name, value: value === undefined ? '' : String(value), class: 'input-short', ...attrs });
}

async function createPlan(table) {
  let matters;
  try {
    matters = (await api.get('/api/matters', { active: true, pageSize: 500 })).items;
  } catch (err) {
    toast(`无法读取事项清单：${err.message}`, 'error');
    return;
  }
  const year = new Date().getFullYear();
  const yearIn = h('input', { type: 'number', name: 'year', value: String(year), min: '2000', max: '2100', class: 'input-short' });
  const officeIn = h('input', { type: 'text', name: 'office', placeholder: '如 淮安市应急管理局', maxlength: '100' });
  const prefixIn = h('input', { type: 'text', name: 'docPrefix', placeholder: '如 淮应急', maxlength: '20' });
  const titleIn = h('input', { type: 'text', name: 'title', placeholder: `如 ${year} 年度“双随机、一公开”抽查计划`, maxlength: '200' });
  const codeExample = h('span', { class: 'field-help', 'data-role': 'code-example' });
  const updateExample = () => {
    const p = prefixIn.value.trim() || '淮应急';
    codeExample.textContent = `任务编号示例：${p}抽查〔${yearIn.value || year}〕1号`;
  };
  prefixIn.addEventListener('input', updateExample);
  yearIn.addEventListener('input', updateExample);
  updateExample();

  const rows = matters.map((m) => {
    const check = h('input', { type: 'checkbox', name: 'matter', value: String(m.id), 'aria-label': `选择 ${m.name}` });
    const ratio = h('input', {
      type: 'text',
      inputmode: 'decimal',
      class: 'input-tiny',
      'data-field': 'ratio',
      placeholder: formatRatio(m.samplingRatio).replace('%', ''),
      disabled: m.keySupervision,
      'aria-label': `${m.name} 本计划抽查比例（%）`,
    });
    const rounds = intInput('rounds', undefined, { min: '1', max: '12', placeholder: String(m.roundsPerYear), class: 'input-tiny', 'aria-label': `${m.name} 每年抽查次数` });
    const tr = h(
      'tr',
      { 'data-code': m.code },
      h('td', null, check),
      h('td', { class: 'mono' }, m.code),
      h('td', null, m.name, m.keySupervision ? h('span', { class: 'tag tag-red' }, '重点监管') : null),
      h('td', { class: 'nowrap' }, m.leadDepartment ? m.leadDepartment.name : '—'),
      h('td', { class: 'num' }, formatRatio(m.samplingRatio)),
      h('td', null, m.keySupervision ? h('span', { class: 'muted' }, '100%') : h('span', { class: 'input-suffix' }, ratio, '%')),
      h('td', null, rounds),
    );
    return { m, check, ratio, rounds, tr };
  });
  const allBox = h('input', { type: 'checkbox', 'aria-label': '全选' });
  allBox.addEventListener('change', () => rows.forEach((r) => (r.check.checked = allBox.checked)));

  // Tier policy: the default unless the office changes it here.
  const tierInputs = {};
  const tierRows = ['A', 'B', 'C', 'D'].map((t) => {
    const rule = DEFAULT_TIER_POLICY[t];
    tierInputs[t] = {
      percent: intInput(`percent-${t}`, rule.ratio.percent, { min: '0', max: '1000', class: 'input-tiny', 'aria-label': `${t} 级比例倍数（%）` }),
      delta: intInput(`delta-${t}`, rule.rounds.delta, { min: '-12', max: '12', class: 'input-tiny', 'aria-label': `${t} 级次数增减` }),
    };
    return h('tr', null, h('td', null, TIER_NAMES[t]), h('td', null, h('span', { class: 'input-suffix' }, '事项比例 ×', tierInputs[t].percent, '%')), h('td', null, h('span', { class: 'input-suffix' }, '事项次数 +', tierInputs[t].delta)));
  });
  const accidentTier = h('select', { name: 'accidentTier' }, ['A', 'B', 'C', 'D'].map((t) => h('option', { value: t, selected: t === DEFAULT_TIER_POLICY.accidentTier }, TIER_NAMES[t])));
  const lookback = intInput('accidentLookbackYears', DEFAULT_TIER_POLICY.accidentLookbackYears, { min: '0', max: '50', class: 'input-tiny' });
  const policyBox = h(
    'details',
    { class: 'policy-editor' },
    h('summary', null, '调整信用分级抽查政策（可选，不调整则使用默认政策）'),
    h('table', { class: 'data-table compact' }, h('thead', null, h('tr', null, h('th', null, '信用等级'), h('th', null, '抽查比例'), h('th', null, '每年次数'))), h('tbody', null, tierRows)),
    h('p', { class: 'form-note' }, '近 ', lookback, ' 年内发生过生产安全事故的企业按 ', accidentTier, ' 抽查（0 年表示不适用）。'),
  );

  const readPolicy = () => {
    const num = (input, what) => {
      const n = Number(input.value);
      if (input.value.trim() === '' || !Number.isInteger(n)) throw new Error(`信用分级政策：请填写整数（${what}）`);
      return n;
    };
    const policy = { accidentTier: accidentTier.value, accidentLookbackYears: num(lookback, '事故追溯年限') };
    for (const t of ['A', 'B', 'C', 'D']) {
      policy[t] = {
        ratio: { kind: 'multiplier', percent: num(tierInputs[t].percent, `${t} 级比例`) },
        rounds: { kind: 'relative', delta: num(tierInputs[t].delta, `${t} 级次数`) },
      };
    }
    return sameAsDefault(policy) ? null : policy;
  };

  const body = [
    h(
      'div',
      { class: 'form-grid' },
      field('年度', yearIn, { required: true, id: 'plan-year' }),
      field('机关名称', officeIn, { required: true, id: 'plan-office' }),
      field('文号前缀', prefixIn, { required: true, id: 'plan-prefix' }),
      h('div', { class: 'field' }, h('span', { class: 'label' }, ' '), codeExample),
      field('计划名称', titleIn, { required: true, full: true, id: 'plan-title' }),
    ),
    h('h3', { class: 'form-section' }, '抽查事项'),
    h('p', { class: 'form-note' }, '勾选本计划的事项。“本计划比例”“每年次数”不填则沿用事项清单；比例是每一轮任务的比例（如全年 20% 分两轮，每轮填 10）。重点监管事项一律 100%。'),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'data-table compact', 'data-role': 'plan-matters' },
        h('thead', null, h('tr', null, h('th', null, allBox), h('th', null, '编码'), h('th', null, '事项'), h('th', null, '牵头部门'), h('th', { class: 'num' }, '清单比例'), h('th', null, '本计划比例'), h('th', null, '每年次数'))),
        h('tbody', null, rows.map((r) => r.tr)),
      ),
    ),
    policyBox,
  ];

  const saved = await openDialog({
    title: '新建年度抽查计划',
    wide: true,
    body,
    submitText: '保存计划',
    submit: async () => {
      const y = Number(yearIn.value);
      if (!Number.isInteger(y)) throw new Error('请填写年度（整数，如 2026）');
      if (!officeIn.value.trim()) throw new Error('请填写机关名称');
      if (!prefixIn.value.trim()) throw new Error('请填写文号前缀，如 淮应急');
      if (!titleIn.value.trim()) throw new Error('请填写计划名称');
      const chosen = rows.filter((r) => r.check.checked);
      if (!chosen.length) throw new Error('请至少勾选一个抽查事项');
      const items = chosen.map((r) => {
        const item = { matterId: r.m.id };
        if (!r.m.keySupervision && r.ratio.value.trim() !== '') {
          try {
            item.samplingRatio = parsePercent(r.ratio.value);
          } catch (e) {
            throw new Error(`${r.m.code} ${r.m.name}：${e.message}`);
          }
        }
        if (r.rounds.value.trim() !== '') {
          const n = Number(r.rounds.value);
          if (!Number.isInteger(n) || n < 1 || n > 12) throw new Error(`${r.m.code} ${r.m.name}：每年抽查次数应为 1–12 的整数`);
          item.roundsPerYear = n;
        }
        return item;
      });
      const payload = { year: y, office: officeIn.value.trim(), docPrefix: prefixIn.value.trim(), title: titleIn.value.trim(), matters: items };
      const policy = readPolicy();
      if (policy) payload.tierPolicy = policy;
      return api.post('/api/plans', payload);
    },
  });
  if (saved && saved.id) {
    toast(`已新建计划：${saved.title}`);
    await table.reload();
  }
}

function sameAsDefault(policy) {
  const d = DEFAULT_TIER_POLICY;
  if (policy.accidentTier !== d.accidentTier || policy.accidentLookbackYears !== d.accidentLookbackYears) return false;
  return ['A', 'B', 'C', 'D'].every((t) => policy[t].ratio.percent === d[t].ratio.percent && policy[t].rounds.delta === d[t].rounds.delta);
}

/* ------------------------------------------------------------ the page */

if (shell) {
  const { main, isOffice } = shell;
  const message = h('div', { class: 'msg', hidden: true });
  main.append(message);
  if (!isOffice) {
    showError(message, new Error('年度抽查计划仅政策法规处可以查看和管理。'));
  } else {
    const table = new PagedTable({
      endpoint: '/api/plans',
      caption: '年度抽查计划',
      columns: [
        { title: '年度', class: 'num', render: (p) => String(p.year) },
        { title: '计划', class: 'wide', render: (p) => h('span', null, h('a', { href: `/office/plan.html?id=${p.id}`, 'data-role': 'plan-link' }, p.title), h('div', { class: 'sub' }, p.office)) },
        { title: '文号', render: (p) => h('span', { class: 'nowrap' }, `${p.docPrefix}抽查〔${p.year}〕N号`) },
        { title: '抽查事项及比例', class: 'wide', render: planMatters },
        { title: '状态', render: (p) => statusTag(PLAN_STATUSES, p.status) },
        { title: '操作', class: 'actions', render: (p) => h('a', { class: 'btn btn-small', href: `/office/plan.html?id=${p.id}` }, '抽查任务 →') },
      ],
      filters: [{ name: 'year', label: '年度', placeholder: '如 2026' }],
      emptyText: '还没有年度抽查计划，点击“新建年度计划”开始',
    });
    main.append(
      h('div', { class: 'toolbar' }, h('div', { class: 'toolbar-left' }, h('button', { type: 'button', class: 'btn btn-primary', 'data-role': 'create-plan', onclick: () => void createPlan(table) }, '＋ 新建年度计划'))),
      table.el,
      h(
        'section',
        { class: 'panel panel-gap' },
        h('h2', null, '默认信用分级抽查政策'),
        h('p', { class: 'muted' }, '信用好、风险低的企业降低抽查比例和频次；一般企业按事项清单的比例和频次；失信、高风险或发生过生产安全事故的企业提高比例和频次。政策随计划保存并公开，新建计划时可以调整。'),
        tierPolicyTable(DEFAULT_TIER_POLICY, 'default-tier-policy'),
      ),
    );
    void table.load();
  }
}
