import { api, ApiError, clear, errorText, getSession, h, saveSession, showMessage } from '../api.js';
import { publicShell } from '../layout.js';

const REASONS = {
  expired: ['warning', '登录已失效或尚未登录，请重新登录。'],
  required: ['info', '请先登录后再访问工作台。'],
  logout: ['success', '您已安全退出。'],
};

const main = publicShell({ active: 'login', title: '工作人员登录' });
const params = new URLSearchParams(location.search);

/** Only same-site paths are followed after login. */
function nextUrl() {
  const next = params.get('next') || '';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login.html') ? next : '/office/index.html';
}

const message = h('div', { class: 'msg', hidden: true, 'data-role': 'login-message' });
const username = h('input', { id: 'username', name: 'username', type: 'text', autocomplete: 'username', required: true, maxlength: '64' });
const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: '200' });
const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, '登录');
const form = h(
  'form',
  { class: 'login-form', novalidate: true },
  h('div', { class: 'field' }, h('label', { for: 'username', class: 'label' }, '用户名'), username),
  h('div', { class: 'field' }, h('label', { for: 'password', class: 'label' }, '密码'), password),
  submit,
);

main.append(
  h(
    'div',
    { class: 'login-wrap' },
    h('section', { class: 'login-card' }, h('h1', null, '工作人员登录'), h('p', { class: 'muted' }, '政策法规处（联席会议办公室）及执法检查人员使用'), message, form),
  ),
);

const reason = REASONS[params.get('reason')];
if (reason) showMessage(message, reason[0], reason[1]);

const existing = getSession();
if (existing && !params.get('reason')) {
  clear(message);
  const u = existing.user || {};
  showMessage(message, 'info', `您已以 ${u.displayName || u.username} 的身份登录。`);
  message.append(h('a', { href: nextUrl() }, '进入工作台 →'));
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const u = username.value.trim();
  const p = password.value;
  if (!u || !p) {
    showMessage(message, 'error', !u ? '请填写用户名' : '请填写密码');
    (!u ? username : password).focus();
    return;
  }
  submit.disabled = true;
  submit.textContent = '登录中…';
  try {
    const res = await api.post('/api/auth/login', { username: u, password: p }, { auth: false, redirectOn401: false });
    saveSession({ token: res.token, expiresAt: res.expiresAt, user: res.user });
    location.assign(nextUrl());
  } catch (err) {
    const text = err instanceof ApiError && err.status === 401 ? err.message || '用户名或密码错误' : errorText(err);
    showMessage(message, 'error', text, err instanceof ApiError ? err.fieldErrors.map((d) => d.message) : []);
    password.select();
  } finally {
    submit.disabled = false;
    submit.textContent = '登录';
  }
});

username.focus();
