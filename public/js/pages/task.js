/**
 * One task's draw, step by step: 1 freeze the inputs and publish their hash (declaring the seed
 * sources), 2 draw with the values revealed afterwards, 3 the result — publish or supersede,
 * downloads, the drawn list with replacements — and the history of every commitment and draw.
 */
import { ApiError, api, clear, confirmDialog, errorText, h, showError, showMessage, toast, withBusy } from '../api.js';
import {
  COMMITMENT_STATUSES,
  DRAW_STATUSES,
  REPLACEMENT_REASONS,
  SEED_KINDS,
  TASK_STATUSES,
  TIER_NAMES,
  UNSTAFFED_REASONS,
  formatBeijing,
  formatBp,
  formatSeedValue,
  nowInShanghai,
  parseLotteryNumbers,
  parseTimeInput,
  shortHash,
} from '../draw-labels.js';
import {
  copyButton,
  describeFilter,
  downloadButton,
  endpointExists,
  field,
  hashBox,
  kvGrid,
  matterChips,
  openDialog,
  safeName,
  saveJson,
  statCards,
  statusTag,
} from '../draw-ui.js';
import { formatCount, formatDate, label } from '../labels.js';
import { officeShell } from '../layout.js';
import { PagedTable } from '../table.js';

const params = new URLSearchParams(location.search);
const taskId = Number(params.get('id'));
const shell = officeShell({ active: 'plans', title: '抽查任务' });

const state = { task: null, plan: null, commitments: [], draws: [], selectedDrawId: null, names: new Map() };
let root;
let pageMessage;

/* ------------------------------------------------------------ loading */

async function load() {
  const [task, commitments, draws] = await Promise.all([api.get(`/api/tasks/${taskId}`), api.get(`/api/tasks/${taskId}/commitments`), api.get(`/api/tasks/${taskId}/draws`)]);
  if (!state.plan || state.plan.id !== task.planId) state.plan = await api.get(`/api/plans/${task.planId}`);
  state.task = task;
  state.commitments = commitments;
  state.draws = draws;
  state.names = new Map(state.plan.matters.map((m) => [m.code, m.name]));
  if (state.selectedDrawId && !draws.some((d) => d.id === state.selectedDrawId)) state.selectedDrawId = null;
}

async function refresh(keepScroll = true) {
  const y = window.scrollY;
  try {
    await load();
    render();
    if (keepScroll) window.scrollTo(0, y);
  } catch (err) {
    showError(pageMessage, err);
  }
}

/** The live draw (active or published), else null. */
function liveDraw() {
  return state.draws.find((d) => d.status !== 'superseded') || null;
}

function shownDraw() {
  if (state.selectedDrawId) return state.draws.find((d) => d.id === state.selectedDrawId) || null;
  return liveDraw();
}

const openCommitment = () => state.commitments.find((c) => c.status === 'open') || null;

/* ------------------------------------------------------------ frame */

function stepper() {
  const s = state.task.status;
  const order = { draft: 0, committed: 1, drawn: 2, published: 3 }[s] ?? 0;
  const steps = [
    ['冻结数据并公布哈希', '声明随机源，冻结名录并公开快照哈希'],
    ['抽取', '录入此后产生的随机源取值，生成随机种子并抽取'],
    ['结果与公示', '核对结果，公示或说明理由作废'],
  ];
  return h(
    'ol',
    { class: 'stepper', 'data-role': 'stepper' },
    steps.map(([title, sub], i) => {
      const st = i < order ? 'done' : i === order ? 'current' : 'todo';
      return h(
        'li',
        { class: `step step-${st}`, 'data-step': String(i + 1), 'data-state': st, 'aria-current': st === 'current' ? 'step' : undefined },
        h('span', { class: 'step-num' }, st === 'done' ? '✓' : String(i + 1)),
        h('span', { class: 'step-text' }, h('span', { class: 'step-title' }, title), h('span', { class: 'step-sub' }, sub)),
      );
    }),
  );
}

function taskInfo() {
  const t = state.task;
  const matterCodes = state.plan.matters.filter((m) => t.matterIds.includes(m.matterId));
  return h(
    'section',
    { class: 'panel' },
    kvGrid([
      ['任务编号', h('strong', { 'data-role': 'task-code' }, t.code)],
      ['状态', statusTag(TASK_STATUSES, t.status, 'task-status')],
      ['所属计划', h('a', { href: `/office/plan.html?id=${state.plan.id}` }, state.plan.title)],
      ['轮次', `第 ${t.round} 轮`],
      ['检查期间', `${formatDate(t.windowStart)} 至 ${formatDate(t.windowEnd)}`],
      ['抽查方式', [describeFilter(t), t.joint ? h('span', { class: 'tag tag-blue' }, '联合抽查') : null]],
      ['抽查事项', h('ul', { class: 'plain-list' }, matterCodes.map((m) => h('li', null, `${m.code} ${m.name}`, h('span', { class: 'muted' }, `（${formatBp(Math.round(m.samplingRatio * 10000))}）`))))],
      ['检查组', `每组 ${t.teamSize} 人${t.maxPerInspector ? `，每人至多 ${t.maxPerInspector} 家` : '，每人检查数不设上限'}`],
    ]),
  );
}

function stepPanel(n, title, st, ...children) {
  return h(
    'section',
    { class: `panel step-panel step-panel-${st}`, 'data-role': `step-${n}`, 'data-state': st },
    h('h2', null, h('span', { class: 'step-badge' }, String(n)), title, st === 'done' ? h('span', { class: 'tag tag-green' }, '已完成') : st === 'todo' ? h('span', { class: 'tag tag-gray' }, '未开始') : h('span', { class: 'tag tag-orange' }, '进行中')),
    children,
  );
}

/* ------------------------------------------------------------ step 1: commit */

const KIND_DEFAULTS = {
  lottery: { id: 'ssq', description: '中国福利彩票双色球第2026140期开奖号码（红球升序、蓝球在后）' },
  beacon: { id: 'drand', description: 'drand 主网（quicknet）第 12000000 轮随机数' },
  official: { id: 'official-1', description: '张三（政策法规处处长）的秘密值' },
};

async function sha256Hex(text) {
  const digest = await window.crypto.subtle.digest('SHA-256', new window.TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function sourceRow(list, initialKind = 'lottery') {
  const kind = h('select', { 'data-field': 'kind', 'aria-label': '随机源类型' }, Object.entries(SEED_KINDS).map(([v, t]) => h('option', { value: v, selected: v === initialKind }, t)));
  const id = h('input', { type: 'text', 'data-field': 'id', class: 'input-id', maxlength: '64', 'aria-label': '随机源编号', value: KIND_DEFAULTS[initialKind].id });
  const desc = h('input', { type: 'text', 'data-field': 'description', maxlength: '200', 'aria-label': '随机源说明', placeholder: KIND_DEFAULTS[initialKind].description });
  const ordered = h('input', { type: 'checkbox', 'data-field': 'ordered', checked: true });
  const secret = h('input', { type: 'text', 'data-field': 'secretSha256', class: 'mono', maxlength: '64', placeholder: '秘密值的 SHA-256（64 位小写十六进制）', 'aria-label': '秘密值的 SHA-256' });
  const generated = h('div', { class: 'secret-generated', hidden: true });
  const genBtn = h('button', { type: 'button', class: 'btn btn-small', hidden: !(window.crypto && window.crypto.subtle) }, '在本机生成秘密值');
  genBtn.addEventListener('click', async () => {
    const bytes = new Uint8Array(32);
    window.crypto.getRandomValues(bytes);
    const value = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
    secret.value = await sha256Hex(value);
    clear(generated);
    generated.hidden = false;
    generated.append(
      h('div', { class: 'msg msg-warning' }, h('div', { class: 'msg-title' }, '秘密值（仅显示这一次，系统不保存）：'), h('code', { class: 'hash-value' }, value), ' ', copyButton(value, '秘密值'), h('div', null, '请交由该官员妥善保管，抽取时由其揭示。官员也可以自己运行 npm run secret 生成，只把 SHA-256 交给政策法规处。')),
    );
  });
  const orderedWrap = h('label', { class: 'check' }, ordered, '按开奖公告的顺序使用号码（不勾选则先按大小排序）');
  const secretWrap = h('div', { class: 'secret-wrap' }, secret, genBtn);
  const removeBtn = h('button', { type: 'button', class: 'link-btn danger', 'data-role': 'remove-source' }, '删除');
  const row = h(
    'div',
    { class: 'source-row', 'data-role': 'source-row' },
    h('div', { class: 'source-main' }, h('label', null, h('span', { class: 'mini-label' }, '类型'), kind), h('label', null, h('span', { class: 'mini-label' }, '编号'), id), h('label', { class: 'grow' }, h('span', { class: 'mini-label' }, '说明（写明将来公开产生的那一次开奖、信标轮次或官员）'), desc), removeBtn),
    h('div', { class: 'source-extra' }, orderedWrap, secretWrap),
    generated,
  );
  const sync = () => {
    const k = kind.value;
    orderedWrap.hidden = k !== 'lottery';
    secretWrap.hidden = k !== 'official';
    desc.placeholder = KIND_DEFAULTS[k].description;
    if (!id.value || Object.values(KIND_DEFAULTS).some((d) => d.id === id.value)) id.value = KIND_DEFAULTS[k].id;
  };
  kind.addEventListener('change', sync);
  sync();
  removeBtn.addEventListener('click', () => {
    if (list.querySelectorAll('[data-role=source-row]').length > 1) row.remove();
    else toast('至少需要一个随机源', 'warning');
  });
  row.read = () => {
    const s = { id: id.value.trim(), kind: kind.value, description: desc.value.trim() };
    if (!/^[a-z0-9_.-]{1,64}$/.test(s.id)) throw new Error(`随机源编号“${s.id}”只能含小写字母、数字、下划线、点和短横线`);
    if (!s.description) throw new Error(`请填写随机源“${s.id}”的说明，写明将来公开产生的那一次开奖、信标轮次或官员`);
    if (s.kind === 'lottery') s.ordered = ordered.checked;
    if (s.kind === 'official') {
      const hash = secret.value.trim();
      if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`随机源“${s.id}”：请填写官员秘密值的 SHA-256（64 位小写十六进制）`);
      s.secretSha256 = hash;
    }
    return s;
  };
  return row;
}

function commitForm() {
  const list = h('div', { class: 'source-list', 'data-role': 'source-list' });
  list.append(sourceRow(list, 'lottery'));
  const message = h('div', { class: 'msg', hidden: true, 'data-role': 'commit-message' });
  const add = h('button', { type: 'button', class: 'btn', 'data-role': 'add-source', onclick: () => list.append(sourceRow(list, 'beacon')) }, '＋ 添加随机源');
  const submit = h('button', { type: 'button', class: 'btn btn-primary', 'data-role': 'commit' }, '冻结数据并公布哈希');
  submit.addEventListener('click', () =>
    withBusy(submit, '正在冻结…', async () => {
      showMessage(message, 'error', '');
      let seedSources;
      try {
        seedSources = [...list.querySelectorAll('[data-role=source-row]')].map((r) => r.read());
        const ids = seedSources.map((s) => s.id);
        const dup = ids.find((x, i) => ids.indexOf(x) !== i);
        if (dup) throw new Error(`随机源编号“${dup}”重复`);
      } catch (err) {
        showMessage(message, 'error', err.message);
        return;
      }
      try {
        const c = await api.post(`/api/tasks/${taskId}/commit`, { seedSources });
        toast(`已冻结数据并公布哈希：${shortHash(c.snapshotHash)}`);
        await refresh();
      } catch (err) {
        showError(message, err);
      }
    }),
  );
  return h(
    'div',
    null,
    h(
      'p',
      null,
      '冻结本任务的全部输入（符合条件的检查对象及其信用等级、执法人员、回避关系、上次检查组和分级政策），计算其 SHA-256 并立即公开。',
      '随机种子只能来自冻结之后才产生的值，请现在声明它们：例如一期',
      h('strong', null, '尚未开奖'),
      '的彩票、一个尚未产生的随机信标轮次，或几位官员的秘密值（现在只交 SHA-256）。',
    ),
    list,
    h('div', { class: 'toolbar toolbar-tight' }, add),
    message,
    h('div', { class: 'form-actions' }, submit),
  );
}

function sourcesTable(sources) {
  return h(
    'table',
    { class: 'data-table compact', 'data-role': 'seed-sources' },
    h('thead', null, h('tr', null, h('th', null, '编号'), h('th', null, '类型'), h('th', null, '说明'), h('th', null, '备注'))),
    h(
      'tbody',
      null,
      sources.map((s) =>
        h(
          'tr',
          null,
          h('td', { class: 'mono' }, s.id),
          h('td', null, label(SEED_KINDS, s.kind)),
          h('td', null, s.description),
          h('td', { class: 'sub' }, s.kind === 'official' ? h('span', null, 'SHA-256：', h('code', { class: 'mono' }, s.secretSha256)) : s.kind === 'lottery' ? (s.ordered ? '按开奖顺序' : '先按大小排序') : ''),
        ),
      ),
    ),
  );
}

function commitmentStats(c) {
  const n = c.counts || {};
  return statCards([
    { label: '检查对象', value: formatCount(n.enterprises), role: 'count-enterprises' },
    { label: '执法人员', value: formatCount(n.inspectors), role: 'count-inspectors' },
    { label: '回避关系', value: formatCount(n.conflicts), role: 'count-conflicts' },
    { label: '上次检查组', value: formatCount(n.previousTeams), role: 'count-previous' },
  ]);
}

function commitmentView(c, { withdraw }) {
  const withdrawBtn = withdraw
    ? h(
        'button',
        {
          type: 'button',
          class: 'btn',
          'data-role': 'withdraw',
          onclick: async () => {
            const ok = await confirmDialog('撤回后可重新冻结数据，但本次公布的哈希仍保留在公开记录中（状态为“已撤回”）。确定撤回吗？', { title: '撤回承诺', okText: '撤回', danger: true });
            if (!ok) return;
            try {
              await api.post(`/api/tasks/${taskId}/withdraw`);
              toast('已撤回承诺');
              await refresh();
            } catch (err) {
              toast(`撤回失败：${errorText(err)}`, 'error');
            }
          },
        },
        '撤回承诺',
      )
    : null;
  return h(
    'div',
    { 'data-role': 'commitment', 'data-commitment': String(c.id) },
    hashBox({
      label: '快照哈希（SHA-256）',
      hash: c.snapshotHash,
      role: 'snapshot-hash',
      note: ['公布时间：', h('strong', null, formatBeijing(c.committedAt)), '（北京时间） ', h('code', { class: 'mono muted' }, c.committedAt), '。此哈希已在“抽取结果公示”页面公开，任何人可据此核对本次抽取所用的数据未被更换。'],
    }),
    commitmentStats(c),
    h('h3', { class: 'sub-title' }, '声明的随机源'),
    sourcesTable(c.seedSources || []),
    h(
      'div',
      { class: 'toolbar toolbar-tight' },
      h(
        'div',
        { class: 'toolbar-left' },
        downloadButton({ text: '下载快照（.txt.gz）', role: 'download-commit-snapshot', path: `/api/commitments/${c.id}/snapshot.txt.gz`, fallbackName: safeName(`${state.task.code}-snapshot.txt.gz`) }),
        h('a', { class: 'btn', href: '/draws.html#commitments', target: '_blank', rel: 'noopener' }, '查看公开页面'),
      ),
      withdrawBtn,
    ),
  );
}

function step1() {
  const s = state.task.status;
  if (s === 'draft') {
    const last = state.draws[0];
    const note =
      last && last.status === 'superseded'
        ? h('div', { class: 'msg msg-warning', 'data-role': 'superseded-note' }, h('div', { class: 'msg-title' }, `上一次抽取（#${last.id}）已作废：${last.supersededReason || ''}`), '须重新冻结数据、公布新的哈希并声明新的随机源后再抽取；作废的抽取保留在下方的抽取记录中。')
        : null;
    return stepPanel(1, '冻结数据并公布哈希', 'current', note, commitForm());
  }
  if (s === 'committed') {
    const c = openCommitment();
    return stepPanel(1, '冻结数据并公布哈希', 'done', c ? commitmentView(c, { withdraw: true }) : h('p', { class: 'muted' }, '未找到待抽取的承诺'));
  }
  const d = liveDraw();
  const c = d && state.commitments.find((x) => x.id === d.commitmentId);
  return stepPanel(1, '冻结数据并公布哈希', 'done', c ? commitmentView(c, { withdraw: false }) : h('p', { class: 'muted' }, '—'));
}

/* ------------------------------------------------------------ step 2: draw */

function valueInput(source) {
  if (source.kind === 'lottery') return h('input', { type: 'text', 'data-field': 'value', placeholder: '开奖号码，逗号分隔，如 3,9,14,22,27,31,6', 'aria-label': `${source.id} 的开奖号码` });
  if (source.kind === 'beacon') return h('input', { type: 'text', 'data-field': 'value', class: 'mono', placeholder: '信标随机数（十六进制，至少 32 位）', 'aria-label': `${source.id} 的随机数` });
  return h('input', { type: 'text', 'data-field': 'value', class: 'mono', placeholder: '官员揭示的秘密值（32–128 位小写十六进制）', 'aria-label': `${source.id} 的秘密值`, autocomplete: 'off' });
}

function drawForm(c) {
  const rows = (c.seedSources || []).map((s) => {
    const value = valueInput(s);
    const at = h('input', { type: 'text', 'data-field': 'availableAt', class: 'input-time', placeholder: '2026-12-01 21:30:00', 'aria-label': `${s.id} 的取值时间` });
    const now = h('button', { type: 'button', class: 'btn btn-small', title: '填入当前时间（北京时间）', onclick: () => (at.value = nowInShanghai()) }, '现在');
    const row = h(
      'div',
      { class: 'source-row', 'data-role': 'seed-value-row', 'data-source': s.id },
      h('div', { class: 'source-head' }, h('span', { class: 'tag tag-blue' }, label(SEED_KINDS, s.kind)), h('code', { class: 'mono' }, s.id), h('span', null, s.description)),
      h('div', { class: 'source-main' }, h('label', { class: 'grow' }, h('span', { class: 'mini-label' }, s.kind === 'lottery' ? '开奖号码' : s.kind === 'beacon' ? '随机数' : '秘密值'), value), h('label', null, h('span', { class: 'mini-label' }, '取值时间（公开产生的时间）'), h('span', { class: 'input-suffix' }, at, now))),
    );
    row.read = () => {
      const v = value.value.trim();
      if (!v) throw new Error(`请填写随机源“${s.id}”的取值`);
      let parsed = v;
      if (s.kind === 'lottery') parsed = parseLotteryNumbers(v);
      else if (s.kind === 'beacon') parsed = v.replace(/\s+/g, '');
      let availableAt;
      try {
        availableAt = parseTimeInput(at.value);
      } catch (e) {
        throw new Error(`随机源“${s.id}”：${e.message}`);
      }
      return { sourceId: s.id, value: parsed, availableAt };
    };
    return row;
  });
  const message = h('div', { class: 'msg', hidden: true, 'data-role': 'draw-message' });
  const submit = h('button', { type: 'button', class: 'btn btn-primary', 'data-role': 'draw' }, '抽取');
  submit.addEventListener('click', async () => {
    showMessage(message, 'error', '');
    let seedValues;
    try {
      seedValues = rows.map((r) => r.read());
    } catch (err) {
      showMessage(message, 'error', err.message);
      return;
    }
    const ok = await confirmDialog('抽取结果一经产生不可更改，公示前只能说明理由作废（作废记录永久保留）。确定按所填的随机源取值抽取吗？', { title: '确认抽取', okText: '抽取' });
    if (!ok) return;
    await withBusy(submit, '正在抽取…', async () => {
      try {
        const d = await api.post(`/api/tasks/${taskId}/draw`, { seedValues });
        toast(`抽取完成：${formatCount(d.counts.inspections)} 户检查对象`);
        state.selectedDrawId = null;
        await refresh();
      } catch (err) {
        showError(message, err);
        if (err instanceof ApiError && err.body && err.body.details && err.body.details.refusal) message.dataset.refusal = err.body.details.refusal;
      }
    });
  });
  return h(
    'div',
    null,
    h('p', null, '填入各随机源在承诺之后公开产生的取值。取值时间须晚于承诺时间 ', h('strong', null, formatBeijing(c.committedAt)), '（北京时间），且不能晚于现在。时间可写作 2026-12-01 21:30:00（北京时间）或带时区的 ISO 8601。'),
    rows,
    message,
    h('div', { class: 'form-actions' }, submit),
  );
}

function seedValuesTable(receipt, sources) {
  const byId = new Map((sources || []).map((s) => [s.id, s]));
  return h(
    'table',
    { class: 'data-table compact', 'data-role': 'seed-values' },
    h('thead', null, h('tr', null, h('th', null, '随机源'), h('th', null, '取值'), h('th', null, '取值时间'))),
    h(
      'tbody',
      null,
      (receipt.seedValues || []).map((v) => {
        const s = byId.get(v.sourceId);
        return h(
          'tr',
          null,
          h('td', null, h('code', { class: 'mono' }, v.sourceId), s ? h('div', { class: 'sub' }, `${label(SEED_KINDS, s.kind)}：${s.description}`) : null),
          h('td', { class: 'mono break' }, formatSeedValue(v.value)),
          h('td', { class: 'nowrap' }, formatBeijing(v.availableAt), h('div', { class: 'sub mono' }, v.availableAt)),
        );
      }),
    ),
  );
}

function step2() {
  const s = state.task.status;
  if (s === 'draft') return stepPanel(2, '抽取', 'todo', h('p', { class: 'muted' }, '完成第 1 步（冻结数据并公布哈希）后，待随机源的值公开产生，再在这里录入并抽取。'));
  if (s === 'committed') {
    const c = openCommitment();
    return stepPanel(2, '抽取', 'current', c ? drawForm(c) : h('p', { class: 'muted' }, '未找到待抽取的承诺'));
  }
  const d = liveDraw();
  const c = d && state.commitments.find((x) => x.id === d.commitmentId);
  return stepPanel(2, '抽取', 'done', d ? [seedValuesTable(d.receipt || {}, c && c.seedSources), hashBox({ label: '随机种子', hash: d.seed, role: 'seed-hash' })] : null);
}

/* ------------------------------------------------------------ step 3: result */

function strataTable(strata) {
  const rows = strata || [];
  const sum = (k) => rows.reduce((a, r) => a + Number(r[k] || 0), 0);
  return h(
    'table',
    { class: 'data-table compact', 'data-role': 'strata' },
    h('thead', null, h('tr', null, ['事项', '信用等级', '合格对象', '排除', '抽查比例', '每年次数', '样本量'].map((t, i) => h('th', { class: i >= 2 ? 'num' : undefined }, t)))),
    h(
      'tbody',
      null,
      rows.map((r) =>
        h(
          'tr',
          null,
          h('td', null, h('code', { class: 'mono' }, r.matter), ' ', state.names.get(r.matter) || ''),
          h('td', null, h('span', { class: `tag tier tier-${String(r.tier).toLowerCase()}` }, TIER_NAMES[r.tier] || r.tier)),
          h('td', { class: 'num' }, formatCount(r.eligible)),
          h('td', { class: 'num' }, formatCount(r.excluded)),
          h('td', { class: 'num' }, formatBp(r.ratioBp)),
          h('td', { class: 'num' }, String(r.roundsPerYear)),
          h('td', { class: 'num' }, h('strong', null, formatCount(r.sampleSize))),
        ),
      ),
      h('tr', { class: 'total-row' }, h('td', { colspan: '2' }, '合计'), h('td', { class: 'num' }, formatCount(sum('eligible'))), h('td', { class: 'num' }, formatCount(sum('excluded'))), h('td'), h('td'), h('td', { class: 'num' }, h('strong', null, formatCount(sum('sampleSize'))))),
    ),
  );
}

function teamCell(i) {
  if (i.unstaffedReason) return h('span', { class: 'tag tag-red', title: label(UNSTAFFED_REASONS, i.unstaffedReason) }, '未配齐：', label(UNSTAFFED_REASONS, i.unstaffedReason));
  return h(
    'ul',
    { class: 'plain-list' },
    (i.team || []).map((m) => h('li', { class: 'nowrap', title: m.department || undefined }, m.name, ' ', h('span', { class: 'sub mono' }, m.certNo), state.task.joint && m.department ? h('span', { class: 'sub' }, ` · ${m.department}`) : null)),
  );
}

async function replaceInspector(d, row, afterwards) {
  const members = row.team || [];
  const radios = members.map((m, i) => ({ m, input: h('input', { type: 'radio', name: 'certNo', value: m.certNo, checked: i === 0 }) }));
  const reason = h('select', { name: 'reason', id: 'replace-reason' }, Object.entries(REPLACEMENT_REASONS).map(([v, t]) => h('option', { value: v }, t)));
  const note = h('textarea', { name: 'note', rows: '3', maxlength: '500', placeholder: '如 病假证明编号、发现的利害关系等' });
  const body = h(
    'div',
    null,
    h('p', { class: 'form-intro' }, `检查对象：${row.enterpriseName}（${row.uscc}）`),
    h('div', { class: 'field field-full required' }, h('span', { class: 'label' }, '被更换的执法人员'), h('div', { class: 'check-group check-col' }, radios.map(({ m, input }) => h('label', { class: 'check' }, input, `${m.name}（${m.certNo}）`)))),
    field('更换原因', reason, { required: true, id: 'replace-reason' }),
    field('说明', note, { full: true, id: 'replace-note' }),
    h('p', { class: 'form-note' }, '替换人员按公开的确定性规则（docs/draw-algorithm.md §9）从符合条件的执法人员中产生，不能手工指定；“因病”“请假”的人员在本次任务后续的更换中也不再被选中，“应当回避”的人员不再派往该企业。每次更换都永久记录。'),
  );
  const record = await openDialog({
    title: '更换执法人员',
    body,
    submitText: '确认更换',
    submit: () => {
      const chosen = radios.find((r) => r.input.checked);
      if (!chosen) throw new Error('请选择被更换的执法人员');
      return api.post(`/api/draws/${d.id}/replacements`, { uscc: row.uscc, certNo: chosen.m.certNo, reason: reason.value, note: note.value.trim() });
    },
  });
  if (record && record.seq) {
    if (record.unstaffed) toast(`已更换，但没有符合条件的替换人员：该检查未配齐（${label(UNSTAFFED_REASONS, record.unstaffed)}）`, 'warning');
    else toast(`已更换：${record.removedCertNo} → ${(record.addedCertNos || []).join('、') || '（无）'}`);
    afterwards();
  }
}

async function inspectionsSection(d, box, logBox) {
  const officeList = await endpointExists('/api/draws/{id}/inspections');
  const canReplace = d.status !== 'superseded' && (await endpointExists('/api/draws/{id}/replacements'));
  let endpoint = `/api/draws/${d.id}/inspections`;
  let auth;
  if (!officeList) {
    if (d.status !== 'published') {
      box.append(h('p', { class: 'muted' }, '检查对象名单接口暂未开放；公示后可在公开页面查看。'));
      return;
    }
    endpoint = `/api/public/draws/${d.id}/inspections`;
    auth = false;
  }
  const columns = [
    { title: '检查对象', class: 'wide', render: (i) => h('span', null, i.enterpriseName, h('div', { class: 'sub mono' }, i.uscc)) },
    { title: '区划', render: (i) => i.regionCode },
    { title: '检查事项', render: (i) => matterChips(i.matterCodes, state.names) },
    { title: '检查组', render: teamCell },
  ];
  let table = null;
  const reloadAll = () => {
    if (table) void table.reload();
    void loadReplacements(d, logBox);
  };
  if (canReplace) {
    columns.push({
      title: '操作',
      class: 'actions',
      render: (i) => (i.unstaffedReason || !(i.team || []).length ? null : h('button', { type: 'button', class: 'link-btn', 'data-role': 'replace', onclick: () => void replaceInspector(d, i, reloadAll) }, '更换执法人员')),
    });
  }
  table = new PagedTable({ endpoint, auth, columns, syncUrl: false, pageSize: 10, caption: '抽中的检查对象', emptyText: '本次未抽中检查对象', rowClass: (i) => (i.unstaffedReason ? 'row-unstaffed' : '') });
  box.append(table.el);
  await table.load();
}

async function loadReplacements(d, box) {
  clear(box);
  if (!(await endpointExists('/api/draws/{id}/replacements'))) return;
  let list;
  try {
    list = await api.get(`/api/draws/${d.id}/replacements`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return;
    box.append(h('p', { class: 'msg msg-error' }, `更换记录加载失败：${errorText(err)}`));
    return;
  }
  box.append(h('h3', { class: 'sub-title' }, `执法人员更换记录（${list.length} 条）`));
  if (!list.length) {
    box.append(h('p', { class: 'muted' }, '没有更换记录。'));
    return;
  }
  box.append(
    h(
      'table',
      { class: 'data-table compact', 'data-role': 'replacements' },
      h('thead', null, h('tr', null, ['序号', '检查对象', '更换下的人员', '替换为', '原因', '说明', '时间'].map((t) => h('th', null, t)))),
      h(
        'tbody',
        null,
        list.map((r) =>
          h(
            'tr',
            null,
            h('td', { class: 'num' }, String(r.seq)),
            h('td', { class: 'mono' }, r.uscc),
            h('td', { class: 'mono' }, r.removedCertNo),
            h('td', null, r.unstaffed ? h('span', { class: 'tag tag-red' }, '未配齐：', label(UNSTAFFED_REASONS, r.unstaffed)) : h('span', { class: 'mono' }, (r.addedCertNos || []).join('、'))),
            h('td', null, label(REPLACEMENT_REASONS, r.reason)),
            h('td', null, r.note || '—'),
            h('td', { class: 'nowrap' }, formatBeijing(r.createdAt), r.createdBy ? h('div', { class: 'sub' }, r.createdBy) : null),
          ),
        ),
      ),
    ),
  );
}

async function publishDraw(d, btn) {
  const ok = await confirmDialog(`公示后，抽取结果、抽中名单、凭证和快照向社会公开，且不能再作废。确定公示 ${state.task.code} 的抽取结果吗？`, { title: '公示抽取结果', okText: '公示' });
  if (!ok) return;
  await withBusy(btn, '正在公示…', async () => {
    try {
      await api.post(`/api/draws/${d.id}/publish`);
      toast('已公示');
      await refresh();
    } catch (err) {
      toast(`公示失败：${errorText(err)}`, 'error');
    }
  });
}

async function supersedeDraw(d) {
  const reason = h('textarea', { name: 'reason', rows: '4', maxlength: '500', placeholder: '如 名录库中一家企业的登记状态录入错误，已更正' });
  const body = h(
    'div',
    null,
    h('p', { class: 'form-intro' }, '作废后该抽取结果仍永久保留（连同作废理由），任务回到第 1 步，须重新冻结数据、公布新的哈希并以新的随机源再次抽取。已公示的结果不能作废。'),
    field('作废理由', reason, { required: true, full: true, id: 'supersede-reason', help: '5–500 个字符，将随抽取记录保存；本任务的抽取结果公示后，作废理由随抽取记录向社会公开' }),
  );
  const done = await openDialog({
    title: `作废抽取 #${d.id}`,
    body,
    danger: true,
    submitText: '作废',
    submit: async () => {
      const text = reason.value.trim();
      if (text.length < 5) throw new Error('请填写作废理由（至少 5 个字符）');
      const ok = await confirmDialog(`确定作废抽取 #${d.id} 吗？此操作不可撤销。`, { title: '确认作废', okText: '确定作废', danger: true });
      if (!ok) throw new Error('已取消作废');
      return api.post(`/api/draws/${d.id}/supersede`, { reason: text });
    },
  });
  if (done && done.id) {
    toast(`已作废抽取 #${d.id}`, 'warning');
    state.selectedDrawId = null;
    await refresh();
  }
}

function downloads(d) {
  const code = safeName(state.task.code);
  return h(
    'div',
    { class: 'downloads', 'data-role': 'downloads' },
    h('span', { class: 'downloads-label' }, '下载：'),
    downloadButton({ text: '快照', role: 'download-snapshot', path: `/api/commitments/${d.commitmentId}/snapshot.txt.gz`, fallbackName: `${code}-snapshot.txt.gz` }),
    downloadButton({ text: '结果', role: 'download-result', path: `/api/draws/${d.id}/result.txt.gz`, fallbackName: `${code}-result.txt.gz` }),
    h('button', { type: 'button', class: 'btn', 'data-role': 'download-receipt', onclick: () => saveJson(d.receipt, `${code}-receipt.json`) }, '凭证（JSON）'),
    downloadButton({ text: '抽中名单（按任务）', role: 'export-task', path: `/api/draws/${d.id}/export.xlsx`, query: { by: 'task' }, fallbackName: `${code}-抽中名单.xlsx`, template: '/api/draws/{id}/export.xlsx' }),
    downloadButton({ text: '按部门', role: 'export-department', path: `/api/draws/${d.id}/export.xlsx`, query: { by: 'department' }, fallbackName: `${code}-按部门.xlsx`, template: '/api/draws/{id}/export.xlsx' }),
    downloadButton({ text: '按执法人员', role: 'export-inspector', path: `/api/draws/${d.id}/export.xlsx`, query: { by: 'inspector' }, fallbackName: `${code}-按执法人员.xlsx`, template: '/api/draws/{id}/export.xlsx' }),
    downloadButton({ text: '排除名单', role: 'export-exclusions', path: `/api/draws/${d.id}/exclusions.xlsx`, fallbackName: `${code}-排除名单.xlsx`, template: '/api/draws/{id}/exclusions.xlsx' }),
  );
}

function step3() {
  const s = state.task.status;
  const d = shownDraw();
  if (!d) return stepPanel(3, '结果与公示', 'todo', h('p', { class: 'muted' }, '抽取后在这里核对结果：分层样本量、抽中的检查对象和检查组；确认无误后公示，或说明理由作废。'));
  const st = d.status === 'superseded' || (s !== 'drawn' && s !== 'published') ? 'todo' : s === 'published' ? 'done' : 'current';
  const counts = d.counts || {};
  const actions = h('div', { class: 'result-actions' });
  if (d.status === 'active') {
    const pub = h('button', { type: 'button', class: 'btn btn-primary', 'data-role': 'publish' }, '公示');
    pub.addEventListener('click', () => void publishDraw(d, pub));
    actions.append(pub, h('button', { type: 'button', class: 'btn btn-danger', 'data-role': 'supersede', onclick: () => void supersedeDraw(d) }, '作废'));
  } else if (d.status === 'published') {
    actions.append(h('a', { class: 'btn btn-primary', href: `/draw.html?id=${d.id}`, target: '_blank', rel: 'noopener', 'data-role': 'public-link' }, '查看公开页面 →'));
  }
  const banner =
    d.status === 'superseded'
      ? h('div', { class: 'msg msg-error', 'data-role': 'viewing-superseded' }, h('div', { class: 'msg-title' }, `正在查看已作废的抽取 #${d.id}`), `作废理由：${d.supersededReason || '—'}（${formatBeijing(d.supersededAt)}）`, liveDraw() || state.task.status === 'draft' ? h('button', { type: 'button', class: 'link-btn', onclick: () => { state.selectedDrawId = null; render(); } }, '返回当前任务') : null)
      : null;
  const listBox = h('div', { 'data-role': 'inspections' });
  const logBox = h('div', { 'data-role': 'replacement-log' });
  const panel = stepPanel(
    3,
    '结果与公示',
    st,
    banner,
    h(
      'div',
      { class: 'result-head' },
      h('div', null, h('strong', null, `抽取 #${d.id}`), ' ', statusTag(DRAW_STATUSES, d.status, 'draw-status'), h('span', { class: 'muted' }, ` 抽取于 ${formatBeijing(d.createdAt)}，操作人 ${d.createdBy}`), d.publishedAt ? h('span', { class: 'muted' }, `，公示于 ${formatBeijing(d.publishedAt)}`) : null),
      actions,
    ),
    statCards([
      { label: '抽中检查对象（户）', value: formatCount(counts.inspections + (counts.unstaffed || 0)), role: 'count-drawn' },
      { label: '已配齐检查组', value: formatCount(counts.inspections), role: 'count-inspections', tone: 'green' },
      { label: '未能配齐检查组', value: formatCount(counts.unstaffed), role: 'count-unstaffed', tone: counts.unstaffed ? 'red' : undefined },
      { label: '不予抽取的情形', value: formatCount(counts.exclusions), role: 'count-exclusions' },
    ]),
    kvGrid([
      ['快照哈希', h('code', { class: 'mono break' }, d.receipt && d.receipt.snapshotHash)],
      ['随机种子', h('code', { class: 'mono break' }, d.seed)],
      ['结果哈希', h('span', null, h('code', { class: 'mono break', 'data-role': 'result-hash' }, d.resultHash), ' ', copyButton(d.resultHash, '结果哈希'))],
      ['算法版本', h('code', { class: 'mono' }, d.algorithm)],
    ]),
    downloads(d),
    h('h3', { class: 'sub-title' }, '分层抽样'),
    h('p', { class: 'form-note' }, '每个事项按信用等级分层；样本量 = ⌈合格对象数 × 抽查比例⌉。“排除”是不予抽取的情形（注销吊销、包容期观察期、本年度次数已满等），可下载排除名单查看原因。'),
    h('div', { class: 'table-wrap' }, strataTable(d.strata)),
    h('h3', { class: 'sub-title' }, '抽中的检查对象和检查组'),
    listBox,
    logBox,
  );
  void inspectionsSection(d, listBox, logBox).catch((err) => listBox.append(h('p', { class: 'msg msg-error' }, errorText(err))));
  void loadReplacements(d, logBox);
  return panel;
}

/* ------------------------------------------------------------ history */

function history() {
  const shown = shownDraw();
  const draws = h(
    'table',
    { class: 'data-table compact', 'data-role': 'draw-history' },
    h('thead', null, h('tr', null, ['抽取', '时间', '操作人', '状态', '随机种子', '结果哈希', '作废理由 / 公示', ''].map((t) => h('th', null, t)))),
    h(
      'tbody',
      null,
      state.draws.length
        ? state.draws.map((d) =>
            h(
              'tr',
              { 'data-draw': String(d.id), 'data-status': d.status, class: shown && shown.id === d.id ? 'row-selected' : undefined },
              h('td', { class: 'nowrap' }, `#${d.id}`),
              h('td', { class: 'nowrap' }, formatBeijing(d.createdAt)),
              h('td', null, d.createdBy),
              h('td', null, statusTag(DRAW_STATUSES, d.status)),
              h('td', { class: 'mono', title: d.seed }, shortHash(d.seed)),
              h('td', { class: 'mono', title: d.resultHash }, shortHash(d.resultHash)),
              h('td', null, d.status === 'superseded' ? h('span', { class: 'reason-text' }, d.supersededReason, h('div', { class: 'sub' }, `作废于 ${formatBeijing(d.supersededAt)}`)) : d.publishedAt ? `公示于 ${formatBeijing(d.publishedAt)}` : '—'),
              h('td', { class: 'actions' }, shown && shown.id === d.id ? h('span', { class: 'muted' }, '正在查看') : h('button', { type: 'button', class: 'link-btn', 'data-role': 'view-draw', onclick: () => { state.selectedDrawId = d.id; render(); document.querySelector('[data-role=step-3]').scrollIntoView({ behavior: 'smooth' }); } }, '查看')),
            ),
          )
        : h('tr', { class: 'empty-row' }, h('td', { colspan: '8' }, '尚未抽取')),
    ),
  );
  const commits = h(
    'table',
    { class: 'data-table compact', 'data-role': 'commitment-history' },
    h('thead', null, h('tr', null, ['承诺', '公布时间', '快照哈希', '检查对象', '状态', ''].map((t) => h('th', null, t)))),
    h(
      'tbody',
      null,
      state.commitments.length
        ? state.commitments.map((c) =>
            h(
              'tr',
              null,
              h('td', null, `#${c.id}`),
              h('td', { class: 'nowrap' }, formatBeijing(c.committedAt)),
              h('td', { class: 'mono', title: c.snapshotHash }, shortHash(c.snapshotHash), ' ', copyButton(c.snapshotHash, '快照哈希')),
              h('td', { class: 'num' }, formatCount(c.counts && c.counts.enterprises)),
              h('td', null, statusTag(COMMITMENT_STATUSES, c.status)),
              h('td', { class: 'actions' }, downloadButton({ text: '快照', role: 'download-old-snapshot', path: `/api/commitments/${c.id}/snapshot.txt.gz`, fallbackName: safeName(`${state.task.code}-snapshot-${c.id}.txt.gz`) })),
            ),
          )
        : h('tr', { class: 'empty-row' }, h('td', { colspan: '6' }, '尚未冻结数据')),
    ),
  );
  return h(
    'section',
    { class: 'panel', 'data-role': 'history' },
    h('h2', null, '抽取记录'),
    h('p', { class: 'muted' }, '本任务的每一次抽取（包括已作废的及其理由）和每一次数据冻结都永久保留。'),
    h('div', { class: 'table-wrap' }, draws),
    h('h3', { class: 'sub-title' }, '数据冻结（承诺）记录'),
    h('div', { class: 'table-wrap' }, commits),
  );
}

/* ------------------------------------------------------------ render */

function render() {
  clear(root);
  const t = state.task;
  const titleEl = document.querySelector('.page-title h1');
  titleEl.textContent = `${t.code}${t.title ? ` ${t.title}` : ''}`;
  document.title = `${t.code} - 双随机、一公开 抽查系统`;
  root.append(
    h('p', { class: 'breadcrumb' }, h('a', { href: '/office/plans.html' }, '年度抽查计划'), ' › ', h('a', { href: `/office/plan.html?id=${state.plan.id}` }, state.plan.title), ' › ', t.code),
    taskInfo(),
    stepper(),
    step1(),
    step2(),
    step3(),
    history(),
  );
}

if (shell) {
  const { main, isOffice } = shell;
  pageMessage = h('div', { class: 'msg', hidden: true, 'data-role': 'page-message' });
  root = h('div', { class: 'task-page' });
  main.append(pageMessage, root);
  if (!isOffice) showError(pageMessage, new Error('抽查任务仅政策法规处可以操作。'));
  else if (!Number.isInteger(taskId) || taskId < 1) showError(pageMessage, new Error('缺少任务编号。请从年度抽查计划的任务列表进入。'));
  else {
    try {
      await load();
      render();
    } catch (err) {
      showError(pageMessage, err);
    }
  }
}
