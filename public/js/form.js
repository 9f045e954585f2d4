/**
 * Create/edit forms in a modal dialog. The server's validation answer
 * `{ code: 'VALIDATION_FAILED', details: [{ field, message }] }` is shown under each field,
 * and any other error (duplicate key, unknown department …) at the top of the form.
 */
import { ApiError, clear, errorText, h, showMessage } from './api.js';
import { joinList, parsePercent, ratioToPercentInput, splitList } from './labels.js';
import { createLookup } from './lookup.js';

let formSeq = 0;

/**
 * A field: { name, label, type, required?, options?, placeholder?, help?, full?, nullable?,
 *            createOnly?, numeric?, lookup?, min?, max? }
 * type: text | textarea | int | percent | checkbox | select | date | list | multi | lookup
 */
function buildControl(f, id) {
  const common = { id, name: f.name, 'aria-describedby': `${id}-err ${id}-help` };
  switch (f.type) {
    case 'textarea':
      return h('textarea', { ...common, rows: f.rows || 3, placeholder: f.placeholder });
    case 'int':
      return h('input', { ...common, type: 'number', step: '1', min: f.min, max: f.max, placeholder: f.placeholder, inputmode: 'numeric' });
    case 'percent':
      return h('span', { class: 'input-suffix' }, h('input', { ...common, type: 'text', inputmode: 'decimal', placeholder: f.placeholder || '如 20', class: 'input-short' }), h('span', { class: 'suffix' }, '%'));
    case 'checkbox':
      return h('input', { ...common, type: 'checkbox' });
    case 'select':
      return h('select', common, f.required ? h('option', { value: '' }, '请选择') : h('option', { value: '' }, f.emptyLabel || '（不填）'), (f.options || []).map((o) => h('option', { value: String(o.value) }, o.label)));
    case 'date':
      return h('input', { ...common, type: 'date' });
    case 'multi':
      return h(
        'fieldset',
        { class: 'check-group', id, 'aria-describedby': common['aria-describedby'] },
        h('legend', { class: 'sr-only' }, f.label),
        (f.options || []).map((o) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: f.name, value: String(o.value) }), o.label)),
      );
    default:
      return h('input', { ...common, type: 'text', placeholder: f.placeholder, maxlength: f.maxlength, autocomplete: 'off' });
  }
}

function inputOf(control) {
  return control.matches('input, select, textarea') ? control : control.querySelector('input, select, textarea');
}

function setValue(f, control, lookup, value) {
  if (f.type === 'lookup') return lookup.set(value);
  if (f.type === 'multi') {
    const set = new Set((value || []).map(String));
    for (const cb of control.querySelectorAll('input[type=checkbox]')) cb.checked = set.has(cb.value);
    return null;
  }
  const input = inputOf(control);
  if (f.type === 'checkbox') input.checked = Boolean(value);
  else if (f.type === 'percent') input.value = ratioToPercentInput(value);
  else if (f.type === 'list') input.value = joinList(value);
  else if (f.type === 'date') input.value = value ? String(value).slice(0, 10) : '';
  else input.value = value === null || value === undefined ? '' : String(value);
  return null;
}

/** The field's value as the API wants it; '' means "left empty". Throws Error with a Chinese message. */
function readValue(f, control, lookup) {
  if (f.type === 'lookup') return lookup.value;
  if (f.type === 'multi') return [...control.querySelectorAll('input[type=checkbox]:checked')].map((cb) => cb.value);
  const input = inputOf(control);
  if (f.type === 'checkbox') return input.checked;
  const raw = input.value.trim();
  if (raw === '') return '';
  if (f.type === 'int') {
    const n = Number(raw);
    if (!Number.isInteger(n)) throw new Error('请填写整数');
    return n;
  }
  if (f.type === 'percent') return parsePercent(raw);
  if (f.type === 'list') return splitList(raw);
  if (f.type === 'select' && f.numeric) return Number(raw);
  return raw;
}

/** The original value normalised like readValue, for change detection. */
function normalise(f, value) {
  if (f.type === 'checkbox') return Boolean(value);
  if (f.type === 'multi' || f.type === 'list') return Array.isArray(value) ? value.map(String) : [];
  if (value === null || value === undefined) return '';
  if (f.type === 'date') return String(value).slice(0, 10);
  if (f.type === 'int' || f.type === 'percent' || f.type === 'lookup' || (f.type === 'select' && f.numeric)) return Number(value);
  return String(value);
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Opens the form. opts: { title, fields, item? (edit when given), submit(payload, isEdit) -> Promise, intro? }.
 * Resolves with submit's result, or null when the user cancels.
 */
export function openForm({ title, fields, item, submit, intro }) {
  const isEdit = Boolean(item);
  const n = ++formSeq;
  return new Promise((resolve) => {
    const rows = [];
    const message = h('div', { class: 'msg', hidden: true, 'data-role': 'form-message' });
    const form = h('form', { class: 'form-grid', novalidate: true });
    for (const f of fields) {
      if (isEdit && f.createOnly === 'hide') continue;
      if (!isEdit && f.editOnly) continue;
      const id = `fld-${n}-${f.name}`;
      let lookup = null;
      let control;
      if (f.type === 'lookup') {
        lookup = createLookup({ ...f.lookup, id, name: f.name, emptyLabel: '请选择' });
        control = lookup.el;
      } else {
        control = buildControl(f, id);
      }
      const readOnly = isEdit && f.createOnly;
      if (readOnly) {
        const els = control.matches('input, select, textarea') ? [control] : [...control.querySelectorAll('input, select, textarea')];
        for (const el of els) el.disabled = true;
      }
      const err = h('div', { class: 'field-error', id: `${id}-err`, 'data-field': f.name, 'aria-live': 'polite' });
      const help = h('div', { class: 'field-help', id: `${id}-help` }, f.help || '');
      const lbl = f.type === 'multi' ? h('span', { class: 'label' }, f.label) : h('label', { for: id, class: 'label' }, f.label);
      const wrap = h(
        'div',
        { class: ['field', (f.full || f.type === 'textarea' || f.type === 'multi' || f.type === 'lookup') && 'field-full', f.type === 'checkbox' && 'field-check', f.required && 'required'] },
        lbl,
        h('div', { class: 'control' }, control, f.type === 'checkbox' && f.checkLabel ? h('label', { for: id, class: 'check-label' }, f.checkLabel) : null),
        err,
        f.help ? help : null,
      );
      form.append(wrap);
      rows.push({ f, control, lookup, err, wrap });
      if (isEdit) {
        const pending = setValue(f, control, lookup, item[f.name]);
        if (pending && readOnly) void pending.then(() => (lookup.select.disabled = true));
      } else if (f.default !== undefined) {
        setValue(f, control, lookup, f.default);
      }
    }

    const saveBtn = h('button', { type: 'submit', class: 'btn btn-primary', 'data-role': 'save' }, isEdit ? '保存修改' : '保存');
    const cancelBtn = h('button', { type: 'button', class: 'btn', 'data-role': 'cancel' }, '取消');
    const dlg = h(
      'dialog',
      { class: 'dialog', 'aria-labelledby': `dlg-${n}-title` },
      h('div', { class: 'dialog-head' }, h('h2', { id: `dlg-${n}-title`, text: title }), h('button', { type: 'button', class: 'dialog-close', 'aria-label': '关闭', onclick: () => close(null) }, '×')),
      h('div', { class: 'dialog-body' }, intro ? h('p', { class: 'form-intro', text: intro }) : null, message, form, h('p', { class: 'form-note' }, h('span', { class: 'req-mark' }, '*'), ' 为必填项')),
      h('div', { class: 'dialog-foot' }, cancelBtn, saveBtn),
    );
    form.id = `form-${n}`;
    saveBtn.setAttribute('form', form.id);

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

    function clearErrors() {
      showMessage(message, 'error', '');
      for (const r of rows) {
        clear(r.err);
        r.wrap.classList.remove('has-error');
      }
    }

    function fieldError(name, text) {
      const r = rows.find((x) => x.f.name === name);
      if (!r) return false;
      r.err.append(h('div', { text }));
      r.wrap.classList.add('has-error');
      return true;
    }

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors();
      const payload = {};
      let clientErrors = 0;
      for (const r of rows) {
        const { f } = r;
        if (isEdit && f.createOnly) continue;
        let v;
        try {
          v = readValue(f, r.control, r.lookup);
        } catch (err) {
          fieldError(f.name, err.message);
          clientErrors++;
          continue;
        }
        const empty = v === '' || (Array.isArray(v) && v.length === 0 && f.type !== 'multi' && f.type !== 'list');
        if (f.required && empty) {
          fieldError(f.name, `请填写${f.label}`);
          clientErrors++;
          continue;
        }
        if (isEdit) {
          if (same(v === '' ? '' : v, normalise(f, item[f.name]))) continue;
          payload[f.name] = v === '' ? (f.nullable ? null : '') : v;
        } else if (!empty) {
          payload[f.name] = v;
        }
      }
      if (clientErrors) {
        showMessage(message, 'error', '请按提示修改标红的项目');
        return;
      }
      if (isEdit && !Object.keys(payload).length) {
        showMessage(message, 'info', '没有修改任何内容');
        return;
      }
      saveBtn.disabled = true;
      saveBtn.textContent = '保存中…';
      try {
        const result = await submit(payload, isEdit);
        close(result ?? true);
      } catch (err) {
        const extra = [];
        if (err instanceof ApiError) {
          for (const d of err.fieldErrors) {
            const name = String(d.field || '').split('.')[0];
            if (!fieldError(name, d.message)) extra.push(d.field ? `${d.field}：${d.message}` : d.message);
          }
        }
        showMessage(message, 'error', err instanceof ApiError && err.fieldErrors.length ? `${errorText(err)}：请按提示修改标红的项目` : errorText(err), extra);
        const firstBad = form.querySelector('.has-error input, .has-error select, .has-error textarea');
        if (firstBad) firstBad.focus();
      } finally {
        saveBtn.disabled = false;
        saveBtn.textContent = isEdit ? '保存修改' : '保存';
      }
    });

    document.body.append(dlg);
    dlg.showModal();
    const first = form.querySelector('input:not([disabled]), select:not([disabled]), textarea:not([disabled])');
    if (first) first.focus();
  });
}
