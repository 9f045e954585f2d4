import { allHeaders, CONFLICT_LAYOUT, ENTERPRISE_LAYOUT, INSPECTOR_LAYOUT, MATTER_LAYOUT } from '../src/excel/sheet-layouts';
import { expectError, type Paged, usccFor } from './support/api-helpers';
import { createTestApp, type TestApp } from './support/test-app';
import { cellFill, editXlsxEntry, readXlsx, xlsxBuffer } from './support/workbooks';

/**
 * The edges of the imports and of the registry endpoints that go with them: cells the database
 * cannot store, duplicates only the whole file shows, every bad row at once, the marked workbook,
 * re-imports of deactivated rows, and the Chinese refusals of PATCH and POST.
 */
let t: TestApp;
const office = () => ({ Authorization: `Bearer ${t.officeToken}` });
const upload = (list: string, buf: Buffer, name = 'file.xlsx') => t.http.post(`/api/${list}/import`).set(office()).attach('file', buf, name);
const count = async (table: string) => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

interface Issue {
  sheet: string;
  row: number;
  column: string;
  value: string;
  reason: string;
}
const errorsOf = (body: { details: { errors: Issue[] } }) => body.details.errors;
const brief = (e: Issue) => `${e.row}|${e.column}|${e.reason}`;

const uscc = (n: number) => usccFor('320800', n);

const EH = allHeaders(ENTERPRISE_LAYOUT);
function enterpriseRow(n: number, over: Partial<Record<string, string | number>> = {}): (string | number)[] {
  const base: Record<string, string | number> = {
    统一社会信用代码: uscc(n), 企业名称: `淮安边界企业${n}有限公司`, 行政区划代码: '320802', 地址: `清江浦区${n}号`, 行业: '危险化学品批发',
    经营状态: '存续', 信用等级: 'B', 四新企业: '否', 事故次数: 0, 适用事项: 'M001',
  };
  const merged = { ...base, ...over };
  return EH.map((h) => merged[h] ?? '');
}

const IH = allHeaders(INSPECTOR_LAYOUT);
function inspectorRow(certNo: string, over: Partial<Record<string, string>> = {}): string[] {
  const merged: Record<string, string> = { 执法证号: certNo, 姓名: `检查员${certNo.slice(-2)}`, 所属部门: '危化处', 专业: '危险化学品', ...over };
  return IH.map((h) => merged[h] ?? '');
}

const MH = allHeaders(MATTER_LAYOUT);
function matterRow(seq: number, name: string, over: Partial<Record<string, string | number>> = {}): (string | number)[] {
  const merged: Record<string, string | number> = {
    序号: seq, 监管事项: name, 监管对象: '相关企业', 设定依据: '《安全生产法》', 监管责任: '监督检查', 监管措施: '“双随机”监管', 抽查比例: '10%', 牵头部门: '危化处', ...over,
  };
  return MH.map((h) => merged[h] ?? '');
}

const matterId = async (code: string) => (await t.sql<{ id: number }>('SELECT id FROM inspection_matter WHERE code = $1', [code]))[0].id;

beforeAll(async () => {
  t = await createTestApp();
  await t.http.post('/api/departments').set(office()).send({ code: 'WHC', name: '危化处' }).expect(201);
  await t.http.post('/api/departments').set(office()).send({ code: 'ZCFG', name: '政策法规处' }).expect(201);
  const matters = [
    { seq: 1, name: '对危险化学品经营监管', samplingRatio: 0.2 },
    { seq: 2, name: '对烟花爆竹批发企业的监管', samplingRatio: 1, keySupervision: true },
  ];
  const dep = (await t.sql<{ id: number }>(`SELECT id FROM department WHERE code = 'WHC'`))[0].id;
  for (const m of matters) await t.http.post('/api/matters').set(office()).send({ ...m, leadDepartmentId: dep }).expect(201);
  await upload('enterprises', await xlsxBuffer(ENTERPRISE_LAYOUT.sheet, EH, [enterpriseRow(1), enterpriseRow(2)])).expect(200);
  await upload('inspectors', await xlsxBuffer(INSPECTOR_LAYOUT.sheet, IH, [inspectorRow('ZF-EDGE-01'), inspectorRow('ZF-EDGE-02')])).expect(200);
});
afterAll(() => t.close());

describe('cells and rows that only the whole file shows to be wrong', () => {
  it('a cell with a NUL byte is reported at its row and column, and nothing is written', async () => {
    // exceljs drops NUL when it writes a workbook (XML cannot hold it), so it comes as CSV, as a hand-made export would.
    const before = await count('enterprise');
    const csv = [EH.join(','), enterpriseRow(3).join(','), enterpriseRow(4, { 地址: '清江浦区\u0000健康路' }).join(',')].join('\r\n');
    const res = await upload('enterprises', Buffer.from(csv, 'utf8'), 'roster.csv').expect(422);
    expect(res.body.code).toBe('IMPORT_REJECTED');
    expect(errorsOf(res.body)).toEqual([
      { sheet: ENTERPRISE_LAYOUT.sheet, row: 3, column: '地址', value: '清江浦区健康路', reason: '单元格中含有空字符（\\0），请删除后重试' },
    ]);
    expect(await count('enterprise')).toBe(before);
  });

  it('a workbook whose sheet XML holds a raw NUL (as some tools write it) is refused in Chinese, not with a 500', async () => {
    const before = await count('enterprise');
    const file = await xlsxBuffer(ENTERPRISE_LAYOUT.sheet, EH, [enterpriseRow(5), enterpriseRow(6)]);
    const sheet = 'xl/worksheets/sheet1.xml';
    // The rewritten workbook itself is sound: unchanged, it imports (as a dry run).
    const same = await t.http.post('/api/enterprises/import?dryRun=true').set(office()).attach('file', editXlsxEntry(file, sheet, (x) => x), 'same.xlsx');
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ dryRun: true, created: 2 });

    const withNul = editXlsxEntry(file, sheet, (xml) => {
      const cell = /<c r="B3"[^>]*>.*?<\/c>/.exec(xml);
      if (!cell) throw new Error('no cell B3 in the sheet');
      return xml.replace(cell[0], '<c r="B3" t="inlineStr"><is><t>淮安\u0000企业</t></is></c>');
    });
    const res = await upload('enterprises', withNul, 'nul.xlsx');
    const body = expectError(res, 400, 'UNSUPPORTED_FILE');
    expect(body.message).toMatch(/^无法读取该 \.xlsx 文件：工作表“检查对象名录库”.*已损坏或含有不允许的字符/);
    expect(await count('enterprise')).toBe(before);
  });

  it('duplicate 序号 and duplicate 事项编码 within one matter file are reported against the first row, and nothing is written', async () => {
    const before = await t.sql('SELECT * FROM inspection_matter ORDER BY id');
    const rows = [
      matterRow(10, '对安全生产培训机构的监管', { 事项编码: 'X-PX' }),
      matterRow(11, '对安全评价检测检验机构的监管', { 事项编码: 'X-PX' }),
      matterRow(10, '对地震监测设施的监管', { 事项编码: 'X-DZ' }),
      matterRow(12, '对防震减灾宣传的监管'),
    ];
    const res = await upload('matters', await xlsxBuffer(MATTER_LAYOUT.sheet, MH, rows)).expect(422);
    expect(errorsOf(res.body).map(brief)).toEqual(['3|事项编码|与第 2 行的事项编码重复（事项编码必须唯一）', '4|序号|与第 2 行的序号重复（序号必须唯一）']);
    expect(errorsOf(res.body).map((e) => e.value)).toEqual(['X-PX', '10']);
    expect(await t.sql('SELECT * FROM inspection_matter ORDER BY id')).toEqual(before);
  });

  it('an inspector email over 100 characters is reported on its cell, and nothing is written', async () => {
    const before = await count('inspector');
    const email = `${'a'.repeat(90)}@example.com.cn`;
    expect(email.length).toBe(105);
    const rows = [inspectorRow('ZF-EDGE-10'), inspectorRow('ZF-EDGE-11', { 电子邮箱: email })];
    const res = await upload('inspectors', await xlsxBuffer(INSPECTOR_LAYOUT.sheet, IH, rows)).expect(422);
    expect(errorsOf(res.body).map(brief)).toEqual(['3|电子邮箱|“电子邮箱”最长 100 个字符，实为 105 个']);
    expect(await count('inspector')).toBe(before);
  });
});

describe('a file with several bad rows', () => {
  it('recusals: every bad row, those the database check finds (unknown 执法证号 or USCC) included, sorted by row', async () => {
    const H = allHeaders(CONFLICT_LAYOUT);
    const rows = [
      ['ZF-NOBODY', uscc(1), '其他', '理由一', ''], // 2: no such inspector (database)
      ['ZF-EDGE-01', uscc(1), '亲戚', '理由二', ''], // 3: unknown kind (row check)
      ['ZF-EDGE-01', uscc(900), '其他', '理由三', ''], // 4: no such enterprise (database)
      ['ZF-EDGE-02', uscc(2), '近亲属关系', '配偶在该企业任职', ''], // 5: good
      ['ZF-EDGE-02', uscc(2), '其他', '重复一行', ''], // 6: the same pair again (row check)
      ['ZF-NOBODY-2', uscc(901), '其他', '理由四', ''], // 7: neither (database, twice)
    ];
    const res = await upload('conflicts', await xlsxBuffer(CONFLICT_LAYOUT.sheet, H, rows)).expect(422);
    expect(errorsOf(res.body).map(brief)).toEqual([
      '2|执法证号|执法人员名录库中没有执法证号“ZF-NOBODY”',
      '3|回避类型|“回避类型”只能是：近亲属关系、曾在该单位任职、经济利害关系、曾参与相关案件办理、其他',
      '4|统一社会信用代码|检查对象名录库中没有该企业',
      `6|执法证号|与第 5 行重复（执法证号必须唯一）`,
      '7|执法证号|执法人员名录库中没有执法证号“ZF-NOBODY-2”',
      '7|统一社会信用代码|检查对象名录库中没有该企业',
    ]);
    expect(res.body.details.errorCount).toBe(6);
    expect(res.body.message).toBe('导入失败：发现 6 处错误，未写入任何数据');
    expect(await count('conflict')).toBe(0);
  });

  it('matters: an unknown department, a code another matter has and a repeated 序号, every one listed by row', async () => {
    const before = await t.sql('SELECT * FROM inspection_matter ORDER BY id');
    const rows = [
      matterRow(20, '对非药品类易制毒化学品经营的监管', { 事项编码: 'M001' }), // 2: code of 对危险化学品经营监管 (database)
      matterRow(21, '对非药品类易制毒化学品生产的监管', { 牵头部门: '应急指挥中心' }), // 3: unknown department (row check)
      matterRow(20, '对专用地震监测台网建设的监管'), // 4: 序号 of row 2 (database)
      matterRow(22, '对安全生产培训机构的监管'), // 5: good
      matterRow(23, '对安全评价机构的监管', { 抽查比例: 'abc' }), // 6: bad ratio (row check)
    ];
    const res = await upload('matters', await xlsxBuffer(MATTER_LAYOUT.sheet, MH, rows)).expect(422);
    expect(errorsOf(res.body).map(brief)).toEqual([
      '2|事项编码|事项编码“M001”已被事项“对危险化学品经营监管”使用',
      '3|牵头部门|未知的牵头部门“应急指挥中心”，请先在“部门”中添加，或填写已有部门的名称或编码',
      '4|序号|与第 2 行的序号重复（序号必须唯一）',
      '6|抽查比例|抽查比例“abc”不是百分比或 0–1 之间的小数',
    ]);
    expect(await t.sql('SELECT * FROM inspection_matter ORDER BY id')).toEqual(before);
  });

  it('inspectors: an unknown department and a 执法证号 repeated in the file, with the good rows not written either', async () => {
    const before = await count('inspector');
    const rows = [
      inspectorRow('ZF-EDGE-20'),
      inspectorRow('ZF-EDGE-21', { 所属部门: '不存在的处' }),
      inspectorRow('ZF-EDGE-22'),
      inspectorRow('ZF-EDGE-20', { 姓名: '重名' }),
    ];
    const res = await upload('inspectors', await xlsxBuffer(INSPECTOR_LAYOUT.sheet, IH, rows)).expect(422);
    expect(errorsOf(res.body).map(brief)).toEqual([
      '3|所属部门|未知的部门“不存在的处”，请填写系统中已有部门的名称或编码',
      '5|执法证号|与第 2 行重复（执法证号必须唯一）',
    ]);
    expect(await count('inspector')).toBe(before);
  });
});

describe('the marked workbook', () => {
  it('puts 错误说明 in the column after the header’s last column even when a bad row is shorter than the header', async () => {
    const short = ['ZF-EDGE-30', '短行', '不存在的处']; // Excel leaves out a row's empty trailing cells
    const res = await upload('inspectors', await xlsxBuffer(INSPECTOR_LAYOUT.sheet, IH, [inspectorRow('ZF-EDGE-31'), short])).expect(422);
    const marked = await t.http.get(res.body.details.markedWorkbookUrl).set(office()).responseType('blob').expect(200);
    const data = (await readXlsx(marked.body as Buffer))[INSPECTOR_LAYOUT.sheet];
    expect(data[0]).toEqual([...IH, '错误说明']);
    expect(data[2]).toHaveLength(IH.length + 1);
    expect(data[2].slice(0, 3)).toEqual(short);
    expect(data[2].slice(3, IH.length).every((c) => c === '')).toBe(true);
    expect(data[2][IH.length]).toBe('所属部门：未知的部门“不存在的处”，请填写系统中已有部门的名称或编码');
    expect(await cellFill(marked.body as Buffer, 0, 'C3')).toBe('FFFFC7CE');
    // The good row has no note.
    expect(data[1][IH.length] ?? '').toBe('');
  });
});

describe('re-importing', () => {
  it('brings back a deactivated enterprise, reporting 启用 as the change', async () => {
    const file = await xlsxBuffer(ENTERPRISE_LAYOUT.sheet, EH, [enterpriseRow(40)]);
    await upload('enterprises', file).expect(200);
    const [{ id }] = await t.sql<{ id: number }>('SELECT id FROM enterprise WHERE uscc = $1', [uscc(40)]);
    await t.http.delete(`/api/enterprises/${id}`).set(office()).expect(200);
    expect((await t.http.get(`/api/enterprises/${id}`).set(office()).expect(200)).body.active).toBe(false);

    const res = await upload('enterprises', file).expect(200);
    expect(res.body).toMatchObject({ created: 0, updated: 1, unchanged: 0, changes: [{ key: uscc(40), action: 'updated', fields: ['启用'] }] });
    expect((await t.http.get(`/api/enterprises/${id}`).set(office()).expect(200)).body.active).toBe(true);
  });

  it('brings back a deactivated inspector', async () => {
    const file = await xlsxBuffer(INSPECTOR_LAYOUT.sheet, IH, [inspectorRow('ZF-EDGE-40')]);
    await upload('inspectors', file).expect(200);
    const [{ id }] = await t.sql<{ id: number }>(`SELECT id FROM inspector WHERE cert_no = 'ZF-EDGE-40'`);
    await t.http.delete(`/api/inspectors/${id}`).set(office()).expect(200);
    expect((await t.http.get(`/api/inspectors/${id}`).set(office()).expect(200)).body.active).toBe(false);

    const res = await upload('inspectors', file).expect(200);
    expect(res.body).toMatchObject({ updated: 1, changes: [{ key: 'ZF-EDGE-40', action: 'updated', fields: ['启用'] }] });
    expect((await t.http.get(`/api/inspectors/${id}`).set(office()).expect(200)).body.active).toBe(true);
  });

  it('the roster export imports back unchanged after a matter its enterprises name was deactivated', async () => {
    const dep = (await t.sql<{ id: number }>(`SELECT id FROM department WHERE code = 'ZCFG'`))[0].id;
    await t.http.post('/api/matters').set(office()).send({ seq: 3, code: 'M003', name: '对安全生产培训机构的监管', samplingRatio: 0.1, leadDepartmentId: dep }).expect(201);
    await upload('enterprises', await xlsxBuffer(ENTERPRISE_LAYOUT.sheet, EH, [enterpriseRow(50, { 适用事项: 'M001；M003' })])).expect(200);
    await t.http.delete(`/api/matters/${await matterId('M003')}`).set(office()).expect(200);

    const exported = await t.http.get('/api/enterprises/export.xlsx').set(office()).responseType('blob').expect(200);
    const sheet = (await readXlsx(exported.body as Buffer))[ENTERPRISE_LAYOUT.sheet];
    expect(sheet.find((r) => r[0] === uscc(50))?.[EH.indexOf('适用事项')]).toBe('M001；M003');

    const res = await upload('enterprises', exported.body as Buffer, 'export.xlsx');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 0, updated: 0, unchanged: await count('enterprise') });
    const e50 = (await t.http.get(`/api/enterprises?q=${uscc(50)}`).set(office()).expect(200)).body.items[0];
    expect(e50.matterCodes).toEqual(['M001', 'M003']);
  });

  it('the pool export imports back unchanged after a department was deactivated', async () => {
    await t.http.post('/api/departments').set(office()).send({ code: 'DZC', name: '地震处' }).expect(201);
    await upload('inspectors', await xlsxBuffer(INSPECTOR_LAYOUT.sheet, IH, [inspectorRow('ZF-EDGE-50', { 所属部门: '地震处' })])).expect(200);
    const [{ id }] = await t.sql<{ id: number }>(`SELECT id FROM department WHERE code = 'DZC'`);
    await t.http.delete(`/api/departments/${id}`).set(office()).expect(200);

    const exported = await t.http.get('/api/inspectors/export.xlsx').set(office()).responseType('blob').expect(200);
    const res = await upload('inspectors', exported.body as Buffer, 'export.xlsx');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 0, updated: 0, unchanged: await count('inspector') });
  });
});

describe('the registry endpoints', () => {
  it('GET /api/enterprises?matterCode=<unknown> matches no enterprise', async () => {
    const all = (await t.http.get('/api/enterprises').set(office()).expect(200)).body as Paged<unknown>;
    expect(all.total).toBeGreaterThan(0);
    expect((await t.http.get('/api/enterprises?matterCode=M001').set(office()).expect(200)).body.total).toBeGreaterThan(0);
    const none = (await t.http.get('/api/enterprises?matterCode=NO-SUCH').set(office()).expect(200)).body as Paged<unknown>;
    expect(none).toMatchObject({ total: 0, items: [] });
  });

  it('PATCH with null on a required field is a 400 in Chinese naming the field, and nothing changes', async () => {
    const m = await matterId('M001');
    const [{ id: e }] = await t.sql<{ id: number }>('SELECT id FROM enterprise WHERE uscc = $1', [uscc(1)]);
    const [{ id: i }] = await t.sql<{ id: number }>(`SELECT id FROM inspector WHERE cert_no = 'ZF-EDGE-01'`);
    const [{ id: d }] = await t.sql<{ id: number }>(`SELECT id FROM department WHERE code = 'WHC'`);
    const cases: [string, string][] = [
      [`/api/matters/${m}`, 'name'],
      [`/api/matters/${m}`, 'samplingRatio'],
      [`/api/matters/${m}`, 'seq'],
      [`/api/matters/${m}`, 'leadDepartmentId'],
      [`/api/enterprises/${e}`, 'name'],
      [`/api/enterprises/${e}`, 'regionCode'],
      [`/api/inspectors/${i}`, 'name'],
      [`/api/inspectors/${i}`, 'departmentId'],
      [`/api/departments/${d}`, 'name'],
    ];
    const tables = async () => [
      await t.sql('SELECT * FROM inspection_matter ORDER BY id'),
      await t.sql('SELECT * FROM enterprise ORDER BY id'),
      await t.sql('SELECT * FROM inspector ORDER BY id'),
      await t.sql('SELECT * FROM department ORDER BY id'),
    ];
    const before = await tables();
    const failures: string[] = [];
    for (const [path, field] of cases) {
      const res = await t.http.patch(path).set(office()).send({ [field]: null });
      if (res.status !== 400) {
        failures.push(`${path} ${field}: ${res.status} ${res.text}`);
        continue;
      }
      const body = expectError(res, 400, 'VALIDATION_FAILED');
      expect(body.details?.map((x) => x.field)).toContain(field);
    }
    expect(failures).toEqual([]);
    expect(await tables()).toEqual(before);
  });

  it('PATCH with null still clears a field that may be empty', async () => {
    const m = await matterId('M001');
    await t.http.patch(`/api/matters/${m}`).set(office()).send({ requiredSpeciality: '危险化学品' }).expect(200);
    const res = await t.http.patch(`/api/matters/${m}`).set(office()).send({ requiredSpeciality: null }).expect(200);
    expect(res.body).toMatchObject({ code: 'M001', requiredSpeciality: null });
  });

  it('a key-supervision (重点监管) matter with samplingRatio 0.2 is refused in Chinese, on create and on update', async () => {
    const dep = (await t.sql<{ id: number }>(`SELECT id FROM department WHERE code = 'WHC'`))[0].id;
    const before = await t.sql('SELECT * FROM inspection_matter ORDER BY id');
    const message = '重点监管事项的抽查比例应为 100%（samplingRatio 为 1）';

    const created = await t.http
      .post('/api/matters')
      .set(office())
      .send({ seq: 30, name: '对烟花爆竹零售的监管', samplingRatio: 0.2, keySupervision: true, leadDepartmentId: dep });
    expect(expectError(created, 400, 'VALIDATION_FAILED').message).toBe(message);
    // A key-supervision matter lowered to 20%, and a 20% matter made key supervision.
    const lowered = await t.http.patch(`/api/matters/${await matterId('M002')}`).set(office()).send({ samplingRatio: 0.2 });
    expect(expectError(lowered, 400, 'VALIDATION_FAILED').message).toBe(message);
    const raised = await t.http.patch(`/api/matters/${await matterId('M001')}`).set(office()).send({ keySupervision: true });
    expect(expectError(raised, 400, 'VALIDATION_FAILED').message).toBe(message);
    expect(await t.sql('SELECT * FROM inspection_matter ORDER BY id')).toEqual(before);

    // At 100% it is accepted.
    const ok = await t.http
      .post('/api/matters')
      .set(office())
      .send({ seq: 30, name: '对烟花爆竹零售的监管', samplingRatio: 1, keySupervision: true, leadDepartmentId: dep })
      .expect(201);
    expect(ok.body).toMatchObject({ keySupervision: true, samplingRatio: 1 });
  });
});
