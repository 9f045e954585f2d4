/**
 * Shared browser helpers: the session (token in sessionStorage), JSON requests with the
 * bearer token, authenticated downloads, uploads with progress, safe DOM building and
 * message display. Every text that comes from data goes into the DOM as a text node.
 */

const SESSION_KEY = 'ssj.session';

export const PRODUCT_NAME = '双随机、一公开 抽查系统';

export const ROLE_LABELS = { office: '政策法规处', inspector: '执法检查人员' };

/* ---------------------------------------------------------------- session */

/** The signed-in session `{ token, expiresAt, user }`, or null when absent or expired. */
export function getSession() {
  let s = null;
  try {
    s = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
  } catch {
    s = null;
  }
  if (!s || typeof s.token !== 'string') return null;
  if (s.expiresAt && Date.parse(s.expiresAt) <= Date.now()) {
    clearSession();
    return null;
  }
  return s;
}

export function saveSession(session) {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function clearSession() {
  sessionStorage.removeItem(SESSION_KEY);
}

/** The login page, remembering where to come back to and why the user was sent there. */
export function loginUrl(reason) {
  const params = new URLSearchParams();
  if (reason) params.set('reason', reason);
  const here = location.pathname + location.search;
  if (!here.startsWith('/login.html')) params.set('next', here);
  return `/login.html?${params}`;
}

export function redirectToLogin(reason) {
  location.assign(loginUrl(reason));
}

/** The session, or a redirect to the login page (returns null then). */
export function requireLogin() {
  const hadSession = sessionStorage.getItem(SESSION_KEY) !== null;
  const s = getSession();
  if (!s) {
    redirectToLogin(hadSession ? 'expired' : 'required');
    return null;
  }
  return s;
}

/* ---------------------------------------------------------------- errors */

/** An error answer of the API: `{ statusCode, code, message, details? }`. */
export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || defaultMessage(status));
    this.name = 'ApiError';
    this.status = status;
    this.code = (body && body.code) || (status ? `HTTP_${status}` : 'NETWORK');
    this.details = body ? body.details : undefined;
    this.body = body;
  }

  /** Field errors `[{ field, message }]` of a validation failure, else []. */
  get fieldErrors() {
    return Array.isArray(this.details) ? this.details.filter((d) => d && typeof d.message === 'string') : [];
  }
}

function defaultMessage(status) {
  if (!status) return '无法连接服务器，请检查网络后重试';
  if (status === 401) return '请先登录';
  if (status === 403) return '当前账号无权执行此操作';
  if (status === 404) return '请求的资源不存在';
  if (status === 413) return '上传的文件过大';
  if (status >= 500) return '服务器内部错误，请稍后重试或联系管理员';
  return `请求失败（HTTP ${status}）`;
}

/** A readable Chinese message for any error. */
export function errorText(err) {
  if (err instanceof ApiError) return err.message;
  if (err && typeof err.message === 'string' && /[\u4e00-\u9fff]/.test(err.message)) return err.message;
  return '操作失败，请稍后重试';
}

/* ---------------------------------------------------------------- requests */

/** `/api/x` plus a query string of the non-empty values. */
export function buildUrl(path, query) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query || {})) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function authHeaders(auth) {
  const headers = {};
  if (auth === false) return headers;
  const s = getSession();
  if (s) headers.Authorization = `Bearer ${s.token}`;
  return headers;
}

async function readBody(res) {
  const type = res.headers.get('content-type') || '';
  if (!type.includes('json')) return null;
  try {
    return await res.json();
  } catch {
    return null;
  }
}

function handleUnauthorized(res, opts) {
  if (res.status === 401 && opts.redirectOn401 !== false) {
    clearSession();
    redirectToLogin('expired');
  }
}

/**
 * Sends a JSON request. `opts`: query, body, auth (false: no token),
 * redirectOn401 (false: let the caller handle a 401, as the login form does).
 */
export async function request(method, path, opts = {}) {
  const headers = { Accept: 'application/json', ...authHeaders(opts.auth) };
  const init = { method, headers };
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(opts.body);
  }
  let res;
  try {
    res = await fetch(buildUrl(path, opts.query), init);
  } catch {
    throw new ApiError(0, null);
  }
  const body = await readBody(res);
  if (!res.ok) {
    handleUnauthorized(res, opts);
    throw new ApiError(res.status, body);
  }
  return body;
}

export const api = {
  get: (path, query, opts = {}) => request('GET', path, { ...opts, query }),
  post: (path, body, opts = {}) => request('POST', path, { ...opts, body }),
  patch: (path, body, opts = {}) => request('PATCH', path, { ...opts, body }),
  del: (path, opts = {}) => request('DELETE', path, opts),
};

/** The file name of a Content-Disposition header (RFC 5987 `filename*` first). */
export function fileNameFrom(disposition, fallback) {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

/** Saves a Blob under a file name through a temporary link. */
export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/**
 * Downloads a file with the bearer token (fetch + blob), so that protected exports,
 * templates and marked workbooks work from a plain button.
 */
export async function download(path, query, fallbackName, opts = {}) {
  // The token only ever goes to this site, even if a server answer names another address.
  const url = new URL(buildUrl(path, query), location.origin);
  if (url.origin !== location.origin) throw new ApiError(0, { code: 'BAD_URL', message: '下载地址不属于本系统，已拒绝' });
  let res;
  try {
    res = await fetch(url, { headers: authHeaders(opts.auth) });
  } catch {
    throw new ApiError(0, null);
  }
  if (!res.ok) {
    const body = await readBody(res);
    handleUnauthorized(res, opts);
    throw new ApiError(res.status, body);
  }
  const blob = await res.blob();
  const name = fileNameFrom(res.headers.get('content-disposition'), fallbackName);
  saveBlob(blob, name);
  return name;
}

/**
 * Uploads one file as multipart field `file` with XMLHttpRequest, so that the upload can
 * report progress. Callbacks: onProgress(loaded, total), onUploaded() once the bytes are
 * sent and the server is working. Resolves with the parsed JSON body; rejects with ApiError.
 */
export function upload(path, file, { onProgress, onUploaded } = {}) {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadForm(path, form, { onProgress: onProgress && ((loaded, total) => onProgress(loaded, total || file.size)), onUploaded });
}

/**
 * Posts a multipart form (several files and fields) with XMLHttpRequest and upload progress.
 * opts: onProgress(loaded, total), onUploaded(), auth (false: no token; a 401 then does not
 * send the visitor to the login page). Resolves with the parsed JSON body; rejects with ApiError.
 */
export function uploadForm(path, form, { onProgress, onUploaded, auth } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new window.XMLHttpRequest();
    xhr.open('POST', path);
    const headers = { Accept: 'application/json', ...authHeaders(auth) };
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.addEventListener('progress', (e) => {
      if (onProgress) onProgress(e.loaded, e.lengthComputable ? e.total : 0);
    });
    xhr.upload.addEventListener('load', () => {
      if (onUploaded) onUploaded();
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, null)));
    xhr.addEventListener('load', () => {
      let body = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body);
        return;
      }
      if (xhr.status === 401 && auth !== false) {
        clearSession();
        redirectToLogin('expired');
      }
      reject(new ApiError(xhr.status, body));
    });
    xhr.send(form);
  });
}

/* ---------------------------------------------------------------- DOM */

/**
 * Builds an element. Props: class, text, dataset, style (object), on<Event> handlers,
 * boolean and string attributes. Children: nodes, strings (as text), arrays, null.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = Array.isArray(v) ? v.filter(Boolean).join(' ') : v;
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'style') Object.assign(el.style, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'value' || k === 'checked' || k === 'selected' || k === 'disabled' || k === 'hidden') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof window.Node) el.append(c);
    else el.append(document.createTextNode(String(c)));
  }
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/**
 * Shows a message box in `container`: kind is info | success | warning | error.
 * `items` (optional) are extra lines, e.g. field errors.
 */
export function showMessage(container, kind, text, items) {
  clear(container);
  if (!text) {
    container.hidden = true;
    return;
  }
  container.hidden = false;
  container.className = `msg msg-${kind}`;
  container.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  container.append(h('div', { class: 'msg-title', text }));
  if (items && items.length) container.append(h('ul', { class: 'msg-list' }, items.map((i) => h('li', { text: i }))));
}

/** Shows an error (ApiError or other) in a message box, listing field errors if any. */
export function showError(container, err) {
  const items = err instanceof ApiError ? err.fieldErrors.map((d) => (d.field ? `${d.field}：${d.message}` : d.message)) : [];
  showMessage(container, 'error', errorText(err), items);
}

let toastBox = null;

/** A short notice in the corner that fades after a few seconds. */
export function toast(text, kind = 'success') {
  if (!toastBox) {
    toastBox = h('div', { class: 'toasts', 'aria-live': 'polite' });
    document.body.append(toastBox);
  }
  const t = h('div', { class: `toast toast-${kind}`, role: 'status', text });
  toastBox.append(t);
  window.setTimeout(() => t.remove(), kind === 'error' ? 8000 : 4000);
}

/** A modal confirmation; resolves true when the user confirms. */
export function confirmDialog(message, { title = '请确认', okText = '确定', danger = false } = {}) {
  return new Promise((resolve) => {
    const dlg = h('dialog', { class: 'dialog dialog-small', 'aria-label': title });
    const done = (v) => {
      dlg.close();
      dlg.remove();
      resolve(v);
    };
    dlg.append(
      h('div', { class: 'dialog-head' }, h('h2', { text: title })),
      h('div', { class: 'dialog-body' }, h('p', { text: message })),
      h(
        'div',
        { class: 'dialog-foot' },
        h('button', { type: 'button', class: 'btn', onclick: () => done(false) }, '取消'),
        h('button', { type: 'button', class: danger ? 'btn btn-danger' : 'btn btn-primary', 'data-role': 'confirm', onclick: () => done(true) }, okText),
      ),
    );
    dlg.addEventListener('cancel', (e) => {
      e.preventDefault();
      done(false);
    });
    document.body.append(dlg);
    dlg.showModal();
  });
}

/** Runs an async action with a button disabled and a busy label meanwhile. */
export async function withBusy(button, busyText, action) {
  const old = button.textContent;
  button.disabled = true;
  if (busyText) button.textContent = busyText;
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.textContent = old;
  }
}
