import { usccCheckChar } from '../src/common/uscc';
import { allHeaders, ENTERPRISE_LAYOUT } from '../src/excel/sheet-layouts';
import { createTestApp, type TestApp } from './support/test-app';
import { cellFill, readXlsx, xlsxBuffer } from './support/workbooks';

const H = allHeaders(ENTERPRISE_LAYOUT);
const uscc = (n: number) => {
  const body = `91320800${String(n).padStart(9, '0')}`;
  return body + usccCheckChar(body);
};
/** A full row in template order. */
function row(n: number, over: Partial<Record<string, string | number>> = {}): (string | number)[] {
  const base: Record<string, string | number> = {
    统一社会信用代码: uscc(n), 企业名称: `淮安测试企业${n}有限公司`, 行政区划代码: '320802', 地址: `清江浦区健康路${n}号`, 行业: '危险化学品批发',
    经营状态: '存续', 信用等级: 'B', 四新企业: '否', 观察期开始: '', 观察期结束: '', 触发事由: '', 事故次数: 0, 最近事故日期: '', 适用事项: 'M001',
  };
  const merged = { ...base, ...over };
  return H.map((h) => merged[h] ?? '');
}

describe('importing the enterprise roster', () => {
  let t: TestApp;
  const office = () => ({ Authorization: `Bearer ${t.officeToken}` });
  const upload = (buf: Buffer, name = 'roster.xlsx', query = '') =>
    t.http.post(`/api/enterprises/import${query}`).set(office()).attach('file', buf, name);
  const count = async () => Number((await t.sql<{ n: string }>('SELECT count(*) AS n FROM enterprise'))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    const dep = await t.http.post('/api/departments').set(office()).send({ code: 'WHC', name: '危化处' }).expect(201);
    for (const [seq, name, ratio] of [[1, '对危险化学品经营监管', 0.2], [2, '对烟花爆竹批发企业的监管', 1]] as const) {
      await t.http.post('/api/matters').set(office()).send({ seq, name, samplingRatio: ratio, leadDepartmentId: dep.body.id }).expect(201);
    }
  });
  afterAll(() => t.close());

  it('imports a workbook and reports what it created', async () => {
    const buf = await xlsxBuffer(ENTERPRISE_LAYOUT.sheet, H, [row(1), row(2, { 适用事项: 'M001；M002', 信用等级: 'a' }), row(3, { 四新企业: '是', 观察期开始: '2026-01-01', 观察期结束: '2027-12-31', 触发事由: '投诉举报' })]);
    const res = await upload(buf).expect(200);
    expect(res.body).toMatchObject({ fileKind: 'xlsx', total: 3, created: 3, updated: 0, unchanged: 0 });
    const e2 = (await t.http.get(`/api/enterprises?q=${uscc(2)}`).set(office())).body.items[0];
    expect(e2).toMatchObject({ creditTier: 'A', matterCodes: ['M001', 'M002'], status: 'active' });
    const e3 = (await t.http.get(`/api/enterprises?q=${uscc(3)}`).set(office())).body.items[0];
    expect(e3).toMatchObject({ newEconomy: true, observationStart: '2026-01-01', observationEnd: '2027-12-31', triggerKinds: ['complaint'] });
  });

  it('re-imports by USCC and reports exactly which rows and columns changed', async () => {
    const buf = await xlsxBuffer(ENTERPRISE_LAYOUT.sheet, H, [row(1, { 信用等级: 'C' }), row(2, { 适用事项: 'M002', 信用等级: 'A' }), row(3, { 四新企业: '是', 观察期开始: '2026-01-01', 观察期结束: '2027-12-31', 触发事由: '投诉举报' }), row(4)]);
    const res = await upload(buf).expect(200);
    expect(res.body).toMatchObject({ total: 4, created: 1, updated: 2, unchanged: 1 });
    expect(res.body.changes).toEqual([
      { key: uscc(1), action: 'updated', fields: ['信用等级'] },
      { key: uscc(2), action: 'updated', fields: ['适用事项'] },
      { key: uscc(4), action: 'created' },
    ]);
    const e2 = (await t.http.get(`/api/enterprises?q=${uscc(2)}`).set(office())).body.items[0];
    expect(e2.matterCodes).toEqual(['M002']);
  });

  it('keeps stored values of optional columns the file does not have', async () => {
    const header = ['统一社会信用代码', '企业名称', '行政区划代码'];
    const res = await t.http.post('/api/enterprises/import').set(office()).attach('file', await xlsxBuffer('名录', header, [[uscc(2), '淮安更名企业有限公司', '320803']]), 'partial.xlsx').expect(200);
    expect(res.body).toMatchObject({ updated: 1, changes: [{ key: uscc(2), fields: ['企业名称', '行政区划代码'] }] });
    const e2 = (await t.http.get(`/api/enterprises?q=${uscc(2)}`).set(office())).body.items[0];
    expect(e2).toMatchObject({ name: '淮安更名企业有限公司', creditTier: 'A', matterCodes: ['M002'] });
  });

  it('rejects the whole file when any row is bad, lists every bad cell, and writes nothing', async () => {
    const before = await count();
    const bad = uscc(10).slice(0, 17) + (uscc(10)[17] === '0' ? '1' : '0');
    const rows = [
      row(11),
      row(10, { 统一社会信用代码: bad }),
      row(12, { 信用等级: 'E' }),
      row(13, { 行政区划代码: '' }),
      row(11, { 企业名称: '重复企业' }),
      row(14, { 适用事项: 'M099' }),
      row(15, { 经营状态: '倒闭' }),
      row(16, { 观察期开始: '2026-05-01', 观察期结束: '2026-01-01' }),
      row(17, { 观察期开始: '2026-02-30' }),
      row(18, { 触发事由: '领导批示' }),
      row(19, { 企业名称: '' }),
    ];
    const res = await upload(await xlsxBuffer(ENTERPRISE_LAYOUT.sheet, H, rows)).expect(422);
    expect(res.body.code).toBe('IMPORT_REJECTED');
    expect(res.body.message).toContain('未写入任何数据');
    const errors = res.body.details.errors as { sheet: string; row: number; column: string; reason: string }[];
    const at = (r: number) => errors.filter((e) => e.row === r).map((e) => `${e.column}|${e.reason}`);
    expect(at(3)[0]).toMatch(/^统一社会信用代码\|统一社会信用代码校验位错误：第 18 位应为/);
    expect(at(4)).toEqual(['信用等级|“信用等级”只能是 A、B、C、D']);
    expect(at(5)).toEqual(['行政区划代码|“行政区划代码”不能为空']);
    expect(at(6)).toEqual(['统一社会信用代码|与第 2 行重复（统一社会信用代码必须唯一）']);
    expect(at(7)[0]).toContain('适用事项|未知的监管事项“M099”');
    expect(at(8)[0]).toContain('经营状态|“经营状态”只能是');
    expect(at(9)).toEqual(['观察期结束|观察期结束日期不能早于开始日期']);
    expect(at(10)[0]).toContain('观察期开始|“观察期开始”不是有效日期');
    expect(at(11)[0]).toContain('触发事由|未知的触发事由“领导批示”');
    expect(at(12)).toEqual(['企业名称|“企业名称”不能为空']);
    expect(errors.every((e) => e.sheet === ENTERPRISE_LAYOUT.sheet)).toBe(true);
    expect(res.body.details.errorCount).toBe(10);
    expect(await count()).toBe(before);

    const marked = await t.http.get(res.body.details.markedWorkbookUrl).set(office()).responseType('blob').expect(200);
    const sheets = await readXlsx(marked.body as Buffer);
    const data = sheets[ENTERPRISE_LAYOUT.sheet];
    expect(data[0].at(-1)).toBe('错误说明');
    expect(data[3].at(-1)).toBe('信用等级：“信用等级”只能是 A、B、C、D');
    expect(data[1][H.length] ?? '').toBe('');
    expect(await cellFill(marked.body as Buffer, 0, `${String.fromCharCode(65 + H.indexOf('信用等级'))}4`)).toBe('FFFFC7CE');
  });

  it('rejects a file without the required columns before reading its rows', async () => {
    const res = await upload(await xlsxBuffer('x', ['企业名称', '地址'], [['甲', '乙']])).expect(422);
    expect(res.body.message).toContain('缺少必填列：统一社会信用代码、行政区划代码');
  });

  it('answers clearly for a missing file, an old .xls or a corrupt workbook', async () => {
    expect((await t.http.post('/api/enterprises/import').set(office()).expect(400)).body.message).toContain('请上传文件');
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await upload(xls, 'old.xls').expect(400)).body.message).toContain('.xls');
    const corrupt = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]);
    expect((await upload(corrupt, 'bad.xlsx').expect(400)).body.message).toContain('无法读取');
  });

  it('imports CSV in UTF-8 with BOM and in GB18030 as Excel saves it on Chinese Windows', async () => {
    const lines = [H.join(','), row(20).join(','), row(21, { 企业名称: '"淮安,逗号企业有限公司"' }).join(',')];
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n'), 'utf8')]);
    expect((await upload(utf8, 'roster.csv').expect(200)).body).toMatchObject({ fileKind: 'csv', created: 2 });
    const e21 = (await t.http.get(`/api/enterprises?q=${uscc(21)}`).set(office())).body.items[0];
    expect(e21.name).toBe('淮安,逗号企业有限公司');

    const text = [H.join(','), row(22, { 企业名称: '淮安国标编码企业有限公司' }).join(',')].join('\r\n');
    const encoded = encodeGb18030(text);
    expect((await upload(encoded, 'gbk.csv').expect(200)).body).toMatchObject({ created: 1 });
    const e22 = (await t.http.get(`/api/enterprises?q=${uscc(22)}`).set(office())).body.items[0];
    expect(e22.name).toBe('淮安国标编码企业有限公司');
  });

  it('does nothing on a dry run but reports what would change', async () => {
    const before = await count();
    const res = await upload(await xlsxBuffer(ENTERPRISE_LAYOUT.sheet, H, [row(30)]), 'r.xlsx', '?dryRun=true').expect(200);
    expect(res.body).toMatchObject({ dryRun: true, created: 1 });
    expect(await count()).toBe(before);
  });

  it('exports what is stored, neutralising text that would run as a formula, and the export imports back unchanged', async () => {
    await upload(await xlsxBuffer(ENTERPRISE_LAYOUT.sheet, H, [row(40, { 企业名称: '=HYPERLINK("http://x","点我")', 地址: '+86 路', 行业: '@SUM(1)' })])).expect(200);
    const res = await t.http.get('/api/enterprises/export.xlsx').set(office()).responseType('blob').expect(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('检查对象名录库.xlsx'));
    const sheet = (await readXlsx(res.body as Buffer))[ENTERPRISE_LAYOUT.sheet];
    expect(sheet[0]).toEqual(H);
    const r40 = sheet.find((r) => r[0] === uscc(40))!;
    expect(r40[1]).toBe(`'=HYPERLINK("http://x","点我")`);
    expect(r40[3]).toBe("'+86 路");
    expect(sheet.length - 1).toBe(await count());

    const again = await upload(res.body as Buffer, 'export.xlsx').expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: await count() });
    const e40 = (await t.http.get(`/api/enterprises?q=${uscc(40)}`).set(office())).body.items[0];
    expect(e40.name).toBe('=HYPERLINK("http://x","点我")');
  });

  it('serves a template with the roster headers and instructions, to the office only', async () => {
    const res = await t.http.get('/api/enterprises/template.xlsx').set(office()).responseType('blob').expect(200);
    const sheets = await readXlsx(res.body as Buffer);
    expect(sheets[ENTERPRISE_LAYOUT.sheet][0]).toEqual(H);
    expect(sheets['填写说明'].length).toBeGreaterThan(H.length);
    await t.http.get('/api/enterprises/template.xlsx').expect(401);
    await t.http.post('/api/enterprises/import').set('Authorization', `Bearer ${t.inspectorToken}`).expect(403);
  });
});

/** GB18030 encoder for the test: Node can decode GB18030 but not encode it, so map the few characters used. */
function encodeGb18030(text: string): Buffer {
  const bytes: number[] = [];
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`no GB18030 mapping for ${ch}`);
      bytes.push(...b);
    }
  }
  return Buffer.from(bytes);
}
