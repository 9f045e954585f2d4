import type { ImportIssue } from '../src/excel/import-issue';
import { allHeaders } from '../src/excel/sheet-layouts';
import { DEPARTMENT_LAYOUT } from '../src/departments/department-sheet';
import { bearer, expectError } from './support/api-helpers';
import { createTestApp, type TestApp } from './support/test-app';
import { readXlsx, xlsxBuffer } from './support/workbooks';

describe('departments in and out of Excel', () => {
  let t: TestApp;
  const H = ['部门编码', '部门名称'];
  const upload = (buf: Buffer, name = 'departments.xlsx', token = t.officeToken) =>
    t.http.post('/api/departments/import').set(bearer(token)).attach('file', buf, name);
  const stored = async () =>
    (await t.sql<{ code: string; name: string; active: boolean }>('SELECT code, name, active FROM department ORDER BY code')).map(
      (d) => `${d.code}:${d.name}:${d.active}`,
    );
  const download = async (path: string) => readXlsx((await t.http.get(path).responseType('blob').expect(200)).body as Buffer);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('offers a template, to anyone, with the two Chinese headers and a sheet of instructions', async () => {
    const tpl = await download('/api/departments/template.xlsx');
    expect(tpl['部门'][0]).toEqual(['部门编码', '部门名称']);
    expect(allHeaders(DEPARTMENT_LAYOUT)).toEqual(['部门编码', '部门名称']);
    expect(tpl['填写说明'].slice(1, 3).map((r) => r.slice(0, 2))).toEqual([
      ['部门编码', '必填'],
      ['部门名称', '必填'],
    ]);
  });

  it('imports departments into the list', async () => {
    const rows = [
      ['ZCFG', '政策法规处'],
      ['WHC', '危化处'],
      ['JZC', '基础处'],
    ];
    const res = await upload(await xlsxBuffer('部门', H, rows)).expect(200);
    expect(res.body).toMatchObject({ total: 3, created: 3, updated: 0, unchanged: 0, dryRun: false });
    expect(await stored()).toEqual(['JZC:基础处:true', 'WHC:危化处:true', 'ZCFG:政策法规处:true']);
    const list = (await t.http.get('/api/departments?q=WHC').expect(200)).body.items;
    expect(list).toEqual([expect.objectContaining({ code: 'WHC', name: '危化处', active: true })]);
  });

  it('refuses a file with bad rows: nothing is written and every bad row is listed with sheet, row, column and a Chinese reason', async () => {
    const before = await stored();
    const rows = [
      ['YJZH', '应急指挥中心'], // good, but must not be written
      ['W H C', '救援处'],
      ['DZC', ''],
      ['YJZH', '另一个名称'],
      ['AQJC', '应急指挥中心'],
      ['ZFJD', '危化处'],
      ['', '无编码处'],
      ['CHANG', '长'.repeat(101)],
    ];
    const res = await upload(await xlsxBuffer('部门', H, rows)).expect(422);
    const body = expectError(res, 422, 'IMPORT_REJECTED');
    expect(body.message).toContain('未写入任何数据');
    const errors = (res.body.details as { errors: ImportIssue[] }).errors;
    expect(errors.every((e) => e.sheet === '部门')).toBe(true);
    expect(errors.map((e) => `${e.row}:${e.column}:${e.reason}`)).toEqual([
      '3:部门编码:“部门编码”只能含字母、数字、下划线和短横线，最长 32 位',
      '4:部门名称:“部门名称”不能为空',
      '5:部门编码:与第 2 行重复（部门编码必须唯一）',
      '6:部门名称:与第 2 行的部门名称重复（部门名称必须唯一）',
      '7:部门名称:部门名称“危化处”已被编码为“WHC”的部门使用',
      '8:部门编码:“部门编码”不能为空',
      '9:部门名称:“部门名称”最长 100 个字符，实为 101 个',
    ]);
    expect(res.body.details.markedWorkbookUrl).toMatch(/^\/api\/imports\/.+\/marked\.xlsx$/);
    expect(await stored()).toEqual(before);
  });

  it('re-imports by 部门编码: renames, reactivates, adds, and reports which rows and columns changed', async () => {
    const jzc = (await t.sql<{ id: number }>(`SELECT id FROM department WHERE code = 'JZC'`))[0];
    await t.http.delete(`/api/departments/${jzc.id}`).set(bearer(t.officeToken)).expect(200);
    const rows = [
      ['ZCFG', '政策法规处'],
      ['WHC', '危险化学品安全监督管理处'],
      ['JZC', '基础处'],
      ['YJJY', '应急救援处'],
    ];
    const before = await stored();
    const tried = await t.http
      .post('/api/departments/import?dryRun=true')
      .set(bearer(t.officeToken))
      .attach('file', await xlsxBuffer('部门', H, rows), 'd.xlsx')
      .expect(200);
    expect(tried.body).toMatchObject({ dryRun: true, created: 1, updated: 2, unchanged: 1 });
    expect(await stored()).toEqual(before);

    const res = await upload(await xlsxBuffer('部门', H, rows)).expect(200);
    expect(res.body).toMatchObject({ total: 4, created: 1, updated: 2, unchanged: 1 });
    expect(res.body.changes).toEqual([
      { key: 'WHC', action: 'updated', fields: ['部门名称'] },
      { key: 'JZC', action: 'updated', fields: ['启用'] },
      { key: 'YJJY', action: 'created' },
    ]);
    expect(await stored()).toEqual([
      'JZC:基础处:true',
      'WHC:危险化学品安全监督管理处:true',
      'YJJY:应急救援处:true',
      'ZCFG:政策法规处:true',
    ]);
  });

  it('reads CSV as well', async () => {
    const csv = Buffer.from('\uFEFF部门编码,部门名称\nDZC,地震监测处\nYJJY,应急救援处\n', 'utf8');
    const res = await upload(csv, 'departments.csv').expect(200);
    expect(res.body).toMatchObject({ fileKind: 'csv', created: 1, unchanged: 1 });
  });

  it('exports what is stored, to anyone, neutralising formulas, and the export imports back unchanged', async () => {
    await t.http
      .post('/api/departments')
      .set(bearer(t.officeToken))
      .send({ code: 'XSS', name: '=HYPERLINK("http://x","点我")' })
      .expect(201);
    const res = await t.http.get('/api/departments/export.xlsx').responseType('blob').expect(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('部门.xlsx'));
    const sheet = (await readXlsx(res.body as Buffer))['部门'];
    expect(sheet[0]).toEqual(H);
    expect(
      sheet
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(['DZC', 'JZC', 'WHC', 'XSS', 'YJJY', 'ZCFG']);
    expect(sheet.find((r) => r[0] === 'XSS')?.[1]).toBe(`'=HYPERLINK("http://x","点我")`);

    const filtered = (await download('/api/departments/export.xlsx?q=WHC'))['部门'];
    expect(filtered.slice(1)).toEqual([['WHC', '危险化学品安全监督管理处']]);

    const back = await upload(res.body as Buffer, '部门.xlsx').expect(200);
    expect(back.body).toMatchObject({ total: 6, created: 0, updated: 0, unchanged: 6, changes: [] });
    expect((await t.sql<{ name: string }>(`SELECT name FROM department WHERE code = 'XSS'`))[0].name).toBe('=HYPERLINK("http://x","点我")');
  });

  it('lets only the office import', async () => {
    const file = await xlsxBuffer('部门', H, [['QT', '其他处']]);
    expectError(await t.http.post('/api/departments/import').attach('file', file, 'd.xlsx'), 401);
    expectError(await upload(file, 'd.xlsx', t.inspectorToken), 403);
    expectError(await t.http.post('/api/departments/import').set(bearer(t.officeToken)), 400, 'UNSUPPORTED_FILE');
    expect(await t.sql(`SELECT 1 FROM department WHERE code = 'QT'`)).toEqual([]);
  });

  it('describes every import route in the OpenAPI document as a multipart upload of one binary field, file', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, { post?: { requestBody?: { content?: Record<string, { schema?: unknown }> } } }>;
    };
    const imports = Object.keys(doc.paths)
      .filter((p) => /^\/api\/\w+\/import$/.test(p))
      .sort();
    expect(imports).toEqual([
      '/api/conflicts/import',
      '/api/departments/import',
      '/api/enterprises/import',
      '/api/inspectors/import',
      '/api/matters/import',
    ]);
    for (const path of imports) {
      expect(doc.paths[path].post?.requestBody?.content?.['multipart/form-data']?.schema).toMatchObject({
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', format: 'binary' } },
      });
    }
  });
});
