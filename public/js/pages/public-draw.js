/**
 * One published draw, for anyone: the task, the receipt (snapshot hash, commitment time, seed
 * values and their sources, seed, result hash, algorithm), the strata, the drawn list, the files,
 * and verification — in this page (upload the files, or one click with the files published here)
 * or on the command line.
 */
import { ApiError, api, clear, download, errorText, h, showError, showMessage, toast, uploadForm, withBusy } from '../api.js';
import { DRAW_STATUSES, SEED_KINDS, TIER_NAMES, UNSTAFFED_REASONS, VERIFY_STEPS, formatBeijing, formatBp, formatSeedValue } from '../draw-labels.js';
import { endpointExists, hashBox, kvGrid, matterChips, matterNames, readSnapshotHeader, safeName, statCards, statusTag } from '../draw-ui.js';
import { formatCount, formatDate, label } from '../labels.js';
import { publicShell } from '../layout.js';
import { PagedTable } from '../table.js';

const main = publicShell({ active: 'draws', title: '抽取结果' });
const drawId = Number(new URLSearchParams(location.search).get('id'));
const pageMessage = h('div', { class: 'msg', hidden: true, 'data-role': 'page-message' });
main.append(h('p', { class: 'breadcrumb' }, h('a', { href: '/draws.html' }, '抽取结果公示'), ' › 抽取结果'), pageMessage);

/* ------------------------------------------------------------ seed, recomputed in the browser */

async function sha256Hex(text) {
  const digest = await window.crypto.subtle.digest('SHA-256', new window.TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The seed material of docs/draw-algorithm.md §4, or null when a source is unknown. */
function seedMaterial(receipt, sources) {
  const byId = new Map(sources.map((s) => [s.id, s]));
  const lines = ['ssj-draw-seed/1', `snapshot:${receipt.snapshotHash}`];
  const values = [...receipt.seedValues].sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0));
  for (const v of values) {
    const s = byId.get(v.sourceId);
    if (!s) return null;
    let canonical;
    if (s.kind === 'lottery') {
      const nums = s.ordered ? [...v.value] : [...v.value].sort((a, b) => a - b);
      canonical = nums.map((n) => `${n}.`).join('');
    } else if (s.kind === 'beacon') canonical = String(v.value).toLowerCase();
    else canonical = String(v.value);
    lines.push(`${v.sourceId}:${canonical}`);
  }
  return `${lines.join('\n')}\n`;
}

async function seedCheck(receipt, sources, box) {
  if (!sources || !window.crypto || !window.crypto.subtle) return;
  const material = seedMaterial(receipt, sources);
  if (!material) return;
  const seed = await sha256Hex(material);
  const ok = seed === receipt.seed;
  box.append(
    h(
      'details',
      { class: 'seed-material' },
      h('summary', null, '随机种子的计算过程 ', ok ? h('span', { class: 'tag tag-green', 'data-role': 'seed-check' }, '本机计算一致') : h('span', { class: 'tag tag-red', 'data-role': 'seed-check' }, '本机计算不一致')),
      h('p', { class: 'form-note' }, '种子 = SHA-256（以下文本，UTF-8，每行以换行结束）。彩票号码每个后加“.”，声明为不按顺序的先按大小排序；信标取小写十六进制。详见 docs/draw-algorithm.md §4。'),
      h('pre', { class: 'code-block' }, material),
      h('p', null, '本机计算的 SHA-256：', h('code', { class: 'mono break' }, seed)),
    ),
  );
}

/* ------------------------------------------------------------ sections */

function receiptSection(d, header) {
  const r = d.receipt;
  // The API answers the declared sources with the draw; the snapshot's first line has them too.
  const sources = Array.isArray(d.seedSources) ? d.seedSources : header && Array.isArray(header.seedSources) ? header.seedSources : null;
  const byId = new Map((sources || []).map((s) => [s.id, s]));
  const committed = Date.parse(r.committedAt);
  const seedBox = h('div');
  const section = h(
    'section',
    { class: 'panel', 'data-role': 'receipt' },
    h('h2', null, '抽取凭证'),
    h('p', { class: 'muted' }, '快照哈希在随机源取值产生之前公布；随机种子由快照哈希和这些取值按公开的规则计算；结果哈希是抽取结果文件的 SHA-256。'),
    hashBox({ label: '快照哈希（SHA-256）', hash: r.snapshotHash, role: 'snapshot-hash', note: ['承诺（公布）时间：', h('strong', { 'data-role': 'committed-at' }, formatBeijing(r.committedAt)), '（北京时间） ', h('code', { class: 'mono muted' }, r.committedAt)] }),
    h('h3', { class: 'sub-title' }, '随机源的取值'),
    h(
      'table',
      { class: 'data-table compact', 'data-role': 'seed-values' },
      h('thead', null, h('tr', null, h('th', null, '随机源'), h('th', null, '取值'), h('th', null, '取值时间'), h('th', null, '晚于承诺时间'))),
      h(
        'tbody',
        null,
        r.seedValues.map((v) => {
          const s = byId.get(v.sourceId);
          const after = Date.parse(v.availableAt) > committed;
          return h(
            'tr',
            null,
            h('td', null, s ? h('span', null, h('span', { class: 'tag tag-blue' }, label(SEED_KINDS, s.kind)), ' ', s.description) : null, h('div', { class: 'sub mono' }, v.sourceId)),
            h('td', { class: 'mono break', 'data-role': 'seed-value' }, formatSeedValue(v.value)),
            h('td', { class: 'nowrap' }, formatBeijing(v.availableAt), h('div', { class: 'sub mono' }, v.availableAt)),
            h('td', null, after ? h('span', { class: 'tag tag-green' }, '是') : h('span', { class: 'tag tag-red' }, '否')),
          );
        }),
      ),
    ),
    hashBox({ label: '随机种子', hash: r.seed, role: 'seed-hash' }),
    seedBox,
    hashBox({ label: '结果哈希（SHA-256）', hash: r.resultHash, role: 'result-hash' }),
    kvGrid([
      ['算法版本', h('code', { class: 'mono', 'data-role': 'algorithm' }, r.algorithm)],
      ['凭证格式', h('code', { class: 'mono' }, r.format)],
    ]),
  );
  void seedCheck(r, sources, seedBox).catch(() => {});
  return section;
}

function strataSection(d, names) {
  const rows = d.strata || [];
  return h(
    'section',
    { class: 'panel' },
    h('h2', null, '分层抽样'),
    h('p', { class: 'muted' }, '每个事项按检查对象的信用等级分层，每层样本量 = ⌈合格对象数 × 抽查比例⌉；比例 100% 的全部检查。“排除”为依法不予抽取的情形（已注销吊销、处于包容期观察期、本年度抽查次数已满等）。'),
    h(
      'div',
      { class: 'table-wrap' },
      h(
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
              h('td', null, h('code', { class: 'mono' }, r.matter), ' ', names.get(r.matter) || ''),
              h('td', null, h('span', { class: `tag tier tier-${String(r.tier).toLowerCase()}` }, TIER_NAMES[r.tier] || r.tier)),
              h('td', { class: 'num' }, formatCount(r.eligible)),
              h('td', { class: 'num' }, formatCount(r.excluded)),
              h('td', { class: 'num' }, formatBp(r.ratioBp)),
              h('td', { class: 'num' }, String(r.roundsPerYear)),
              h('td', { class: 'num' }, h('strong', null, formatCount(r.sampleSize))),
            ),
          ),
        ),
      ),
    ),
  );
}

function listSection(d, names) {
  const table = new PagedTable({
    endpoint: `/api/public/draws/${d.id}/inspections`,
    auth: false,
    syncUrl: false,
    pageSize: 20,
    caption: '抽中的检查对象',
    rowClass: (i) => (i.unstaffedReason ? 'row-unstaffed' : ''),
    columns: [
      { title: '统一社会信用代码', class: 'mono', render: (i) => i.uscc },
      { title: '检查对象', class: 'wide', render: (i) => i.enterpriseName },
      { title: '区划', render: (i) => i.regionCode },
      { title: '检查事项', render: (i) => matterChips(i.matterCodes, names) },
      {
        title: '执法检查人员',
        render: (i) =>
          i.unstaffedReason
            ? h('span', { class: 'tag tag-red' }, '未配齐：', label(UNSTAFFED_REASONS, i.unstaffedReason))
            : h('span', null, (i.team || []).map((m, k) => [k ? '、' : '', m.name, h('span', { class: 'sub mono' }, `（${m.certNo}）`)])),
      },
    ],
    emptyText: '本次未抽中检查对象',
  });
  void table.load();
  return h('section', { class: 'panel', 'data-role': 'drawn-list' }, h('h2', null, '抽中的检查对象及执法检查人员'), table.el);
}

/* ------------------------------------------------------------ the task's record */

function receiptDetails(d) {
  return h(
    'details',
    { class: 'history-receipt' },
    h('summary', null, '凭证'),
    kvGrid(
      [
        ['快照哈希', h('code', { class: 'mono break', 'data-role': 'history-snapshot-hash' }, d.snapshotHash)],
        ['承诺时间', `${formatBeijing(d.committedAt)}（北京时间）`],
        [
          '随机源取值',
          h(
            'ul',
            { class: 'plain-list' },
            ((d.receipt && d.receipt.seedValues) || []).map((v) => {
              const s = (d.seedSources || []).find((x) => x.id === v.sourceId);
              return h('li', null, s ? `${label(SEED_KINDS, s.kind)}“${s.description}”：` : `${v.sourceId}：`, h('code', { class: 'mono break' }, formatSeedValue(v.value)), h('span', { class: 'sub' }, `（${formatBeijing(v.availableAt)}）`));
            }),
          ),
        ],
        ['随机种子', h('code', { class: 'mono break', 'data-role': 'history-seed' }, d.seed)],
        ['结果哈希', h('code', { class: 'mono break', 'data-role': 'history-result-hash' }, d.resultHash)],
        ['算法版本', h('code', { class: 'mono' }, d.algorithm)],
      ],
      'kv-1',
    ),
  );
}

function historyDrawsTable(history, currentId) {
  return h(
    'table',
    { class: 'data-table compact', 'data-role': 'history-draws' },
    h('thead', null, h('tr', null, ['抽取', '状态', '承诺时间', '抽取时间', '作废或公示', '凭证'].map((x) => h('th', null, x)))),
    h(
      'tbody',
      null,
      history.draws.map((d) =>
        h(
          'tr',
          { 'data-draw': String(d.id), 'data-status': d.status, class: d.id === currentId ? 'row-current' : undefined },
          h('td', { class: 'nowrap' }, d.status === 'published' && d.id !== currentId ? h('a', { href: `/draw.html?id=${d.id}` }, `第 ${d.id} 号抽取`) : `第 ${d.id} 号抽取`, d.id === currentId ? h('div', { class: 'sub' }, '即本页') : null),
          h('td', null, statusTag(DRAW_STATUSES, d.status)),
          h('td', { class: 'nowrap' }, formatBeijing(d.committedAt)),
          h('td', { class: 'nowrap' }, formatBeijing(d.drawnAt)),
          h(
            'td',
            null,
            d.status === 'superseded'
              ? h('span', null, h('span', { class: 'nowrap' }, `${formatBeijing(d.supersededAt)} 作废`), h('div', { 'data-role': 'superseded-reason' }, `理由：${d.supersededReason || '—'}`))
              : h('span', { class: 'nowrap' }, `${formatBeijing(d.publishedAt)} 公示`),
          ),
          h('td', null, receiptDetails(d)),
        ),
      ),
    ),
  );
}

function person(p) {
  return h('span', { class: 'nowrap' }, p.name || '', h('span', { class: 'sub mono' }, `（${p.certNo}）`));
}

function replacementsTable(history) {
  if (!history.replacements.length) return h('p', { class: 'muted', 'data-role': 'no-replacements' }, '抽取后没有更换执法检查人员。');
  return h(
    'table',
    { class: 'data-table compact', 'data-role': 'public-replacements' },
    h('thead', null, h('tr', null, ['序号', '检查对象', '换下', '换上', '原因', '时间'].map((x) => h('th', null, x)))),
    h(
      'tbody',
      null,
      history.replacements.map((r) =>
        h(
          'tr',
          { 'data-seq': String(r.seq), 'data-reason': r.reason },
          h('td', { class: 'num' }, String(r.seq)),
          h('td', null, r.enterpriseName || '', h('div', { class: 'sub mono' }, r.uscc)),
          h('td', null, person(r.removed)),
          h('td', null, r.added.length ? r.added.map((a, i) => [i ? '、' : '', person(a)]) : h('span', { class: 'tag tag-red' }, '未能补足：', label(UNSTAFFED_REASONS, r.unstaffed))),
          h('td', null, r.label),
          h('td', { class: 'nowrap' }, formatBeijing(r.createdAt)),
        ),
      ),
    ),
  );
}

function historySection(d) {
  const box = h('div', null, h('p', { class: 'muted' }, '正在加载…'));
  const section = h(
    'section',
    { class: 'panel', id: 'history', 'data-role': 'public-history' },
    h('h2', null, '本任务的抽取记录'),
    h('p', { class: 'muted' }, '本任务的每一次抽取都保留在记录中，包括公示前作废的抽取及其作废理由；每次抽取都有自己的承诺（快照哈希）和凭证。抽取后更换执法检查人员按公布的规则进行，逐条记录。'),
    box,
  );
  void api
    .get(`/api/public/tasks/${d.taskId}/history`, {}, { auth: false })
    .then((history) => {
      clear(box);
      const withdrawn = history.commitments.filter((c) => c.status === 'withdrawn').length;
      const parts = [
        h('div', { class: 'table-wrap' }, historyDrawsTable(history, d.id)),
        withdrawn ? h('p', { class: 'form-note', 'data-role': 'withdrawn-commitments' }, `另有 ${withdrawn} 次承诺在抽取前撤回，未用于抽取（见“抽取结果公示”页的抽取承诺）。`) : null,
        h('h3', { class: 'sub-title' }, '更换执法检查人员记录'),
        h('div', { class: 'table-wrap' }, replacementsTable(history)),
      ];
      box.append(...parts.filter(Boolean));
      if (location.hash === '#history') section.scrollIntoView();
    })
    .catch((err) => {
      clear(box);
      box.append(h('p', { class: 'msg msg-error', role: 'alert' }, `加载抽取记录失败：${errorText(err)}`));
    });
  return section;
}

function fileButton(text, role, path, name) {
  const btn = h('a', { class: 'btn', href: path, download: name, 'data-role': role }, text);
  btn.addEventListener('click', (e) => {
    e.preventDefault();
    void withBusy(btn, '下载中…', async () => {
      try {
        await download(path, {}, name, { auth: false });
      } catch (err) {
        toast(`下载失败：${errorText(err)}`, 'error');
      }
    });
  });
  return btn;
}

/* ------------------------------------------------------------ verification */

function showVerification(box, report) {
  clear(box);
  box.hidden = false;
  if (report.match) {
    box.className = 'verify-result verify-ok';
    box.append(
      h('div', { class: 'verify-verdict', 'data-role': 'verdict' }, '✓ 一致'),
      h('p', null, '用凭证和快照重新计算的随机种子和抽取结果，与公布的结果完全一致。'),
      kvGrid([
        ['任务编号', report.taskCode],
        ['快照哈希', h('code', { class: 'mono break' }, report.snapshotHash)],
        ['随机种子', h('code', { class: 'mono break' }, report.seed)],
        ['结果哈希', h('code', { class: 'mono break' }, report.resultHash)],
        ['检查对象', `已配齐检查组 ${formatCount(report.inspections)} 户，未配齐 ${formatCount(report.unstaffed)} 户`],
      ], 'kv-1'),
    );
    return;
  }
  const diff = report.difference || {};
  box.className = 'verify-result verify-bad';
  box.append(
    h('div', { class: 'verify-verdict', 'data-role': 'verdict' }, '✗ 不一致'),
    h('p', { class: 'verify-message' }, diff.message || '重新计算的结果与公布的不一致'),
    kvGrid([
      ['不一致之处', `${label(VERIFY_STEPS, diff.step)}${diff.line ? `（第 ${diff.line} 行）` : ''}`],
      ['公布的', h('code', { class: 'mono break' }, diff.claimed)],
      ['重新计算的', h('code', { class: 'mono break' }, diff.recomputed)],
    ], 'kv-1'),
  );
}

function verifySection(d) {
  const code = safeName(d.taskCode);
  const names = { receipt: `${code}-receipt-${d.id}.json`, snapshot: `${code}-snapshot.txt.gz`, result: `${code}-result.txt.gz` };
  const result = h('div', { class: 'verify-result', hidden: true, 'data-role': 'verify-result', 'aria-live': 'polite' });
  const message = h('div', { class: 'msg', hidden: true, 'data-role': 'verify-message' });
  const progress = h('progress', { class: 'progress', max: '100' });
  const progressText = h('span', { class: 'progress-text' });
  const progressBox = h('div', { class: 'progress-box', hidden: true }, progress, progressText);
  const setProgress = (text, pct) => {
    progressBox.hidden = false;
    progressText.textContent = text;
    if (pct === null) progress.removeAttribute('value');
    else progress.value = pct;
  };

  async function run(form) {
    result.hidden = true;
    showMessage(message, 'error', '');
    try {
      const report = await uploadForm('/api/verify', form, {
        auth: false,
        onProgress: (loaded, total) => setProgress(total ? `正在上传 ${Math.round((loaded / total) * 100)}%` : '正在上传…', total ? Math.round((loaded / total) * 100) : null),
        onUploaded: () => setProgress('服务器正在重新计算…', null),
      });
      progressBox.hidden = true;
      showVerification(result, report);
    } catch (err) {
      progressBox.hidden = true;
      if (err instanceof ApiError && err.status === 404) showMessage(message, 'warning', '本站的在线验证服务暂未开放，请使用下方的命令行验证。');
      else showError(message, err);
    }
  }

  async function fetchFile(path, name, what) {
    setProgress(`正在下载${what}…`, null);
    let res;
    try {
      res = await fetch(path);
    } catch {
      throw new ApiError(0, null);
    }
    if (!res.ok) throw new ApiError(res.status, { message: `${what}下载失败（HTTP ${res.status}）` });
    return new window.File([await res.blob()], name);
  }

  const oneClick = h('button', { type: 'button', class: 'btn btn-primary', 'data-role': 'verify-published' }, '用本站公布的文件验证');
  oneClick.addEventListener('click', () =>
    withBusy(oneClick, '验证中…', async () => {
      try {
        const form = new FormData();
        form.append('receipt', await fetchFile(`/api/public/draws/${d.id}/receipt.json`, names.receipt, '凭证'), names.receipt);
        form.append('snapshot', await fetchFile(`/api/public/draws/${d.id}/snapshot.txt.gz`, names.snapshot, '快照'), names.snapshot);
        form.append('result', await fetchFile(`/api/public/draws/${d.id}/result.txt.gz`, names.result, '结果'), names.result);
        await run(form);
      } catch (err) {
        progressBox.hidden = true;
        showError(message, err);
      }
    }),
  );

  const fileIn = (name, text, accept, required) =>
    h('label', { class: 'file-field' }, h('span', { class: 'mini-label' }, text, required ? h('span', { class: 'req-mark' }, ' *') : null), h('input', { type: 'file', name, accept, 'data-role': `file-${name}` }));
  const receiptIn = fileIn('receipt', '凭证（.json）', '.json,application/json', true);
  const snapshotIn = fileIn('snapshot', '快照（.txt.gz 或 .txt）', '.gz,.txt', true);
  const resultIn = fileIn('result', '结果（可选，逐行核对）', '.gz,.txt', false);
  const uploadBtn = h('button', { type: 'submit', class: 'btn', 'data-role': 'verify-upload' }, '上传并验证');
  const verifyForm = h('form', { class: 'verify-upload' }, h('div', { class: 'file-fields' }, receiptIn, snapshotIn, resultIn), uploadBtn);
  verifyForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const file = (l) => l.querySelector('input').files[0];
    if (!file(receiptIn) || !file(snapshotIn)) {
      showMessage(message, 'error', '请选择凭证文件和快照文件（结果文件可选）');
      return;
    }
    const form = new FormData();
    form.append('receipt', file(receiptIn));
    form.append('snapshot', file(snapshotIn));
    if (file(resultIn)) form.append('result', file(resultIn));
    void withBusy(uploadBtn, '验证中…', () => run(form));
  });

  const online = h(
    'div',
    { class: 'verify-online', hidden: true },
    h('div', { class: 'verify-row' }, oneClick, h('span', { class: 'muted' }, '下载本页公布的凭证、快照和结果，交给本站的验证服务重新计算。')),
    h('details', { class: 'verify-own' }, h('summary', null, '上传自己保存的文件验证'), verifyForm),
    progressBox,
    message,
    result,
  );
  const offline = h('p', { class: 'msg msg-info', hidden: true, 'data-role': 'verify-offline' }, '本站的在线验证服务暂未开放，请下载文件后用命令行验证。');
  void endpointExists('/api/verify').then((ok) => {
    online.hidden = !ok;
    offline.hidden = ok;
  });

  return h(
    'section',
    { class: 'panel', id: 'verify', 'data-role': 'verify' },
    h('h2', null, '验证'),
    h('p', null, '验证会重新计算：快照的 SHA-256 是否等于事先公布的快照哈希；随机种子是否由快照哈希和随机源的取值按规则得出（取值时间须晚于承诺时间）；用快照和种子重新抽取，结果是否与公布的完全一致。'),
    h(
      'div',
      { class: 'downloads' },
      h('span', { class: 'downloads-label' }, '公布的文件：'),
      fileButton('凭证 receipt.json', 'download-receipt', `/api/public/draws/${d.id}/receipt.json`, names.receipt),
      fileButton('快照 snapshot.txt.gz', 'download-snapshot', `/api/public/draws/${d.id}/snapshot.txt.gz`, names.snapshot),
      fileButton('结果 result.txt.gz', 'download-result', `/api/public/draws/${d.id}/result.txt.gz`, names.result),
    ),
    online,
    offline,
    h('h3', { class: 'sub-title' }, '用命令行验证'),
    h('p', { class: 'muted' }, '下载上面三个文件，在本系统的源代码目录中运行下面的命令（文件名换成实际保存的文件名；结果文件可省略）。也可以按 docs/draw-algorithm.md 用其他语言自行实现验证程序。'),
    h('pre', { class: 'code-block', 'data-role': 'cli' }, 'npm run verify -- receipt.json snapshot.txt.gz result.txt.gz'),
  );
}

/* ------------------------------------------------------------ page */

if (!Number.isInteger(drawId) || drawId < 1) {
  showError(pageMessage, new Error('缺少抽取结果编号。请从“抽取结果公示”列表进入。'));
} else {
  try {
    const [d, names] = await Promise.all([api.get(`/api/public/draws/${drawId}`, {}, { auth: false }), matterNames()]);
    document.title = `${d.taskCode} 抽取结果 - 双随机、一公开 抽查系统`;
    const header = await readSnapshotHeader(`/api/public/draws/${drawId}/snapshot.txt.gz`);
    const counts = d.counts || {};
    const parts = [
      h(
        'div',
        { class: 'page-title' },
        h('h1', { 'data-role': 'task-code' }, `${d.taskCode} 抽取结果`),
        h('p', { class: 'page-sub' }, [d.taskTitle, d.office].filter(Boolean).join(' · '), d.planId ? [' · ', h('a', { href: `/plan.html?id=${d.planId}`, 'data-role': 'plan-link' }, `${d.year} 年度抽查计划`)] : null),
      ),
      d.supersededDraws > 0
        ? h('div', { class: 'msg msg-warning', 'data-role': 'superseded-note' }, h('div', { class: 'msg-title' }, `本任务此前有 ${d.supersededDraws} 次抽取在公示前被作废。`), '作废须说明理由，作废的抽取及其理由永久保留在记录中（见下方“本任务的抽取记录”）；本页公示的是最终有效的抽取。')
        : null,
      h(
        'section',
        { class: 'panel' },
        kvGrid([
          ['任务编号', d.taskCode],
          ['机关', d.office],
          ['年度 / 轮次', `${d.year} 年第 ${d.round} 轮`],
          ['检查期间', `${formatDate(d.windowStart)} 至 ${formatDate(d.windowEnd)}`],
          ['公示时间', `${formatBeijing(d.publishedAt)}（北京时间）`],
          header && header.task ? ['抽查方式', `${header.task.targeted ? '定向抽查' : '不定向抽查'}${header.task.joint ? '，联合抽查' : ''}，每组 ${header.task.teamSize} 人`] : null,
        ]),
        statCards([
          { label: '抽中检查对象（户）', value: formatCount((counts.inspections || 0) + (counts.unstaffed || 0)), role: 'count-drawn' },
          { label: '已配齐检查组', value: formatCount(counts.inspections), role: 'count-inspections', tone: 'green' },
          { label: '未能配齐检查组', value: formatCount(counts.unstaffed), role: 'count-unstaffed', tone: counts.unstaffed ? 'red' : undefined },
          { label: '冻结时的检查对象', value: header && header.counts ? formatCount(header.counts.enterprises) : '—', role: 'count-enterprises' },
        ]),
      ),
      receiptSection(d, header),
      strataSection(d, names),
      listSection(d, names),
      historySection(d),
      verifySection(d),
    ];
    main.append(...parts.filter(Boolean));
  } catch (err) {
    showError(pageMessage, err);
  }
}
