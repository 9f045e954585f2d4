/**
 * A search-and-pick control for large lists (inspectors, enterprises): a search box that
 * queries `endpoint?q=` and a select of the matches. Its value is the picked id (a number) or ''.
 */
import { api, clear, errorText, h } from './api.js';

export function createLookup({ endpoint, optionLabel, placeholder = '输入关键字查找', emptyLabel = '（全部）', id, name }) {
  const input = h('input', { type: 'search', class: 'lookup-search', placeholder, 'aria-label': placeholder, autocomplete: 'off' });
  const select = h('select', { class: 'lookup-select', name, id }, h('option', { value: '' }, emptyLabel));
  const hint = h('span', { class: 'lookup-hint', 'aria-live': 'polite' });
  const el = h('span', { class: 'lookup' }, input, select, hint);
  let seq = 0;
  let timer = 0;

  function fill(items, keepValue) {
    const current = keepValue ? select.value : '';
    const currentLabel = keepValue && select.selectedIndex > 0 ? select.options[select.selectedIndex].textContent : '';
    clear(select);
    select.append(h('option', { value: '' }, emptyLabel));
    let kept = false;
    for (const item of items) {
      const v = String(item.id);
      if (v === current) kept = true;
      select.append(h('option', { value: v }, optionLabel(item)));
    }
    if (current && !kept) select.append(h('option', { value: current }, currentLabel));
    select.value = current;
  }

  async function search() {
    const q = input.value.trim();
    const mine = ++seq;
    hint.textContent = '查找中…';
    try {
      const page = await api.get(endpoint, { q, pageSize: 20 });
      if (mine !== seq) return;
      fill(page.items, true);
      hint.textContent = page.total > page.items.length ? `匹配 ${page.total} 条，显示前 ${page.items.length} 条` : `匹配 ${page.total} 条`;
      if (q && page.items.length === 1 && !select.value) {
        select.value = String(page.items[0].id);
        select.dispatchEvent(new window.Event('change', { bubbles: true }));
      }
    } catch (err) {
      if (mine === seq) hint.textContent = errorText(err);
    }
  }

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 250);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      window.clearTimeout(timer);
      void search();
    }
  });

  return {
    el,
    select,
    input,
    get value() {
      return select.value ? Number(select.value) : '';
    },
    /** Shows one record by id (from a URL or a stored value) as the picked option. */
    async set(idValue) {
      if (idValue === '' || idValue === null || idValue === undefined) {
        select.value = '';
        return;
      }
      try {
        const item = await api.get(`${endpoint}/${encodeURIComponent(idValue)}`);
        fill([item], false);
        select.value = String(item.id);
      } catch {
        fill([], false);
        select.append(h('option', { value: String(idValue) }, `编号 ${idValue}`));
        select.value = String(idValue);
      }
    },
    reset() {
      input.value = '';
      hint.textContent = '';
      fill([], false);
    },
  };
}
