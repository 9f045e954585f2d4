import { usccCheckChar } from '../src/common/uscc';
import { allHeaders, CONFLICT_LAYOUT, INSPECTOR_LAYOUT, MATTER_LAYOUT } from '../src/excel/sheet-layouts';
import { createTestApp, type TestApp } from './support/test-app';
import { readXlsx, xlsxBuffer } from './support/workbooks';

const uscc = (n: number) => {
  const body = `91320800${String(n).padStart(9, '0')}`;
  return body + usccCheckChar(body);
};

describe('importing the matter list, the inspector pool and recusals', () => {
  let t: TestApp;
  const office = () => ({ Authorization: `Bearer ${t.officeToken}` });
  const upload = (list: string, buf: Buffer, name = 'file.xlsx') => t.http.post(`/api/${list}/import`).set(office()).attach('file', buf, name);

  beforeAll(async () => {
    t = await createTestApp();
    await t.http.post('/api/departments').set(office()).send({ code: 'ZCFG', name: '政策法规处' }).expect(201);
    await t.http.post('/api/departments').set(office()).send({ code: 'WHC', name: '危化处' }).expect(201);
  });
  afterAll(() => t.close());

  const seedHeader = MATTER_LAYOUT.required as readonly string[];
  const hazmat = [1, '对危险化学品经营监管', '危险化学品经营企业', '《危险化学品安全管理条例》第三十三条', '监督检查', '“双随机”监管、信用监管', '20%', '政策法规处'];
  const fireworks = [2, '对烟花爆竹批发企业的监管', '烟花爆竹批发企业', '《烟花爆竹安全管理条例》第三条', '监督检查', '重点监管、信用监管', '100%', '危化处'];

  it('reads the published list in its own eight columns: 20% is 0.2, 100% is 1, 重点监管 marks key supervision', async () => {
    const res = await upload('matters', await xlsxBuffer('清单', [...seedHeader], [hazmat, fireworks])).expect(200);
    expect(res.body).toMatchObject({ created: 2 });
    const list = (await t.http.get('/api/matters').expect(200)).body.items;
    expect(list).toEqual([
      expect.objectContaining({ code: 'M001', samplingRatio: 0.2, keySupervision: false, leadDepartment: expect.objectContaining({ name: '政策法规处' }) }),
      expect.objectContaining({ code: 'M002', samplingRatio: 1, keySupervision: true, leadDepartment: expect.objectContaining({ name: '危化处' }) }),
    ]);
  });

  it('reads a ratio typed as a percentage-formatted number cell (0.2) the same as "20%"', async () => {
    const row = [...hazmat];
    row[6] = 0.25 as unknown as string;
    const res = await upload('matters', await xlsxBuffer('清单', [...seedHeader], [row, fireworks])).expect(200);
    expect(res.body).toMatchObject({ updated: 1, unchanged: 1, changes: [{ key: '对危险化学品经营监管', fields: ['抽查比例'] }] });
    expect((await t.http.get('/api/matters?q=M001').expect(200)).body.items[0].samplingRatio).toBe(0.25);
  });

  it('rejects bad matter rows with reasons and writes nothing', async () => {
    const rows = [
      [3, '对安全生产培训机构的监管', '培训机构', '', '', '“双随机”监管', '120%', '政策法规处'],
      [4, '对安全评价检测检验机构的监管', '评价机构', '', '', '“双随机”监管', '15%', '应急指挥中心'],
      [5, '对烟花爆竹零售的监管', '零售', '', '', '重点监管', '50%', '危化处'],
      [6, '对地震监测设施的监管', '', '', '', '', '', '危化处'],
      [7, '对防震减灾宣传的监管', '', '', '', '', 'abc', '危化处'],
    ];
    const res = await upload('matters', await xlsxBuffer('清单', [...seedHeader], rows)).expect(422);
    const reasons = (res.body.details.errors as { row: number; column: string; reason: string }[]).map((e) => `${e.row}:${e.column}:${e.reason}`);
    expect(reasons).toEqual([
      '2:抽查比例:抽查比例“120%”超出 0–100% 范围',
      '3:牵头部门:未知的牵头部门“应急指挥中心”，请先在“部门”中添加，或填写已有部门的名称或编码',
      '4:抽查比例:重点监管事项的抽查比例应为 100%',
      '5:抽查比例:“抽查比例”不能为空',
      '6:抽查比例:抽查比例“abc”不是百分比或 0–1 之间的小数',
    ]);
    expect((await t.http.get('/api/matters').expect(200)).body.total).toBe(2);
  });

  it('publishes the list: anyone downloads the template (seed columns first) and the export, ratios as percentages', async () => {
    const tpl = await readXlsx((await t.http.get('/api/matters/template.xlsx').responseType('blob').expect(200)).body as Buffer);
    expect(tpl[MATTER_LAYOUT.sheet][0]).toEqual(allHeaders(MATTER_LAYOUT));
    const exp = await readXlsx((await t.http.get('/api/matters/export.xlsx').responseType('blob').expect(200)).body as Buffer);
    const rows = exp[MATTER_LAYOUT.sheet];
    expect(rows[1].slice(0, 8)).toEqual(['1', '对危险化学品经营监管', '危险化学品经营企业', '《危险化学品安全管理条例》第三十三条', '监督检查', '“双随机”监管、信用监管', '25%', '政策法规处']);
    expect(rows[2][6]).toBe('100%');
    await t.http.post('/api/matters/import').expect(401);
  });

  it('imports inspectors by 执法证号, resolving departments by name or code, and keeps contacts off the export for others', async () => {
    const H = allHeaders(INSPECTOR_LAYOUT);
    const rows = [
      ['32080020260001', '张明', '危化处', '危险化学品；烟花爆竹', '320802', '', '', '13800000001', 'zm@example.cn'],
      ['32080020260002', '李华', 'ZCFG', '安全培训', '', '2026-12-01', '2026-12-31', '', ''],
    ];
    const res = await upload('inspectors', await xlsxBuffer(INSPECTOR_LAYOUT.sheet, H, rows)).expect(200);
    expect(res.body).toMatchObject({ created: 2 });
    const li = (await t.http.get('/api/inspectors?q=李华').set(office()).expect(200)).body.items[0];
    expect(li).toMatchObject({ specialities: ['安全培训'], leaveFrom: '2026-12-01', leaveUntil: '2026-12-31' });
    const exp = await readXlsx((await t.http.get('/api/inspectors/export.xlsx').set(office()).responseType('blob').expect(200)).body as Buffer);
    expect(exp[INSPECTOR_LAYOUT.sheet][1]).toEqual(['32080020260001', '张明', '危化处', '危险化学品；烟花爆竹', '320802', '', '', '13800000001', 'zm@example.cn']);
    await t.http.get('/api/inspectors/export.xlsx').set('Authorization', `Bearer ${t.inspectorToken}`).expect(403);

    const bad = [
      ['32080020260003', '王强', '不存在的处', '', '', '', '', '', ''],
      ['32080020260003', '王强', '危化处', '', '', '2026-05-01', '2026-04-01', 'abc', 'not-an-email'],
    ];
    const rej = await upload('inspectors', await xlsxBuffer(INSPECTOR_LAYOUT.sheet, H, bad)).expect(422);
    const reasons = (rej.body.details.errors as { row: number; column: string }[]).map((e) => `${e.row}:${e.column}`);
    expect(reasons.sort()).toEqual(['2:所属部门', '3:休假结束', '3:执法证号', '3:电子邮箱', '3:联系电话'].sort());
  });

  it('imports recusals by (执法证号, USCC) and refuses ones naming people or enterprises not on file', async () => {
    await t.http.post('/api/enterprises').set(office()).send({ uscc: uscc(1), name: '淮安甲化工有限公司', regionCode: '320802' }).expect(201);
    const H = allHeaders(CONFLICT_LAYOUT);
    const ok = await upload('conflicts', await xlsxBuffer(CONFLICT_LAYOUT.sheet, H, [['32080020260001', uscc(1), '近亲属关系', '配偶在该企业任职', '']])).expect(200);
    expect(ok.body).toMatchObject({ created: 1, changes: [{ key: `32080020260001 × ${uscc(1)}`, action: 'created' }] });
    const list = (await t.http.get('/api/conflicts').set(office()).expect(200)).body.items;
    expect(list[0]).toMatchObject({ kind: 'kinship', inspectorName: '张明', enterpriseName: '淮安甲化工有限公司' });

    const rej = await upload('conflicts', await xlsxBuffer(CONFLICT_LAYOUT.sheet, H, [['99999999', uscc(2), '其他', '理由', '']])).expect(422);
    expect(rej.body.details.errors).toEqual([
      expect.objectContaining({ row: 2, column: '执法证号', reason: '执法人员名录库中没有执法证号“99999999”' }),
      expect.objectContaining({ row: 2, column: '统一社会信用代码', reason: '检查对象名录库中没有该企业' }),
    ]);
    expect((await t.http.get('/api/conflicts').set(office()).expect(200)).body.total).toBe(1);
  });
});
