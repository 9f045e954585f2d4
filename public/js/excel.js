/**
 * Excel in and out for a list: 下载模板, 导出 (with the current filters) and 导入.
 * Imports are all-or-nothing on the server: a 422 IMPORT_REJECTED answer means nothing was
 * written; it lists every bad cell and links to the uploaded workbook with those cells marked.
 */
import { ApiError, clear, download, errorText, h, showMessage, toast, upload, withBusy } from './api.js';
import { formatCount, IMPORT_ACTIONS } from './labels.js';

const MAX_ROWS_SHOWN = 500;

function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function today() {
  const d = new Date();
  const p = (x) => String(x).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}`;
}

/**
 * The toolbar. opts: { list: 'matters', title: '随机抽查事项清单', getQuery() -> filters,
 * canImport: boolean, onImported() (after a successful import), auth?: false for public downloads }.
 */
export function excelToolbar({ list, title, getQuery, canImport = true, onImported, auth }) {
  const base = `/api/${list}`;
  const status = h('span', { class: 'toolbar-status', 'aria-live': 'polite' });

  const templateBtn = h('button', { type: 'button', class: 'btn', 'data-role': 'template' }, '下载模板');
  templateBtn.addEventListener('click', () =>
    withBusy(templateBtn, '下载中…', async () => {
      try {
        const name = await download(`${base}/template.xlsx`, null, `${title}模板.xlsx`, { auth });
        toast(`已下载：${name}`);
      } catch (err) {
        toast(`下载模板失败：${errorText(err)}`, 'error');
      }
    }),
  );

  const exportBtn = h('button', { type: 'button', class: 'btn', 'data-role': 'export', title: '按当前筛选条件导出' }, '导出');
  exportBtn.addEventListener('click', () =>
    withBusy(exportBtn, '导出中…', async () => {
      try {
        const name = await download(`${base}/export.xlsx`, getQuery ? getQuery() : null, `${title}-${today()}.xlsx`, { auth });
        toast(`已导出：${name}`);
      } catch (err) {
        toast(`导出失败：${errorText(err)}`, 'error');
      }
    }),
  );

  const importBtn = canImport ? h('button', { type: 'button', class: 'btn', 'data-role': 'import' }, '导入') : null;
  if (importBtn) importBtn.addEventListener('click', () => openImportDialog({ base, title, onImported }));

  // The template only serves an import: those who cannot import do not need it.
  return h('div', { class: 'excel-toolbar', role: 'group', 'aria-label': 'Excel 导入导出' }, canImport ? templateBtn : null, exportBtn, importBtn, status);
}

/** The import dialog: pick a file, upload with progress, then show the outcome. */
export function openImportDialog({ base, title, onImported }) {
  const fileInput = h('input', { type: 'file', name: 'file', accept: '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv', id: 'import-file' });
  const fileInfo = h('div', { class: 'field-help' });
  const progress = h('progress', { max: '100', value: '0', class: 'progress' });
  const progressText = h('span', { class: 'progress-text' });
  const progressBox = h('div', { class: 'progress-box', hidden: true, 'data-role': 'import-progress' }, progress, progressText);
  const message = h('div', { class: 'msg', hidden: true, 'data-role': 'import-message' });
  const result = h('div', { class: 'import-result', 'data-role': 'import-result' });
  const startBtn = h('button', { type: 'submit', class: 'btn btn-primary', 'data-role': 'start-import', disabled: true }, '开始导入');
  const closeBtn = h('button', { type: 'button', class: 'btn' }, '关闭');
  let busy = false;
  let imported = false;

  fileInput.addEventListener('change', () => {
    const f = fileInput.files[0];
    fileInfo.textContent = f ? `${f.name}（${formatBytes(f.size)}）` : '';
    startBtn.disabled = !f || busy;
    showMessage(message, 'info', '');
    clear(result);
  });

  const form = h(
    'form',
    { class: 'import-form', id: 'import-form' },
    h(
      'ul',
      { class: 'import-rules' },
      h('li', null, '支持 .xlsx 工作簿和 .csv 文件；表头须与模板一致（可先“下载模板”）。'),
      h('li', null, '导入是“全部成功或全部不写入”：只要有一行有错，就不会写入任何数据，并列出所有错误。'),
      h('li', null, '已存在的记录按主键（编码、统一社会信用代码、执法证号）更新，并列出变化。'),
    ),
    h('div', { class: 'field field-full' }, h('label', { for: 'import-file', class: 'label' }, '选择文件'), h('div', { class: 'control' }, fileInput), fileInfo),
  );

  const dlg = h(
    'dialog',
    { class: 'dialog dialog-wide', 'aria-label': `导入${title}` },
    h('div', { class: 'dialog-head' }, h('h2', { text: `导入${title}` }), h('button', { type: 'button', class: 'dialog-close', 'aria-label': '关闭', onclick: () => close() }, '×')),
    h('div', { class: 'dialog-body' }, form, progressBox, message, result),
    h('div', { class: 'dialog-foot' }, closeBtn, startBtn),
  );
  startBtn.setAttribute('form', 'import-form');

  function close() {
    if (busy) {
      toast('正在导入，请等待完成后再关闭', 'warning');
      return;
    }
    dlg.close();
    dlg.remove();
    if (imported && onImported) onImported();
  }
  closeBtn.addEventListener('click', close);
  dlg.addEventListener('cancel', (e) => {
    e.preventDefault();
    close();
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const file = fileInput.files[0];
    if (!file || busy) return;
    if (!/\.(xlsx|csv)$/i.test(file.name)) {
      showMessage(message, 'error', '只能导入 .xlsx 或 .csv 文件');
      return;
    }
    busy = true;
    startBtn.disabled = true;
    fileInput.disabled = true;
    clear(result);
    showMessage(message, 'info', '');
    progressBox.hidden = false;
    progress.value = 0;
    progress.setAttribute('value', '0');
    progressText.textContent = '正在上传… 0%';
    const started = Date.now();
    let ticker = 0;
    try {
      const body = await upload(`${base}/import`, file, {
        onProgress: (loaded, total) => {
          const pct = total ? Math.min(100, Math.round((loaded / total) * 100)) : 0;
          progress.value = pct;
          progressText.textContent = `正在上传… ${pct}%（${formatBytes(loaded)} / ${formatBytes(total)}）`;
        },
        onUploaded: () => {
          progress.removeAttribute('value'); // indeterminate while the server checks and writes
          const tick = () => {
            const s = Math.round((Date.now() - started) / 1000);
            progressText.textContent = `上传完成，服务器正在校验并写入… 已用时 ${s} 秒（大文件可能需要几分钟，请勿关闭页面）`;
          };
          tick();
          ticker = window.setInterval(tick, 1000);
        },
      });
      imported = true;
      showSuccess(body);
    } catch (err) {
      showFailure(err);
    } finally {
      window.clearInterval(ticker);
      busy = false;
      progressBox.hidden = true;
      fileInput.disabled = false;
      startBtn.disabled = !fileInput.files[0];
    }
  });

  function showSuccess(body) {
    const b = body || {};
    showMessage(
      message,
      'success',
      `导入成功：共 ${formatCount(b.total)} 行，新增 ${formatCount(b.created)} 条，更新 ${formatCount(b.updated)} 条，未变 ${formatCount(b.unchanged)} 条`,
    );
    const changes = Array.isArray(b.changes) ? b.changes : [];
    if (!changes.length) {
      result.append(h('p', { class: 'muted' }, '没有新增或更新的记录。'));
      return;
    }
    const shown = changes.slice(0, MAX_ROWS_SHOWN);
    result.append(
      h('h3', null, `变化明细（${formatCount(changes.length)} 条）`),
      changes.length > shown.length ? h('p', { class: 'muted' }, `仅显示前 ${MAX_ROWS_SHOWN} 条。`) : null,
      h(
        'div',
        { class: 'table-wrap table-scroll' },
        h(
          'table',
          { class: 'data-table compact', 'data-role': 'import-changes' },
          h('thead', null, h('tr', null, h('th', null, '主键'), h('th', null, '变化'), h('th', null, '更新的字段'))),
          h(
            'tbody',
            null,
            shown.map((c) =>
              h(
                'tr',
                null,
                h('td', { class: 'mono' }, String(c.key ?? '')),
                h('td', null, h('span', { class: `tag ${c.action === 'created' ? 'tag-green' : 'tag-blue'}` }, IMPORT_ACTIONS[c.action] || String(c.action ?? ''))),
                h('td', null, Array.isArray(c.fields) && c.fields.length ? c.fields.join('、') : '—'),
              ),
            ),
          ),
        ),
      ),
    );
  }

  function showFailure(err) {
    const details = err instanceof ApiError && err.details && !Array.isArray(err.details) ? err.details : null;
    if (err instanceof ApiError && err.code === 'IMPORT_REJECTED' && details) {
      const errors = Array.isArray(details.errors) ? details.errors : [];
      const count = details.errorCount ?? errors.length;
      const extra = err.message && !err.message.includes('未写入') ? [err.message] : [];
      showMessage(message, 'error', `未写入任何数据：文件中有 ${formatCount(count)} 处错误，请按下表修改后重新导入`, extra);
      const shown = errors.slice(0, MAX_ROWS_SHOWN);
      const children = [];
      if (details.markedWorkbookUrl) {
        const dl = h('button', { type: 'button', class: 'btn btn-primary', 'data-role': 'marked-workbook' }, '下载标注错误的工作簿');
        dl.addEventListener('click', () =>
          withBusy(dl, '下载中…', async () => {
            try {
              await download(details.markedWorkbookUrl, null, `${title}-错误标注.xlsx`);
            } catch (e) {
              toast(`下载失败：${errorText(e)}`, 'error');
            }
          }),
        );
        children.push(h('p', { class: 'marked-link' }, dl, h('span', { class: 'muted' }, ' 出错的单元格已在工作簿中标红并附说明。')));
      }
      children.push(
        h('h3', null, `错误明细（${formatCount(count)} 处）`),
        count > shown.length ? h('p', { class: 'muted' }, `仅显示前 ${shown.length} 处，完整列表见标注的工作簿。`) : null,
        h(
          'div',
          { class: 'table-wrap table-scroll' },
          h(
            'table',
            { class: 'data-table compact', 'data-role': 'import-errors' },
            h('thead', null, h('tr', null, h('th', null, '工作表'), h('th', null, '行'), h('th', null, '列'), h('th', null, '值'), h('th', null, '原因'))),
            h(
              'tbody',
              null,
              shown.map((e) =>
                h(
                  'tr',
                  null,
                  h('td', null, String(e.sheet ?? '')),
                  h('td', { class: 'num' }, String(e.row ?? '')),
                  h('td', null, String(e.column ?? '')),
                  h('td', { class: 'mono' }, e.value === null || e.value === undefined || e.value === '' ? '（空）' : String(e.value)),
                  h('td', { class: 'reason' }, String(e.reason ?? '')),
                ),
              ),
            ),
          ),
        ),
      );
      result.append(...children.filter(Boolean));
      return;
    }
    const items = err instanceof ApiError ? err.fieldErrors.map((d) => d.message) : [];
    const nothingWritten = err instanceof ApiError && err.status >= 400 && err.status < 500;
    showMessage(message, 'error', `导入失败${nothingWritten ? '，未写入任何数据' : ''}：${errorText(err)}`, items);
  }

  document.body.append(dlg);
  dlg.showModal();
  return dlg;
}
