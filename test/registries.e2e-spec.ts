import { bearer, errorText, expectError, type Paged, usccFor, withUsccCheck, withWrongCheck } from './support/api-helpers';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The 一单两库 registries through the HTTP API, as the legal-affairs office uses them:
 * create, read, update, deactivate, list with paging and filters, and the validation rules.
 */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Row = { id: number } & Record<string, unknown>;

const office = () => bearer(t.officeToken);
const get = (path: string) => t.http.get(path).set(office());
const post = (path: string, body: object) => t.http.post(path).set(office()).send(body);
const patch = (path: string, body: object) => t.http.patch(path).set(office()).send(body);
const del = (path: string) => t.http.delete(path).set(office());

async function create(list: string, body: object): Promise<Row> {
  const res = await post(`/api/${list}`, body);
  if (res.status !== 201) throw new Error(`POST /api/${list} answered ${res.status}: ${res.text}`);
  return res.body as Row;
}

async function listAll(list: string): Promise<Row[]> {
  const res = await get(`/api/${list}?pageSize=500`).expect(200);
  const body = res.body as Paged<Row>;
  expect(body.items.length).toBe(body.total);
  return body.items;
}

const ids = (rows: Row[]) => rows.map((r) => r.id).sort((a, b) => a - b);

/**
 * Checks a filter against the unfiltered list: the filtered answer holds exactly the rows
 * the predicate picks, its total counts them, and the filter really narrows the list.
 */
async function expectFilter(list: string, query: string, pick: (r: Row) => boolean): Promise<Row[]> {
  const all = await listAll(list);
  const expected = all.filter(pick);
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.length).toBeLessThan(all.length);
  const res = await get(`/api/${list}?${query}&pageSize=500`).expect(200);
  const body = res.body as Paged<Row>;
  expect(ids(body.items)).toEqual(ids(expected));
  expect(body.total).toBe(expected.length);
  return body.items;
}

async function count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
  return n;
}

/** A roster row with every field filled in, as an import or a careful clerk would send it. */
function enterprise(n: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  const regionCode = (over.regionCode as string | undefined) ?? '320803';
  return {
    uscc: usccFor(regionCode, n),
    name: `淮安测试企业${n}有限公司`,
    regionCode,
    address: `淮安市清江浦区测试路${n}号`,
    industry: '批发业',
    status: 'active',
    creditTier: 'B',
    newEconomy: false,
    observationStart: null,
    observationEnd: null,
    triggerKinds: [],
    accidentCount: 0,
    lastAccidentOn: null,
    ...over,
  };
}

describe('departments', () => {
  it('creates, reads, renames and deactivates a department, which stays readable', async () => {
    const created = await post('/api/departments', { code: 'WHC', name: '危化处' }).expect(201);
    expect(created.body).toMatchObject({ code: 'WHC', name: '危化处', active: true });
    const id = (created.body as Row).id;

    expect((await get(`/api/departments/${id}`).expect(200)).body).toMatchObject({ id, code: 'WHC', name: '危化处', active: true });

    const renamed = await patch(`/api/departments/${id}`, { name: '危险化学品安全监督管理处' }).expect(200);
    expect(renamed.body).toMatchObject({ id, code: 'WHC', name: '危险化学品安全监督管理处', active: true });
    expect((await get(`/api/departments/${id}`).expect(200)).body).toMatchObject({ name: '危险化学品安全监督管理处', code: 'WHC' });

    expect((await del(`/api/departments/${id}`).expect(200)).body).toMatchObject({ id, active: false });
    expect((await get(`/api/departments/${id}`).expect(200)).body).toMatchObject({ id, code: 'WHC', active: false });
  });

  it('rejects a second department with the same code (409)', async () => {
    await create('departments', { code: 'ZFFGC', name: '政策法规处' });
    expectError(await post('/api/departments', { code: 'ZFFGC', name: '另一个处' }), 409, 'CONFLICT');
    expect(await count('department', 'code = $1', ['ZFFGC'])).toBe(1);
  });

  it('rejects a malformed code with a Chinese message on the field', async () => {
    const body = expectError(await post('/api/departments', { code: '危 化', name: '某处' }), 400, 'VALIDATION_FAILED');
    expect(body.details).toContainEqual({ field: 'code', message: expect.stringContaining('部门编码') });
  });

  it('answers 404 for a department that does not exist and 400 for an id that is not a number', async () => {
    const body = expectError(await get('/api/departments/987654'), 404, 'NOT_FOUND');
    expect(body.message).toContain('987654');
    expectError(await get('/api/departments/abc'), 400);
  });

  describe('filters', () => {
    beforeAll(async () => {
      await create('departments', { code: 'JCZD', name: '执法监察支队' });
      const old = await create('departments', { code: 'AJJ-OLD', name: '原安监科' });
      await del(`/api/departments/${old.id}`).expect(200);
    });

    it('q finds departments by part of the code or of the name', async () => {
      const byCode = await expectFilter('departments', 'q=jczd', (d) => String(d.code).toLowerCase().includes('jczd'));
      expect(byCode.map((d) => d.name)).toEqual(['执法监察支队']);
      const byName = await expectFilter('departments', `q=${encodeURIComponent('法规')}`, (d) => String(d.name).includes('法规'));
      expect(byName.map((d) => d.code)).toEqual(['ZFFGC']);
    });

    it('active=false lists only deactivated departments, active=true only the others', async () => {
      const inactive = await expectFilter('departments', 'active=false', (d) => d.active === false);
      expect(inactive.map((d) => d.code)).toEqual(expect.arrayContaining(['WHC', 'AJJ-OLD']));
      const active = await expectFilter('departments', 'active=true', (d) => d.active === true);
      expect(active.map((d) => d.code)).not.toContain('AJJ-OLD');
    });

    it('rejects an active value that is not true or false', async () => {
      const body = expectError(await get('/api/departments?active=maybe'), 400);
      expect(errorText(body)).toContain('active');
    });
  });
});

describe('matters', () => {
  let whc: Row;
  let zff: Row;
  beforeAll(async () => {
    whc = await create('departments', { code: 'M-WHC', name: '危化监管处' });
    zff = await create('departments', { code: 'M-ZFC', name: '政策法规科' });
  });

  const full = () => ({
    code: 'WHP',
    seq: 1,
    name: '对危险化学品经营的监管',
    targetDescription: '危险化学品经营企业',
    legalBasis: '《危险化学品安全管理条例》',
    responsibility: '依法对危险化学品经营企业实施监督检查',
    measures: '"双随机"监管、信用监管',
    samplingRatio: 0.2,
    roundsPerYear: 2,
    keySupervision: false,
    highRisk: true,
    leadDepartmentId: whc.id,
    cooperatingUnits: '执法监察支队',
    requiredSpeciality: '危化',
  });

  it('creates a matter with every column of the matter list and reads it back', async () => {
    const res = await post('/api/matters', full()).expect(201);
    const { leadDepartmentId: _lead, ...fields } = full();
    expect(res.body).toMatchObject({
      ...fields,
      leadDepartmentId: whc.id,
      leadDepartment: { id: whc.id, name: '危化监管处' },
      active: true,
    });
    const again = await get(`/api/matters/${(res.body as Row).id}`).expect(200);
    expect(again.body).toMatchObject({ ...fields, leadDepartment: { name: '危化监管处' }, active: true });
  });

  it('numbers the code from the sequence number when none is given', async () => {
    const res = await post('/api/matters', {
      seq: 7,
      name: '对烟花爆竹批发企业的监管',
      samplingRatio: 1,
      keySupervision: true,
      leadDepartmentId: whc.id,
    }).expect(201);
    expect(res.body).toMatchObject({ code: 'M007', seq: 7, samplingRatio: 1, keySupervision: true, roundsPerYear: 1, highRisk: false });
  });

  it.each([0.2, 0.0125, 0.1, 0.3, 0.35, 0.07, 0.9999, 0.0001, 0, 1])(
    'keeps samplingRatio %p exactly, as a JSON number, in the answer, on reading and in the list',
    async (ratio) => {
      const name = `比例测试事项（${ratio}）`;
      const res = await post('/api/matters', {
        code: `R${String(ratio).replace('.', '_')}`,
        seq: 50,
        name,
        samplingRatio: ratio,
        leadDepartmentId: whc.id,
      }).expect(201);
      const id = (res.body as Row).id;
      expect((res.body as Row).samplingRatio).toBe(ratio);
      expect(res.text).toContain(`"samplingRatio":${ratio}`);
      const got = await get(`/api/matters/${id}`).expect(200);
      expect((got.body as Row).samplingRatio).toBe(ratio);
      expect(got.text).toContain(`"samplingRatio":${ratio}`);
      const listed = await get(`/api/matters?q=${encodeURIComponent(name)}`).expect(200);
      expect((listed.body as Paged<Row>).items.map((m) => m.samplingRatio)).toEqual([ratio]);
    },
  );

  it.each([
    [1.5, '不能大于 1'],
    [0.12345, '最多 4 位小数'],
    [-0.1, '不能小于 0'],
    ['0.2', '必须是最多 4 位小数的数字'],
  ])('rejects samplingRatio %p with a Chinese message and writes nothing', async (ratio, message) => {
    const before = await count('inspection_matter');
    const body = expectError(
      await post('/api/matters', { seq: 60, name: '不应写入的事项', samplingRatio: ratio, leadDepartmentId: whc.id }),
      400,
      'VALIDATION_FAILED',
    );
    expect(body.details).toContainEqual({ field: 'samplingRatio', message: expect.stringContaining(message) });
    expect(await count('inspection_matter')).toBe(before);
  });

  it('PATCH sets the ratio to 0.0125 exactly and moves the lead department, keeping the other columns', async () => {
    const m = await create('matters', { ...full(), code: 'AQPX', seq: 6, name: '对安全生产培训机构的监管', samplingRatio: 0.05 });
    const res = await patch(`/api/matters/${m.id}`, { samplingRatio: 0.0125, leadDepartmentId: zff.id }).expect(200);
    expect(res.body).toMatchObject({ samplingRatio: 0.0125, leadDepartmentId: zff.id, leadDepartment: { name: '政策法规科' } });
    const got = (await get(`/api/matters/${m.id}`).expect(200)).body as Row;
    expect(got).toMatchObject({
      samplingRatio: 0.0125,
      leadDepartmentId: zff.id,
      name: '对安全生产培训机构的监管',
      legalBasis: '《危险化学品安全管理条例》',
      roundsPerYear: 2,
    });
  });

  it('PATCH rejects a ratio above 1 and leaves the stored ratio as it was', async () => {
    const m = await create('matters', { code: 'PATCH-R', seq: 61, name: '比例修改测试', samplingRatio: 0.2, leadDepartmentId: whc.id });
    const body = expectError(await patch(`/api/matters/${m.id}`, { samplingRatio: 1.5 }), 400);
    expect(errorText(body)).toContain('抽查比例');
    expect(((await get(`/api/matters/${m.id}`).expect(200)).body as Row).samplingRatio).toBe(0.2);
  });

  it('rejects an unknown lead department with a 400 naming it', async () => {
    const body = expectError(
      await post('/api/matters', { seq: 62, name: '无牵头部门', samplingRatio: 0.1, leadDepartmentId: 999999 }),
      400,
    );
    expect(body.message).toContain('牵头部门不存在');
    expect(body.message).toContain('999999');
  });

  it('rejects a second matter with the same name (409)', async () => {
    expectError(await post('/api/matters', { ...full(), code: 'WHP-2' }), 409, 'CONFLICT');
  });

  it('answers 404 for a matter that does not exist', async () => {
    expect(expectError(await get('/api/matters/987654'), 404, 'NOT_FOUND').message).toContain('987654');
  });

  it('DELETE deactivates a matter, which stays readable', async () => {
    const m = await create('matters', {
      code: 'ZXDZ',
      seq: 12,
      name: '对专用地震监测台网建设的监管',
      samplingRatio: 0.1,
      leadDepartmentId: zff.id,
    });
    expect((await del(`/api/matters/${m.id}`).expect(200)).body).toMatchObject({ id: m.id, active: false });
    expect((await get(`/api/matters/${m.id}`).expect(200)).body).toMatchObject({ code: 'ZXDZ', active: false, samplingRatio: 0.1 });
  });

  describe('filters', () => {
    it('q finds matters by part of the code or of the name', async () => {
      const byName = await expectFilter('matters', `q=${encodeURIComponent('烟花爆竹')}`, (m) => String(m.name).includes('烟花爆竹'));
      expect(byName.map((m) => m.code)).toEqual(['M007']);
      await expectFilter('matters', 'q=aqpx', (m) => String(m.code).toLowerCase().includes('aqpx'));
    });

    it('leadDepartmentId lists the matters a department leads', async () => {
      const led = await expectFilter('matters', `leadDepartmentId=${zff.id}`, (m) => m.leadDepartmentId === zff.id);
      expect(led.map((m) => m.code).sort()).toEqual(['AQPX', 'ZXDZ']);
    });

    it('keySupervision=true lists the key-supervision matters', async () => {
      const key = await expectFilter('matters', 'keySupervision=true', (m) => m.keySupervision === true);
      expect(key.map((m) => m.code)).toEqual(['M007']);
    });

    it('active=false lists the deactivated matters', async () => {
      const gone = await expectFilter('matters', 'active=false', (m) => m.active === false);
      expect(gone.map((m) => m.code)).toEqual(['ZXDZ']);
      await expectFilter('matters', 'active=true', (m) => m.active === true);
    });
  });
});

describe('enterprises', () => {
  let dept: Row;
  beforeAll(async () => {
    dept = await create('departments', { code: 'E-WHC', name: '企业测试处' });
    // Sequence numbers 3 and 2 on purpose: an enterprise's matters come back in list order.
    await create('matters', { code: 'E-WHP', seq: 3, name: '企业测试：危险化学品经营', samplingRatio: 0.2, leadDepartmentId: dept.id });
    await create('matters', {
      code: 'E-YHBZ',
      seq: 2,
      name: '企业测试：烟花爆竹批发',
      samplingRatio: 1,
      keySupervision: true,
      leadDepartmentId: dept.id,
    });
  });

  it('test fixtures: the USCC helper agrees with a real code', () => {
    // Anchors the independent check-character helper the other tests build codes with.
    expect(withUsccCheck('91110000600037341')).toBe('91110000600037341L');
  });

  it.each(['91110000600037341L', '91350100M000100Y43'])('accepts the real USCC %s', async (uscc) => {
    const res = await post('/api/enterprises', enterprise(0, { uscc, name: `真实代码企业 ${uscc}` })).expect(201);
    expect(res.body).toMatchObject({ uscc });
  });

  it('creates an enterprise with its matters and reads every field back exactly', async () => {
    const body = enterprise(1, {
      name: '淮安市清江浦化工贸易有限公司',
      creditTier: 'C',
      newEconomy: true,
      observationStart: '2024-01-01',
      observationEnd: '2025-12-31',
      triggerKinds: ['complaint', 'handover'],
      accidentCount: 1,
      lastAccidentOn: '2023-06-30',
      matterCodes: ['E-WHP', 'E-YHBZ'],
    });
    const res = await post('/api/enterprises', body).expect(201);
    const { matterCodes: _codes, ...fields } = body;
    // Matters come back in the order of the matter list (序号), whatever order they were sent in.
    const expected = { ...fields, active: true, matterCodes: ['E-YHBZ', 'E-WHP'] };
    expect(res.body).toMatchObject(expected);
    expect((await get(`/api/enterprises/${(res.body as Row).id}`).expect(200)).body).toMatchObject(expected);
  });

  it('creates an enterprise from the required fields only (USCC, name, region), defaulting the rest', async () => {
    const uscc = usccFor('320803', 2);
    const res = await post('/api/enterprises', { uscc, name: '只填必填项的企业', regionCode: '320803' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      uscc,
      status: 'active',
      creditTier: 'B',
      newEconomy: false,
      address: '',
      triggerKinds: [],
      matterCodes: [],
      active: true,
    });
  });

  it('PATCH changes only the fields sent, replaces the matter list and keeps the rest', async () => {
    const e = await create('enterprises', enterprise(3, { creditTier: 'A', matterCodes: ['E-WHP'] }));
    const res = await patch(`/api/enterprises/${e.id}`, { creditTier: 'D', status: 'suspended', matterCodes: ['E-YHBZ'] }).expect(200);
    const expected = {
      uscc: e.uscc,
      name: e.name,
      address: e.address,
      industry: e.industry,
      regionCode: '320803',
      creditTier: 'D',
      status: 'suspended',
      matterCodes: ['E-YHBZ'],
      active: true,
    };
    expect(res.body).toMatchObject(expected);
    expect((await get(`/api/enterprises/${e.id}`).expect(200)).body).toMatchObject(expected);
  });

  it('DELETE deactivates an enterprise, which stays readable with its matters', async () => {
    const e = await create('enterprises', enterprise(5, { matterCodes: ['E-WHP'] }));
    expect((await del(`/api/enterprises/${e.id}`).expect(200)).body).toMatchObject({ id: e.id, active: false });
    expect((await get(`/api/enterprises/${e.id}`).expect(200)).body).toMatchObject({ uscc: e.uscc, active: false, matterCodes: ['E-WHP'] });
  });

  it('rejects a wrong check character, naming the character that was expected, and writes nothing', async () => {
    const good = usccFor('320803', 6);
    const bad = withWrongCheck(good);
    const body = expectError(await post('/api/enterprises', enterprise(6, { uscc: bad })), 400, 'VALIDATION_FAILED');
    expect(body.details).toContainEqual({ field: 'uscc', message: expect.stringContaining(`应为“${good[17]}”`) });
    expect(errorText(body)).toContain('校验位');
    expect(await count('enterprise', 'uscc LIKE $1', [`${good.slice(0, 17)}%`])).toBe(0);
  });

  it.each([
    ['17 characters', '91110000600037341', '应为 18 位'],
    ['a letter I', '91110000600I37341L', '不是合法字符'],
    ['lower case', '91350100m000100Y43', '不是合法字符'],
  ])('rejects a USCC with %s with a Chinese message', async (_what, uscc, message) => {
    const body = expectError(await post('/api/enterprises', enterprise(7, { uscc })), 400);
    expect(body.details).toContainEqual({ field: 'uscc', message: expect.stringContaining(message) });
  });

  it('rejects a duplicate USCC with 409 and keeps the stored enterprise unchanged', async () => {
    const e = await create('enterprises', enterprise(8, { name: '先登记的企业' }));
    const body = expectError(await post('/api/enterprises', enterprise(8, { name: '后登记的企业' })), 409, 'CONFLICT');
    expect(body.message).toContain(e.uscc as string);
    expect((await get(`/api/enterprises/${e.id}`).expect(200)).body).toMatchObject({ name: '先登记的企业' });
    expect(await count('enterprise', 'uscc = $1', [e.uscc])).toBe(1);
  });

  it('rejects unknown matter codes with a 400 listing each of them, and writes nothing', async () => {
    const body = expectError(await post('/api/enterprises', enterprise(9, { matterCodes: ['E-WHP', 'NO-SUCH-1', 'NO-SUCH-2'] })), 400);
    expect(body.message).toContain('NO-SUCH-1');
    expect(body.message).toContain('NO-SUCH-2');
    expect(body.message).not.toContain('E-WHP');
    expect(await count('enterprise', 'uscc = $1', [usccFor('320803', 9)])).toBe(0);
  });

  it('rejects an observation period that ends before it starts, on create and on PATCH', async () => {
    const body = expectError(
      await post('/api/enterprises', enterprise(10, { observationStart: '2025-01-01', observationEnd: '2024-12-31' })),
      400,
    );
    expect(body.message).toContain('观察期');
    expect(await count('enterprise', 'uscc = $1', [usccFor('320803', 10)])).toBe(0);

    const e = await create(
      'enterprises',
      enterprise(11, { newEconomy: true, observationStart: '2024-01-01', observationEnd: '2025-12-31' }),
    );
    expect(expectError(await patch(`/api/enterprises/${e.id}`, { observationEnd: '2023-12-31' }), 400).message).toContain('观察期');
    expect((await get(`/api/enterprises/${e.id}`).expect(200)).body).toMatchObject({ observationEnd: '2025-12-31' });
  });

  it.each([
    ['an impossible date', { observationStart: '2024-02-30' }, 'observationStart'],
    ['an unknown credit tier', { creditTier: 'E' }, 'creditTier'],
    ['an unknown status', { status: '营业' }, 'status'],
    ['a 4-digit region code', { regionCode: '3208' }, 'regionCode'],
  ])('rejects %s with a Chinese message on the field', async (_what, over, field) => {
    const body = expectError(await post('/api/enterprises', { ...enterprise(12), ...over }), 400);
    expect(body.details).toContainEqual({ field, message: expect.stringMatching(/[\u4e00-\u9fff]/) });
  });

  it('answers 404 for an enterprise that does not exist', async () => {
    expect(expectError(await get('/api/enterprises/987654'), 404, 'NOT_FOUND').message).toContain('987654');
  });

  describe('filters', () => {
    let a: Row;
    let b: Row;
    let c: Row;
    let gone: Row;
    beforeAll(async () => {
      a = await create(
        'enterprises',
        enterprise(101, { name: '清江浦区精细化工仓储有限公司', creditTier: 'A', newEconomy: true, matterCodes: ['E-WHP'] }),
      );
      b = await create(
        'enterprises',
        enterprise(102, { regionCode: '320812', creditTier: 'C', status: 'suspended', matterCodes: ['E-YHBZ'] }),
      );
      c = await create(
        'enterprises',
        enterprise(103, {
          regionCode: '320100',
          name: '南京烟花批发有限公司',
          creditTier: 'D',
          status: 'cancelled',
          matterCodes: ['E-WHP', 'E-YHBZ'],
        }),
      );
      gone = await create('enterprises', enterprise(104, { newEconomy: true }));
      await del(`/api/enterprises/${gone.id}`).expect(200);
    });

    it('q finds enterprises by part of the name', async () => {
      const found = await expectFilter('enterprises', `q=${encodeURIComponent('精细化工仓储')}`, (e) =>
        String(e.name).includes('精细化工仓储'),
      );
      expect(ids(found)).toEqual([a.id]);
    });

    it('q finds enterprises by the start of the USCC, in any letter case', async () => {
      const found = await expectFilter('enterprises', 'q=91350100m', (e) => String(e.uscc).startsWith('91350100M'));
      expect(found.map((e) => e.uscc)).toEqual(['91350100M000100Y43']);
    });

    it('region takes a prefix of the region code: a city or one district', async () => {
      const city = await expectFilter('enterprises', 'region=3208', (e) => String(e.regionCode).startsWith('3208'));
      expect(ids(city)).toEqual(expect.arrayContaining([a.id, b.id]));
      expect(ids(city)).not.toContain(c.id);
      const district = await expectFilter('enterprises', 'region=320812', (e) => e.regionCode === '320812');
      expect(ids(district)).toEqual([b.id]);
    });

    it('creditTier lists one tier', async () => {
      const d = await expectFilter('enterprises', 'creditTier=D', (e) => e.creditTier === 'D');
      expect(ids(d)).toContain(c.id);
      expect(ids(await expectFilter('enterprises', 'creditTier=A', (e) => e.creditTier === 'A'))).toContain(a.id);
    });

    it('status lists one registration status', async () => {
      const suspended = await expectFilter('enterprises', 'status=suspended', (e) => e.status === 'suspended');
      expect(ids(suspended)).toContain(b.id);
      expect(ids(await expectFilter('enterprises', 'status=cancelled', (e) => e.status === 'cancelled'))).toEqual([c.id]);
    });

    it('matterCode lists the enterprises subject to a matter', async () => {
      const fireworks = await expectFilter('enterprises', 'matterCode=E-YHBZ', (e) => (e.matterCodes as string[]).includes('E-YHBZ'));
      expect(ids(fireworks)).toEqual(expect.arrayContaining([b.id, c.id]));
      expect(ids(fireworks)).not.toContain(a.id);
    });

    it('newEconomy picks the 四新 enterprises or the others', async () => {
      const fresh = await expectFilter('enterprises', 'newEconomy=true', (e) => e.newEconomy === true);
      expect(ids(fresh)).toEqual(expect.arrayContaining([a.id, gone.id]));
      expect(ids(await expectFilter('enterprises', 'newEconomy=false', (e) => e.newEconomy === false))).toContain(b.id);
    });

    it('active=false lists the deactivated enterprises', async () => {
      expect(ids(await expectFilter('enterprises', 'active=false', (e) => e.active === false))).toContain(gone.id);
      expect(ids(await expectFilter('enterprises', 'active=true', (e) => e.active === true))).not.toContain(gone.id);
    });

    it('filters combine', async () => {
      const found = await expectFilter(
        'enterprises',
        'region=3208&creditTier=A&newEconomy=true',
        (e) => String(e.regionCode).startsWith('3208') && e.creditTier === 'A' && e.newEconomy === true,
      );
      expect(ids(found)).toContain(a.id);
    });

    it.each([
      ['region=32a', 'region'],
      ['creditTier=E', 'creditTier'],
      ['status=unknown', 'status'],
      ['newEconomy=maybe', 'newEconomy'],
    ])('rejects the bad filter %s with a 400 naming it', async (query, field) => {
      const body = expectError(await get(`/api/enterprises?${query}`), 400);
      expect(body.details?.map((d) => d.field)).toContain(field);
    });
  });
});

describe('inspectors', () => {
  let d1: Row;
  let d2: Row;
  beforeAll(async () => {
    d1 = await create('departments', { code: 'I-WHC', name: '人员测试一处' });
    d2 = await create('departments', { code: 'I-JCZD', name: '人员测试支队' });
  });

  const inspector = (certNo: string, over: Record<string, unknown> = {}) => ({
    certNo,
    name: `执法员${certNo}`,
    departmentId: d1.id,
    ...over,
  });

  it('creates, reads, updates and deactivates an inspector, who stays readable', async () => {
    const body = inspector('ZF32080001', {
      name: '张伟',
      specialities: ['危化', '烟花爆竹'],
      regionCode: '320803',
      phone: '0517-83600000',
      email: 'zhangwei@example.cn',
    });
    const created = await post('/api/inspectors', body).expect(201);
    expect(created.body).toMatchObject({ ...body, leaveFrom: null, leaveUntil: null, active: true });
    const id = (created.body as Row).id;
    expect((await get(`/api/inspectors/${id}`).expect(200)).body).toMatchObject(body);

    const upd = await patch(`/api/inspectors/${id}`, {
      departmentId: d2.id,
      specialities: ['危化'],
      leaveFrom: '2025-03-01',
      leaveUntil: '2025-03-10',
    }).expect(200);
    const expected = {
      certNo: 'ZF32080001',
      name: '张伟',
      departmentId: d2.id,
      specialities: ['危化'],
      leaveFrom: '2025-03-01',
      leaveUntil: '2025-03-10',
      phone: '0517-83600000',
      active: true,
    };
    expect(upd.body).toMatchObject(expected);
    expect((await get(`/api/inspectors/${id}`).expect(200)).body).toMatchObject(expected);

    expect((await del(`/api/inspectors/${id}`).expect(200)).body).toMatchObject({ id, active: false });
    expect((await get(`/api/inspectors/${id}`).expect(200)).body).toMatchObject({ certNo: 'ZF32080001', active: false });
  });

  it('rejects a second inspector with the same 执法证号 (409)', async () => {
    await create('inspectors', inspector('ZF-DUP-01'));
    expectError(await post('/api/inspectors', inspector('ZF-DUP-01', { name: '另一人' })), 409, 'CONFLICT');
    expect(await count('inspector', 'cert_no = $1', ['ZF-DUP-01'])).toBe(1);
  });

  it('rejects an unknown department with a 400 naming it', async () => {
    const body = expectError(await post('/api/inspectors', inspector('ZF-NODEPT', { departmentId: 999999 })), 400);
    expect(body.message).toContain('999999');
  });

  it('rejects leave that ends before it starts, or an end without a start', async () => {
    expect(
      expectError(await post('/api/inspectors', inspector('ZF-LEAVE1', { leaveFrom: '2025-03-10', leaveUntil: '2025-03-01' })), 400)
        .message,
    ).toContain('休假');
    expect(expectError(await post('/api/inspectors', inspector('ZF-LEAVE2', { leaveUntil: '2025-03-01' })), 400).message).toContain('休假');
    const i = await create('inspectors', inspector('ZF-LEAVE3', { leaveFrom: '2025-05-01', leaveUntil: '2025-05-03' }));
    expectError(await patch(`/api/inspectors/${i.id}`, { leaveUntil: '2025-04-30' }), 400);
    expect((await get(`/api/inspectors/${i.id}`).expect(200)).body).toMatchObject({ leaveUntil: '2025-05-03' });
  });

  it.each([
    ['a malformed 执法证号', { certNo: '证号' }, 'certNo'],
    ['a malformed e-mail address', { email: 'not-an-email' }, 'email'],
    ['a malformed phone number', { phone: 'call me' }, 'phone'],
  ])('rejects %s with a Chinese message on the field', async (_what, over, field) => {
    const body = expectError(await post('/api/inspectors', { ...inspector('ZF-BAD-01'), ...over }), 400);
    expect(body.details).toContainEqual({ field, message: expect.stringMatching(/[\u4e00-\u9fff]/) });
  });

  it('answers 404 for an inspector who does not exist', async () => {
    expect(expectError(await get('/api/inspectors/987654'), 404, 'NOT_FOUND').message).toContain('987654');
  });

  describe('filters', () => {
    let free: Row;
    let shortLeave: Row;
    let openLeave: Row;
    let retired: Row;
    beforeAll(async () => {
      free = await create('inspectors', inspector('ZF-F-0001', { name: '王芳', specialities: ['危化'] }));
      shortLeave = await create(
        'inspectors',
        inspector('ZF-F-0002', {
          name: '李强',
          departmentId: d2.id,
          specialities: ['烟花爆竹'],
          leaveFrom: '2025-03-01',
          leaveUntil: '2025-03-10',
        }),
      );
      openLeave = await create(
        'inspectors',
        inspector('ZF-F-0003', { name: '赵敏', specialities: ['危化', '烟花爆竹'], leaveFrom: '2025-03-05' }),
      );
      retired = await create('inspectors', inspector('ZF-F-0004', { name: '孙磊', departmentId: d2.id }));
      await del(`/api/inspectors/${retired.id}`).expect(200);
    });

    it('q finds inspectors by part of the 执法证号 or of the name', async () => {
      expect(ids(await expectFilter('inspectors', 'q=f-0002', (i) => String(i.certNo).toLowerCase().includes('f-0002')))).toEqual([
        shortLeave.id,
      ]);
      expect(ids(await expectFilter('inspectors', `q=${encodeURIComponent('赵敏')}`, (i) => String(i.name).includes('赵敏')))).toEqual([
        openLeave.id,
      ]);
    });

    it('departmentId lists one department’s inspectors', async () => {
      const found = await expectFilter('inspectors', `departmentId=${d2.id}`, (i) => i.departmentId === d2.id);
      expect(ids(found)).toEqual(expect.arrayContaining([shortLeave.id, retired.id]));
      expect(ids(found)).not.toContain(free.id);
    });

    it('speciality lists the inspectors who have it', async () => {
      const found = await expectFilter('inspectors', `speciality=${encodeURIComponent('烟花爆竹')}`, (i) =>
        (i.specialities as string[]).includes('烟花爆竹'),
      );
      expect(ids(found)).toEqual(expect.arrayContaining([shortLeave.id, openLeave.id]));
      expect(ids(found)).not.toContain(free.id);
    });

    const onLeave = (i: Row, day: string) => {
      const from = i.leaveFrom as string | null;
      const until = i.leaveUntil as string | null;
      return from !== null && from <= day && (until === null || until >= day);
    };

    it.each([
      ['2025-02-28', [true, true, true]],
      ['2025-03-01', [true, false, true]],
      ['2025-03-05', [true, false, false]],
      ['2025-03-10', [true, false, false]],
      ['2025-03-11', [true, true, false]],
    ])('availableOn=%s leaves out whoever is on leave that day (both ends included)', async (day, [f, s, o]) => {
      const res = await get(`/api/inspectors?availableOn=${day}&pageSize=500`).expect(200);
      const found = ids((res.body as Paged<Row>).items);
      expect([free.id, shortLeave.id, openLeave.id].map((id) => found.includes(id))).toEqual([f, s, o]);
      const all = await listAll('inspectors');
      expect(found).toEqual(ids(all.filter((i) => !onLeave(i, day))));
      expect((res.body as Paged<Row>).total).toBe(found.length);
    });

    it('availableOn must be a date', async () => {
      const body = expectError(await get('/api/inspectors?availableOn=2025-02-30'), 400);
      expect(body.details?.map((d) => d.field)).toContain('availableOn');
    });

    it('active=false lists the deactivated inspectors', async () => {
      expect(ids(await expectFilter('inspectors', 'active=false', (i) => i.active === false))).toContain(retired.id);
      expect(ids(await expectFilter('inspectors', 'active=true', (i) => i.active === true))).not.toContain(retired.id);
    });
  });
});

describe('conflicts (回避)', () => {
  let insp: Row[];
  let ents: Row[];
  beforeAll(async () => {
    const d = await create('departments', { code: 'C-DEPT', name: '回避测试处' });
    insp = [];
    for (const n of [1, 2, 3])
      insp.push(await create('inspectors', { certNo: `ZF-C-000${n}`, name: `回避测试员${n}`, departmentId: d.id }));
    ents = [];
    for (const n of [201, 202]) ents.push(await create('enterprises', enterprise(n)));
  });

  it('records a conflict with the names the office reads it by, updates and deactivates it', async () => {
    const body = {
      inspectorId: insp[0].id,
      enterpriseId: ents[0].id,
      kind: 'kinship',
      reason: '配偶任该企业法定代表人',
      validUntil: '2027-12-31',
    };
    const res = await post('/api/conflicts', body).expect(201);
    const names = {
      inspectorName: '回避测试员1',
      inspectorCertNo: 'ZF-C-0001',
      enterpriseName: ents[0].name,
      enterpriseUscc: ents[0].uscc,
    };
    expect(res.body).toMatchObject({ ...body, ...names, active: true });
    const id = (res.body as Row).id;
    expect((await get(`/api/conflicts/${id}`).expect(200)).body).toMatchObject({ ...body, ...names });

    const upd = await patch(`/api/conflicts/${id}`, { kind: 'former_employment', reason: '三年内曾在该企业任职', validUntil: null }).expect(
      200,
    );
    expect(upd.body).toMatchObject({
      inspectorId: insp[0].id,
      enterpriseId: ents[0].id,
      kind: 'former_employment',
      reason: '三年内曾在该企业任职',
      validUntil: null,
      active: true,
    });

    expect((await del(`/api/conflicts/${id}`).expect(200)).body).toMatchObject({ id, active: false });
    expect((await get(`/api/conflicts/${id}`).expect(200)).body).toMatchObject({ id, kind: 'former_employment', active: false, ...names });
  });

  it('rejects a second record for the same inspector and enterprise (409)', async () => {
    await create('conflicts', { inspectorId: insp[1].id, enterpriseId: ents[0].id, kind: 'other', reason: '曾有经济往来' });
    expectError(
      await post('/api/conflicts', { inspectorId: insp[1].id, enterpriseId: ents[0].id, kind: 'kinship', reason: '再登记一次' }),
      409,
      'CONFLICT',
    );
    expect(await count('conflict', 'inspector_id = $1 AND enterprise_id = $2', [insp[1].id, ents[0].id])).toBe(1);
  });

  it('rejects an unknown inspector or enterprise with a 400 naming it', async () => {
    const noInspector = expectError(
      await post('/api/conflicts', { inspectorId: 999998, enterpriseId: ents[0].id, kind: 'other', reason: 'x' }),
      400,
    );
    expect(noInspector.message).toContain('999998');
    const noEnterprise = expectError(
      await post('/api/conflicts', { inspectorId: insp[0].id, enterpriseId: 999997, kind: 'other', reason: 'x' }),
      400,
    );
    expect(noEnterprise.message).toContain('999997');
  });

  it('rejects an unknown kind and an empty reason with Chinese messages', async () => {
    const body = expectError(
      await post('/api/conflicts', { inspectorId: insp[2].id, enterpriseId: ents[1].id, kind: 'friendship', reason: '' }),
      400,
    );
    expect(body.details).toContainEqual({ field: 'kind', message: expect.stringContaining('回避类型') });
    expect(body.details).toContainEqual({ field: 'reason', message: expect.stringContaining('回避理由') });
  });

  it('answers 404 for a conflict that does not exist', async () => {
    expect(expectError(await get('/api/conflicts/987654'), 404, 'NOT_FOUND').message).toContain('987654');
  });

  describe('filters', () => {
    beforeAll(async () => {
      // Enough rows for paging: inspector 1 and 3 against both enterprises, inspector 2 against the second.
      await create('conflicts', {
        inspectorId: insp[0].id,
        enterpriseId: ents[1].id,
        kind: 'financial_interest',
        reason: '持有该企业股份',
      });
      await create('conflicts', {
        inspectorId: insp[1].id,
        enterpriseId: ents[1].id,
        kind: 'prior_handling',
        reason: '曾办理该企业行政处罚案件',
      });
      await create('conflicts', { inspectorId: insp[2].id, enterpriseId: ents[0].id, kind: 'kinship', reason: '兄弟在该企业任职' });
      const c = await create('conflicts', { inspectorId: insp[2].id, enterpriseId: ents[1].id, kind: 'other', reason: '已解除的关系' });
      await del(`/api/conflicts/${c.id}`).expect(200);
    });

    it('inspectorId lists one inspector’s conflicts', async () => {
      const found = await expectFilter('conflicts', `inspectorId=${insp[2].id}`, (c) => c.inspectorId === insp[2].id);
      expect(found).toHaveLength(2);
    });

    it('enterpriseId lists one enterprise’s conflicts', async () => {
      const found = await expectFilter('conflicts', `enterpriseId=${ents[0].id}`, (c) => c.enterpriseId === ents[0].id);
      expect(found.map((c) => c.inspectorId).sort()).toEqual([insp[0].id, insp[1].id, insp[2].id].sort());
    });

    it('active=true leaves out the deactivated conflicts, and filters combine', async () => {
      await expectFilter('conflicts', 'active=true', (c) => c.active === true);
      await expectFilter('conflicts', 'active=false', (c) => c.active === false);
      const found = await expectFilter(
        'conflicts',
        `inspectorId=${insp[2].id}&active=true`,
        (c) => c.inspectorId === insp[2].id && c.active === true,
      );
      expect(found.map((c) => c.enterpriseId)).toEqual([ents[0].id]);
    });
  });
});

describe('paging', () => {
  const lists: [string, string][] = [
    ['departments', 'department'],
    ['matters', 'inspection_matter'],
    ['enterprises', 'enterprise'],
    ['inspectors', 'inspector'],
    ['conflicts', 'conflict'],
  ];

  it.each(lists)('GET /api/%s answers {items, total}; page 2 holds the rows after page 1, in the same order', async (list, table) => {
    const all = await listAll(list);
    const stored = await count(table);
    expect(stored).toBeGreaterThanOrEqual(5);
    expect(all).toHaveLength(stored);

    const page1 = (await get(`/api/${list}?page=1&pageSize=2`).expect(200)).body as Paged<Row>;
    const page2 = (await get(`/api/${list}?page=2&pageSize=2`).expect(200)).body as Paged<Row>;
    expect(page1.total).toBe(stored);
    expect(page2.total).toBe(stored);
    expect(page1.items.map((r) => r.id)).toEqual(all.slice(0, 2).map((r) => r.id));
    expect(page2.items.map((r) => r.id)).toEqual(all.slice(2, 4).map((r) => r.id));

    const last = Math.ceil(stored / 2);
    const lastPage = (await get(`/api/${list}?page=${last}&pageSize=2`).expect(200)).body as Paged<Row>;
    expect(lastPage.items.map((r) => r.id)).toEqual(all.slice((last - 1) * 2).map((r) => r.id));
    const beyond = (await get(`/api/${list}?page=${last + 1}&pageSize=2`).expect(200)).body as Paged<Row>;
    expect(beyond).toMatchObject({ items: [], total: stored });
  });

  it.each(lists)('GET /api/%s with pageSize over 500 is a 400 in the one error shape', async (list) => {
    const body = expectError(await get(`/api/${list}?pageSize=501`), 400, 'VALIDATION_FAILED');
    expect(body.details).toContainEqual({ field: 'pageSize', message: 'pageSize 最大为 500' });
    await get(`/api/${list}?pageSize=500`).expect(200);
  });

  it.each(lists)('GET and PATCH /api/%s/:id with an id too large for the database are a 400, not a 500', async (list) => {
    expectError(await get(`/api/${list}/99999999999`), 400);
    expectError(await patch(`/api/${list}/99999999999`, {}), 400);
  });

  it.each(lists)('GET /api/%s rejects page 0, a fractional page size and an unknown parameter', async (list) => {
    expect(expectError(await get(`/api/${list}?page=0`), 400).details?.map((d) => d.field)).toContain('page');
    expect(expectError(await get(`/api/${list}?pageSize=2.5`), 400).details?.map((d) => d.field)).toContain('pageSize');
    expect(expectError(await get(`/api/${list}?sort=name`), 400).details).toContainEqual({
      field: 'sort',
      message: expect.stringContaining('sort'),
    });
  });
});
