/**
 * A generic paged table over `GET endpoint?page=&pageSize=&<filters>` answering
 * `{ items, total, page, pageSize }`: a filter bar, the table, and paging controls
 * (first/previous/next/last, go to page, page size, "第 x / y 页，共 n 条").
 * The page and filters are kept in the address bar so that a reload or a shared link shows the same rows.
 */
import { api, clear, errorText, h } from './api.js';
import { formatCount } from './labels.js';
import { createLookup } from './lookup.js';

const PAGE_SIZES = [10, 20, 50, 100];

/**
 * opts:
 * - endpoint: '/api/enterprises'
 * - columns: [{ title, render(item) -> Node|string, class? }]
 * - filters: [{ name, label, type: 'text'|'select'|'date'|'lookup', options?: [{value,label}], placeholder?, lookup?: {...} }]
 * - fixedQuery: query values always sent (e.g. { active: true } on the public page)
 * - auth: false to send no token
 * - rowClass(item): extra class of a row
 * - emptyText, pageSize, syncUrl (default true), caption
 */
export class PagedTable {
  constructor(opts) {
    this.opts = opts;
    this.endpoint = opts.endpoint;
    this.columns = opts.columns;
    this.filterDefs = opts.filters || [];
    this.syncUrl = opts.syncUrl !== false;
    this.page = 1;
    this.pageSize = opts.pageSize || 20;
    this.total = 0;
    this.seq = 0;
    this.controls = {};
    this.lookups = {};
    this.listeners = [];

    this.filterBar = this.filterDefs.length ? this.buildFilters() : null;
    this.status = h('div', { class: 'table-status', 'aria-live': 'polite' });
    this.tbody = h('tbody');
    const headRow = h('tr', null, this.columns.map((c) => h('th', { scope: 'col', class: c.class }, c.title)));
    this.table = h('table', { class: 'data-table' }, opts.caption ? h('caption', { class: 'sr-only' }, opts.caption) : null, h('thead', null, headRow), this.tbody);
    this.pager = this.buildPager();
    this.el = h('section', { class: 'paged-table' }, this.filterBar, this.status, h('div', { class: 'table-wrap' }, this.table), this.pager);
    this.readUrl();
  }

  /* ------------------------------------------------------------ filters */

  buildFilters() {
    const form = h('form', { class: 'filter-bar', role: 'search', onsubmit: (e) => { e.preventDefault(); this.page = 1; void this.load(); } });
    for (const f of this.filterDefs) {
      const id = `f-${f.name}`;
      let control;
      if (f.type === 'select') {
        control = h('select', { id, name: f.name }, h('option', { value: '' }, f.allLabel || '全部'), (f.options || []).map((o) => h('option', { value: o.value }, o.label)));
        control.addEventListener('change', () => { this.page = 1; void this.load(); });
      } else if (f.type === 'lookup') {
        const lk = createLookup({ ...f.lookup, id, name: f.name });
        this.lookups[f.name] = lk;
        lk.select.addEventListener('change', () => { this.page = 1; void this.load(); });
        control = lk.select;
        form.append(h('div', { class: 'filter-field filter-lookup' }, h('label', { for: id }, f.label), lk.el));
        this.controls[f.name] = control;
        continue;
      } else {
        control = h('input', { id, name: f.name, type: f.type === 'date' ? 'date' : 'search', placeholder: f.placeholder || '', autocomplete: 'off' });
        if (f.type === 'date') control.addEventListener('change', () => { this.page = 1; void this.load(); });
      }
      this.controls[f.name] = control;
      form.append(h('div', { class: ['filter-field', f.wide && 'filter-wide'] }, h('label', { for: id }, f.label), control));
    }
    form.append(
      h(
        'div',
        { class: 'filter-actions' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, '查询'),
        h('button', { type: 'button', class: 'btn', onclick: () => this.resetFilters() }, '重置'),
      ),
    );
    return form;
  }

  resetFilters() {
    for (const f of this.filterDefs) {
      if (this.lookups[f.name]) this.lookups[f.name].reset();
      else this.controls[f.name].value = f.default ?? '';
    }
    this.page = 1;
    void this.load();
  }

  /** The current filter values (without paging), for exports and links. */
  getFilters() {
    const q = {};
    for (const f of this.filterDefs) {
      const v = this.lookups[f.name] ? this.lookups[f.name].value : this.controls[f.name].value.trim();
      if (v !== '' && v !== undefined) q[f.name] = v;
    }
    return { ...(this.opts.fixedQuery || {}), ...q };
  }

  setFilter(name, value) {
    if (this.lookups[name]) return this.lookups[name].set(value);
    if (this.controls[name]) this.controls[name].value = value ?? '';
    return Promise.resolve();
  }

  /* ------------------------------------------------------------ URL state */

  readUrl() {
    if (!this.syncUrl) return;
    const p = new URLSearchParams(location.search);
    const page = Number(p.get('page'));
    const size = Number(p.get('pageSize'));
    if (Number.isInteger(page) && page >= 1) this.page = page;
    if (PAGE_SIZES.includes(size)) this.pageSize = size;
    this.pendingLookups = [];
    for (const f of this.filterDefs) {
      const v = p.get(f.name);
      if (v === null) {
        if (f.default !== undefined && !this.lookups[f.name]) this.controls[f.name].value = f.default;
        continue;
      }
      if (this.lookups[f.name]) this.pendingLookups.push(this.lookups[f.name].set(v));
      else this.controls[f.name].value = v;
    }
    this.pageSizeSelect.value = String(this.pageSize);
  }

  writeUrl() {
    if (!this.syncUrl) return;
    const p = new URLSearchParams();
    for (const f of this.filterDefs) {
      const v = this.lookups[f.name] ? this.lookups[f.name].value : this.controls[f.name].value.trim();
      if (v !== '' && v !== undefined) p.set(f.name, String(v));
      else if (f.default !== undefined && f.default !== '') p.set(f.name, '');
    }
    if (this.page > 1) p.set('page', String(this.page));
    if (this.pageSize !== (this.opts.pageSize || 20)) p.set('pageSize', String(this.pageSize));
    const qs = p.toString();
    window.history.replaceState(null, '', qs ? `?${qs}` : location.pathname);
  }

  /* ------------------------------------------------------------ pager */

  buildPager() {
    const btn = (role, text, title, go) => h('button', { type: 'button', class: 'btn btn-small', 'data-role': role, title, onclick: () => go() }, text);
    this.firstBtn = btn('first', '« 首页', '第一页', () => this.goto(1));
    this.prevBtn = btn('prev', '‹ 上一页', '上一页', () => this.goto(this.page - 1));
    this.nextBtn = btn('next', '下一页 ›', '下一页', () => this.goto(this.page + 1));
    this.lastBtn = btn('last', '末页 »', '最后一页', () => this.goto(this.pageCount()));
    this.pageInfo = h('span', { class: 'page-info', 'data-role': 'page-info' });
    this.totalInfo = h('span', { class: 'total-info', 'data-role': 'total' });
    this.jumpInput = h('input', { type: 'number', min: '1', class: 'jump-input', 'aria-label': '跳转页码' });
    const jump = h(
      'form',
      { class: 'pager-jump', onsubmit: (e) => { e.preventDefault(); const n = Number(this.jumpInput.value); if (Number.isInteger(n)) this.goto(n); } },
      '跳至', this.jumpInput, '页',
      h('button', { type: 'submit', class: 'btn btn-small' }, '确定'),
    );
    this.pageSizeSelect = h('select', { 'aria-label': '每页条数', 'data-role': 'page-size' }, PAGE_SIZES.map((n) => h('option', { value: String(n) }, `${n} 条/页`)));
    this.pageSizeSelect.addEventListener('change', () => {
      this.pageSize = Number(this.pageSizeSelect.value);
      this.page = 1;
      void this.load();
    });
    return h(
      'nav',
      { class: 'pager', 'aria-label': '分页' },
      this.totalInfo,
      h('span', { class: 'pager-buttons' }, this.firstBtn, this.prevBtn, this.pageInfo, this.nextBtn, this.lastBtn),
      jump,
      this.pageSizeSelect,
    );
  }

  pageCount() {
    return Math.max(1, Math.ceil(this.total / this.pageSize));
  }

  goto(n) {
    const target = Math.min(Math.max(1, n), this.pageCount());
    if (target === this.page) return;
    this.page = target;
    void this.load();
  }

  updatePager() {
    const pages = this.pageCount();
    this.pageInfo.textContent = `第 ${this.page} / ${pages} 页`;
    this.totalInfo.textContent = `共 ${formatCount(this.total)} 条`;
    this.firstBtn.disabled = this.prevBtn.disabled = this.page <= 1;
    this.nextBtn.disabled = this.lastBtn.disabled = this.page >= pages;
    this.jumpInput.max = String(pages);
    this.jumpInput.placeholder = String(this.page);
    this.pageSizeSelect.value = String(this.pageSize);
  }

  /* ------------------------------------------------------------ loading */

  /** Called with each loaded page `{ items, total, page, pageSize }`. */
  onLoad(fn) {
    this.listeners.push(fn);
  }

  async load() {
    if (this.pendingLookups && this.pendingLookups.length) {
      const pending = this.pendingLookups;
      this.pendingLookups = [];
      await Promise.all(pending);
    }
    const mine = ++this.seq;
    this.el.setAttribute('aria-busy', 'true');
    this.table.classList.add('loading');
    this.status.textContent = '正在加载…';
    this.writeUrl();
    try {
      const query = { ...this.getFilters(), page: this.page, pageSize: this.pageSize };
      const result = await api.get(this.endpoint, query, { auth: this.opts.auth });
      if (mine !== this.seq) return;
      this.total = result.total;
      // A page beyond the end (after a filter or a deletion): go to the last page.
      if (!result.items.length && result.total > 0 && this.page > this.pageCount()) {
        this.page = this.pageCount();
        void this.load();
        return;
      }
      this.renderRows(result.items);
      this.updatePager();
      for (const fn of this.listeners) fn(result);
    } catch (err) {
      if (mine !== this.seq) return;
      this.renderError(err);
    } finally {
      if (mine === this.seq) {
        this.el.removeAttribute('aria-busy');
        this.table.classList.remove('loading');
        if (this.status.textContent === '正在加载…') this.status.textContent = '';
      }
    }
  }

  reload() {
    return this.load();
  }

  renderRows(items) {
    clear(this.tbody);
    if (!items.length) {
      this.tbody.append(h('tr', { class: 'empty-row' }, h('td', { colspan: String(this.columns.length) }, this.opts.emptyText || '没有符合条件的记录')));
      return;
    }
    for (const item of items) {
      const cls = this.opts.rowClass ? this.opts.rowClass(item) : '';
      const tr = h('tr', { class: cls || undefined });
      for (const c of this.columns) {
        const v = c.render(item);
        const content = v === null || v === undefined || v === '' ? '—' : v;
        // Long texts (legal basis …) are clamped to a few lines; the full text is in the tooltip.
        const clipped = c.class && c.class.split(' ').includes('clip') && typeof content === 'string' ? h('div', { class: 'clip-inner', title: content }, content) : content;
        tr.append(h('td', { class: c.class, 'data-label': c.title }, clipped));
      }
      this.tbody.append(tr);
    }
  }

  renderError(err) {
    clear(this.tbody);
    this.total = 0;
    this.updatePager();
    const retry = h('button', { type: 'button', class: 'btn btn-small', onclick: () => void this.load() }, '重试');
    const lines = err && err.fieldErrors && err.fieldErrors.length ? err.fieldErrors.map((d) => d.message).join('；') : '';
    this.tbody.append(
      h('tr', { class: 'error-row' }, h('td', { colspan: String(this.columns.length) }, h('span', { class: 'msg-inline msg-error', role: 'alert' }, `加载失败：${errorText(err)}${lines ? `（${lines}）` : ''}`), ' ', retry)),
    );
  }
}
