import { usccCheckChar } from '../src/common/uscc';
import { allHeaders, ENTERPRISE_LAYOUT } from '../src/excel/sheet-layouts';
import { createTestApp, type TestApp } from './support/test-app';

const H = allHeaders(ENTERPRISE_LAYOUT);
const uscc = (n: number) => {
  const body = `91320800${String(n).padStart(9, '0')}`;
  return body + usccCheckChar(body);
};
function csv(rows: { n: number; tier?: string; code?: string }[]): Buffer {
  const lines = rows.map(({ n, tier = 'B', code }) => {
    const cells: Record<string, string> = { 统一社会信用代码: code ?? uscc(n), 企业名称: `批量企业${n}`, 行政区划代码: '320803', 经营状态: '存续', 信用等级: tier, 适用事项: 'M001' };
    return H.map((h) => cells[h] ?? '').join(',');
  });
  return Buffer.from([H.join(','), ...lines].join('\n'), 'utf8');
}
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ({ n: from + i }));

/** Loads that add more rows than the roster holds rebuild its indexes instead of maintaining them. */
describe('bulk loads of the roster', () => {
  let t: TestApp;
  let indexes: unknown[];
  const office = () => ({ Authorization: `Bearer ${t.officeToken}` });
  const upload = (buf: Buffer) => t.http.post('/api/enterprises/import').set(office()).attach('file', buf, 'roster.csv');
  const schema = () =>
    t.sql(`SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'enterprise'
           UNION ALL SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'enterprise'::regclass ORDER BY 1`);
  const count = async () => Number((await t.sql<{ n: string }>('SELECT count(*) AS n FROM enterprise'))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    const dep = await t.http.post('/api/departments').set(office()).send({ code: 'WHC', name: '危化处' }).expect(201);
    await t.http.post('/api/matters').set(office()).send({ seq: 1, name: '对危险化学品经营监管', samplingRatio: 0.2, leadDepartmentId: dep.body.id }).expect(201);
    indexes = await schema();
  });
  afterAll(() => t.close());

  it('refuses a load into the empty roster whose bad row comes after the indexes were dropped, leaving no row and every index', async () => {
    // Chunks are 50,000 rows and the second waits for the first's merge, which drops the indexes of
    // the empty roster; the bad row is in the third chunk, so it is found after the drop.
    const bad = `${uscc(100_010).slice(0, 17)}${uscc(100_010).endsWith('0') ? '1' : '0'}`;
    const res = await upload(csv([...range(1, 100_009), { n: 100_010, code: bad }])).expect(422);
    expect(res.body.details.errors).toEqual([expect.objectContaining({ row: 100_011, column: '统一社会信用代码' })]);
    expect(await count()).toBe(0);
    expect(await schema()).toEqual(indexes);
  }, 60_000);

  it('loads the empty roster and puts back the same indexes and constraints, which still hold', async () => {
    await upload(csv(range(1, 3))).expect(200);
    expect(await count()).toBe(3);
    expect(await schema()).toEqual(indexes);
    await expect(t.sql(`INSERT INTO enterprise (uscc, name, region_code) VALUES ($1, '重复', '320803')`, [uscc(1)])).rejects.toThrow(/uq_enterprise_uscc/);
  });

  it('switches to rebuilding midway through a large file and still matches the stored rows after the switch', async () => {
    // 3 stored; the file changes them (one in its first chunk of 50,000 rows, two at its very end,
    // after the switch) and adds 59,997.
    const rows = [{ n: 1, tier: 'C' }, ...range(4, 60_000), { n: 2, tier: 'D' }, { n: 3, tier: 'A' }];
    const res = await upload(csv(rows)).expect(200);
    expect(res.body).toMatchObject({ total: 60_000, created: 59_997, updated: 3, unchanged: 0 });
    expect(await count()).toBe(60_000);
    const tiers = await t.sql<{ uscc: string; credit_tier: string }>('SELECT uscc, credit_tier FROM enterprise WHERE uscc = ANY($1) ORDER BY uscc', [[uscc(1), uscc(2), uscc(3)]]);
    expect(tiers.map((r) => r.credit_tier)).toEqual(['C', 'D', 'A']);
    expect(await schema()).toEqual(indexes);
  }, 60_000);
});
