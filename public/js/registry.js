/**
 * One registry page of the office: the paged, filtered table of `/api/<list>`, a create/edit
 * form (POST / PATCH), 停用 (DELETE, after confirmation) and 启用, and the Excel toolbar.
 */
import { api, confirmDialog, errorText, h, showError, toast } from './api.js';
import { excelToolbar } from './excel.js';
import { openForm } from './form.js';
import { officeShell } from './layout.js';
import { PagedTable } from './table.js';

export function activeTag(item) {
  return item.active ? h('span', { class: 'tag tag-green' }, '启用') : h('span', { class: 'tag tag-gray' }, '已停用');
}

/**
 * cfg: { active, title, subtitle, list, noun, columns ({ title, render, class?, officeOnly? }),
 *        filters (array or async () => array), fields (array or async () => array),
 *        excel?: boolean, describe(item) -> string (for confirmations), rowActions?(item, ctx) -> nodes (office only),
 *        intro?: string, pageSize? }
 */
export async function mountRegistry(cfg) {
  const shell = officeShell({ active: cfg.active, title: cfg.title, subtitle: cfg.subtitle });
  if (!shell) return null;
  const { main, isOffice } = shell;
  const endpoint = `/api/${cfg.list}`;
  const pageMessage = h('div', { class: 'msg', hidden: true, 'data-role': 'page-message' });
  main.append(pageMessage);

  let fieldsCache = null;
  async function fields() {
    if (!fieldsCache) fieldsCache = typeof cfg.fields === 'function' ? await cfg.fields() : cfg.fields;
    return fieldsCache;
  }

  const ctx = { table: null, isOffice, edit, deactivate, reactivate };

  async function create() {
    let f;
    try {
      f = await fields();
    } catch (err) {
      showError(pageMessage, err);
      return;
    }
    const saved = await openForm({ title: `新增${cfg.noun}`, fields: f, intro: cfg.intro, submit: (payload) => api.post(endpoint, payload) });
    if (saved) {
      toast(`已新增${cfg.noun}：${cfg.describe(saved)}`);
      await ctx.table.reload();
    }
  }

  async function edit(item) {
    let f;
    let current;
    try {
      [f, current] = await Promise.all([fields(), api.get(`${endpoint}/${item.id}`)]);
    } catch (err) {
      toast(`无法打开：${errorText(err)}`, 'error');
      return;
    }
    const saved = await openForm({ title: `修改${cfg.noun}：${cfg.describe(current)}`, fields: f, item: current, intro: cfg.intro, submit: (payload) => api.patch(`${endpoint}/${item.id}`, payload) });
    if (saved) {
      toast(`已保存：${cfg.describe(saved)}`);
      await ctx.table.reload();
    }
  }

  async function deactivate(item) {
    const ok = await confirmDialog(`确定停用${cfg.noun}“${cfg.describe(item)}”吗？停用后不再参与抽取，记录仍保留，可随时重新启用。`, { title: `停用${cfg.noun}`, okText: '停用', danger: true });
    if (!ok) return;
    try {
      await api.del(`${endpoint}/${item.id}`);
      toast(`已停用：${cfg.describe(item)}`);
      await ctx.table.reload();
    } catch (err) {
      toast(`停用失败：${errorText(err)}`, 'error');
    }
  }

  async function reactivate(item) {
    try {
      await api.patch(`${endpoint}/${item.id}`, { active: true });
      toast(`已启用：${cfg.describe(item)}`);
      await ctx.table.reload();
    } catch (err) {
      toast(`启用失败：${errorText(err)}`, 'error');
    }
  }

  const columns = cfg.columns.filter((c) => isOffice || !c.officeOnly);
  if (isOffice) {
    columns.push({
      title: '操作',
      class: 'actions',
      render: (item) => {
        const nodes = [
          h('button', { type: 'button', class: 'link-btn', 'data-role': 'edit', onclick: () => void edit(item) }, '编辑'),
          item.active
            ? h('button', { type: 'button', class: 'link-btn danger', 'data-role': 'deactivate', onclick: () => void deactivate(item) }, '停用')
            : h('button', { type: 'button', class: 'link-btn', 'data-role': 'reactivate', onclick: () => void reactivate(item) }, '启用'),
        ];
        if (cfg.rowActions) nodes.push(...cfg.rowActions(item, ctx));
        return h('span', { class: 'row-actions' }, nodes);
      },
    });
  }

  let filters = [];
  try {
    filters = typeof cfg.filters === 'function' ? await cfg.filters() : cfg.filters || [];
  } catch (err) {
    showError(pageMessage, err);
  }
  const table = new PagedTable({
    endpoint,
    columns,
    filters,
    pageSize: cfg.pageSize,
    caption: cfg.title,
    rowClass: (item) => (item.active === false ? 'row-inactive' : ''),
  });
  ctx.table = table;

  const left = h('div', { class: 'toolbar-left' });
  if (isOffice) left.append(h('button', { type: 'button', class: 'btn btn-primary', 'data-role': 'create', onclick: () => void create() }, `＋ 新增${cfg.noun}`));
  const right = cfg.excel
    ? excelToolbar({ list: cfg.list, title: cfg.title, getQuery: () => table.getFilters(), canImport: isOffice, onImported: () => void table.reload() })
    : null;
  main.append(h('div', { class: 'toolbar' }, left, right), table.el);
  await table.load();
  return ctx;
}

/** `[{ value, label }]` of the departments (all of them; inactive ones marked). */
export async function departmentOptions({ activeOnly = false } = {}) {
  const page = await api.get('/api/departments', { pageSize: 500, ...(activeOnly ? { active: true } : {}) });
  return page.items.map((d) => ({ value: d.id, label: d.active ? d.name : `${d.name}（已停用）`, dept: d }));
}

/** `[{ value: code, label }]` of the matters. */
export async function matterOptions() {
  const page = await api.get('/api/matters', { pageSize: 500 });
  return page.items.map((m) => ({ value: m.code, label: `${m.code} ${m.name}`, matter: m }));
}
