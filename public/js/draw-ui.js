/**
 * Building blocks of the draw pages: status tags, the hash box with its copy button, key/value
 * grids, a modal form dialog, download buttons that disappear when the server has no such
 * endpoint, and reading the header line of a gzipped snapshot in the browser.
 */
import { ApiError, api, download, errorText, getSession, h, saveBlob, showError, showMessage, toast, withBusy } from './api.js';
import { TIER_HINTS, TIER_NAMES, describeTierRatio, describeTierRounds, formatBp, statusOf } from './draw-labels.js';

let dialogSeq = 0;

export function statusTag(map, code, role) {
  const [text, cls] = statusOf(map, code);
  return h('span', { class: `tag ${cls}`, 'data-role': role, 'data-status': code }, text);
}

/** Copies a text to the clipboard (falls back to a selected text area where the Clipboard API is missing). */
export async function copyText(text) {
  try {
    if (window.navigator.clipboard && window.isSecureContext) {
      await window.navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    /* fall back */
  }
  const area = h('textarea', { class: 'sr-only', readonly: true });
  area.value = text;
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

export function copyButton(text, what = '内容') {
  return h(
    'button',
    {
      type: 'button',
      class: 'btn btn-small',
      'data-role': 'copy',
      title: `复制${what}`,
      onclick: async () => {
        const ok = await copyText(text);
        toast(ok ? `已复制${what}` : '复制失败，请手动选择文字复制', ok ? 'success' : 'error');
      },
    },
    '复制',
  );
}

/** A prominent hash: label, the 64 hex digits in monospace, a copy button. */
export function hashBox({ label, hash, role, note }) {
  return h(
    'div',
    { class: 'hash-box', 'data-role': role },
    h('div', { class: 'hash-label' }, label),
    h('div', { class: 'hash-row' }, h('code', { class: 'hash-value', 'data-role': role ? `${role}-value` : undefined }, hash || '—'), hash ? copyButton(hash, label) : null),
    note ? h('div', { class: 'hash-note' }, note) : null,
  );
}

/** A grid of [label, value] pairs; a value may be a node. */
export function kvGrid(rows, cls) {
  return h(
    'dl',
    { class: ['kv', cls] },
    rows.filter(Boolean).map(([k, v, role]) => [h('dt', null, k), h('dd', { 'data-role': role }, v === null || v === undefined || v === '' ? '—' : v)]),
  );
}

/** Small figures side by side: [{ label, value, role, tone }]. */
export function statCards(items) {
  return h(
    'div',
    { class: 'stats' },
    items.map((i) => h('div', { class: ['stat', i.tone && `stat-${i.tone}`] }, h('div', { class: 'stat-value', 'data-role': i.role }, i.value), h('div', { class: 'stat-label' }, i.label))),
  );
}

/**
 * A modal form. `build(ctx)` returns the body nodes; `submit(ctx)` sends it and returns the
 * result (or throws: ApiError messages and field errors go to the message box at the top,
 * plain Errors with a Chinese message too). Resolves with the result, or null when cancelled.
 * ctx: { message, fieldError(name, text) }.
 */
export function openDialog({ title, intro, body, submitText = '保存', danger = false, wide = false, submit }) {
  const n = ++dialogSeq;
  return new Promise((resolve) => {
    const message = h('div', { class: 'msg', hidden: true, 'data-role': 'form-message' });
    const form = h('form', { id: `dlgform-${n}`, novalidate: true }, body);
    const saveBtn = h('button', { type: 'submit', class: danger ? 'btn btn-danger' : 'btn btn-primary', 'data-role': 'save', form: form.id }, submitText);
    const cancelBtn = h('button', { type: 'button', class: 'btn', 'data-role': 'cancel' }, '取消');
    const dlg = h(
      'dialog',
      { class: ['dialog', wide && 'dialog-wide'], 'aria-labelledby': `dlg-t-${n}` },
      h('div', { class: 'dialog-head' }, h('h2', { id: `dlg-t-${n}`, text: title }), h('button', { type: 'button', class: 'dialog-close', 'aria-label': '关闭', onclick: () => close(null) }, '×')),
      h('div', { class: 'dialog-body' }, intro ? h('p', { class: 'form-intro', text: intro }) : null, message, form),
      h('div', { class: 'dialog-foot' }, cancelBtn, saveBtn),
    );
    function close(result) {
      dlg.close();
      dlg.remove();
      resolve(result);
    }
    cancelBtn.addEventListener('click', () => close(null));
    dlg.addEventListener('cancel', (e) => {
      e.preventDefault();
      close(null);
    });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      showMessage(message, 'error', '');
      for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
      for (const el of form.querySelectorAll('.has-error')) el.classList.remove('has-error');
      const old = saveBtn.textContent;
      saveBtn.disabled = true;
      saveBtn.textContent = '提交中…';
      try {
        const result = await submit({ message, form });
        close(result ?? true);
      } catch (err) {
        if (err instanceof ApiError) showError(message, err);
        else showMessage(message, 'error', errorText(err));
        message.scrollIntoView({ block: 'nearest' });
      } finally {
        saveBtn.disabled = false;
        saveBtn.textContent = old;
      }
    });
    document.body.append(dlg);
    dlg.showModal();
    const first = form.querySelector('input:not([disabled]):not([type=hidden]), select, textarea');
    if (first) first.focus();
  });
}

/** A labelled field of a dialog form. */
export function field(label, control, { help, required, full, id } = {}) {
  if (id && control.matches && control.matches('input, select, textarea')) control.id = id;
  return h(
    'div',
    { class: ['field', full && 'field-full', required && 'required'] },
    h('label', { class: 'label', for: id }, label),
    h('div', { class: 'control' }, control),
    help ? h('div', { class: 'field-help' }, help) : null,
  );
}

/* ---------------------------------------------------------------- endpoints */

let docPaths = null;

/**
 * Whether the server documents an endpoint (OpenAPI at /api/docs-json), e.g.
 * endpointExists('/api/draws/{id}/export.xlsx'). True when the document cannot be read,
 * so that a button is shown and hidden only if the endpoint then answers 404.
 */
export async function endpointExists(template) {
  if (!docPaths) {
    docPaths = fetch('/api/docs-json', { headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : null))
      .then((doc) => (doc && doc.paths ? new Set(Object.keys(doc.paths)) : null))
      .catch(() => null);
  }
  const paths = await docPaths;
  return paths ? paths.has(template) : true;
}

/**
 * A download button: fetches with the token (unless auth: false) and saves the file. When the
 * server answers 404 for a missing endpoint the button hides itself. `template` (the OpenAPI
 * path) hides it from the start when the server does not document the endpoint.
 */
export function downloadButton({ text, role, path, query, fallbackName, auth, template, primary }) {
  const btn = h('button', { type: 'button', class: primary ? 'btn btn-primary' : 'btn', 'data-role': role }, text);
  btn.addEventListener('click', () =>
    withBusy(btn, '下载中…', async () => {
      try {
        await download(path, query, fallbackName, { auth });
      } catch (err) {
        if (err instanceof ApiError && err.status === 404 && template) {
          btn.hidden = true;
          toast(`${text}：服务器暂未提供该文件`, 'warning');
        } else {
          toast(`下载失败：${errorText(err)}`, 'error');
        }
      }
    }),
  );
  if (template) {
    btn.hidden = true;
    void endpointExists(template).then((ok) => (btn.hidden = !ok));
  }
  return btn;
}

/** Saves a value as a pretty-printed JSON file. */
export function saveJson(value, name) {
  saveBlob(new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' }), name);
}

/** A file name without characters that file systems refuse. */
export function safeName(name) {
  return String(name).replace(/[\\/:*?"<>|]/g, '_');
}

/* ---------------------------------------------------------------- snapshot header */

/**
 * The first line of a gzipped snapshot (the header: task, matters, seed sources, counts), read
 * in the browser without loading the rest: the download stops after the first line. Null when
 * the browser cannot decompress (no DecompressionStream) or the file is unavailable.
 */
export async function readSnapshotHeader(path, { auth = false } = {}) {
  if (!window.DecompressionStream || !window.TextDecoderStream) return null;
  const headers = {};
  if (auth !== false) {
    const s = getSession();
    if (s) headers.Authorization = `Bearer ${s.token}`;
  }
  let res;
  try {
    res = await fetch(path, { headers });
  } catch {
    return null;
  }
  if (!res.ok || !res.body) return null;
  const reader = res.body.pipeThrough(new window.DecompressionStream('gzip')).pipeThrough(new window.TextDecoderStream()).getReader();
  let text = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (value) text += value;
      const nl = text.indexOf('\n');
      if (nl >= 0) {
        text = text.slice(0, nl);
        break;
      }
      if (done || text.length > 4_000_000) break;
    }
  } catch {
    return null;
  } finally {
    reader.cancel().catch(() => {});
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return null;
  }
}

/** code -> name of the matters (public list). */
export async function matterNames() {
  try {
    const page = await api.get('/api/matters', { pageSize: 500 }, { auth: false });
    return new Map(page.items.map((m) => [m.code, m.name]));
  } catch {
    return new Map();
  }
}

/** "M001 对危险化学品经营监管" chips of matter codes. */
export function matterChips(codes, names) {
  return h(
    'span',
    { class: 'chips' },
    (codes || []).map((c) => h('span', { class: 'chip', title: names && names.get(c) ? `${c} ${names.get(c)}` : c }, names && names.get(c) ? names.get(c) : c)),
  );
}

/* ---------------------------------------------------------------- tier policy */

/** The tier policy as a table: tier, its meaning, ratio rule, rounds rule; the accident rule below. */
export function tierPolicyTable(policy, role = 'tier-policy') {
  return h(
    'div',
    { class: 'tier-policy', 'data-role': role },
    h(
      'table',
      { class: 'data-table compact' },
      h('thead', null, h('tr', null, h('th', null, '信用等级'), h('th', null, '含义'), h('th', null, '抽查比例'), h('th', null, '每年抽查次数'))),
      h(
        'tbody',
        null,
        ['A', 'B', 'C', 'D'].map((t) =>
          h(
            'tr',
            { 'data-tier': t },
            h('td', null, h('span', { class: `tag tier tier-${t.toLowerCase()}` }, TIER_NAMES[t])),
            h('td', null, TIER_HINTS[t]),
            h('td', null, describeTierRatio(policy[t])),
            h('td', null, describeTierRounds(policy[t])),
          ),
        ),
      ),
    ),
    h(
      'p',
      { class: 'form-note' },
      policy.accidentLookbackYears > 0
        ? `近 ${policy.accidentLookbackYears} 年内发生过生产安全事故的企业，按 ${TIER_NAMES[policy.accidentTier] || policy.accidentTier} 抽查（其本身等级更高的除外）。`
        : '不因生产安全事故调整信用等级。',
      '重点监管事项一律按 100% 检查，每年次数不少于事项本身的次数。',
    ),
  );
}

/** The stratum ratio of a matter (ratio 0–1, key supervision) for a tier rule, in basis points (docs §2). */
export function stratumBp(matter, rule) {
  if (matter.keySupervision) return 10000;
  const base = Math.round(Number(matter.samplingRatio) * 10000);
  const r = rule.ratio;
  const bp = r.kind === 'fixed' ? r.bp : Math.ceil((base * r.percent) / 100);
  return Math.min(10000, bp);
}

/** The stratum rounds per year of a matter for a tier rule (docs §2). */
export function stratumRounds(matter, rule) {
  const r = rule.rounds;
  const rounds = r.kind === 'fixed' ? r.perYear : Math.max(1, matter.roundsPerYear + r.delta);
  return matter.keySupervision ? Math.max(rounds, matter.roundsPerYear) : rounds;
}

/** Matter × tier: the ratio and rounds each credit tier gets under a plan's policy. */
export function strataMatrix(matters, policy) {
  return h(
    'table',
    { class: 'data-table compact', 'data-role': 'strata-matrix' },
    h('thead', null, h('tr', null, h('th', null, '事项'), ['A', 'B', 'C', 'D'].map((t) => h('th', { class: 'num' }, TIER_NAMES[t])))),
    h(
      'tbody',
      null,
      matters.map((m) =>
        h(
          'tr',
          null,
          h('td', null, `${m.code} ${m.name}`, m.keySupervision ? h('span', { class: 'tag tag-red' }, '重点监管') : null),
          ['A', 'B', 'C', 'D'].map((t) => h('td', { class: 'num' }, h('strong', null, formatBp(stratumBp(m, policy[t]))), h('div', { class: 'sub' }, `每年 ${stratumRounds(m, policy[t])} 次`))),
        ),
      ),
    ),
  );
}

/** Describes the target filter of a task in words. */
export function describeFilter(task) {
  if (!task.targeted) return '不定向（事项的全部检查对象）';
  const f = task.filter || {};
  const parts = [];
  if (f.regionPrefixes && f.regionPrefixes.length) parts.push(`区划 ${f.regionPrefixes.join('、')}`);
  if (f.industries && f.industries.length) parts.push(`行业 ${f.industries.join('、')}`);
  if (f.tiers && f.tiers.length) parts.push(`信用等级 ${f.tiers.join('、')}`);
  return `定向：${parts.length ? parts.join('；') : '（无限制条件）'}`;
}
