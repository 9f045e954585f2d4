import { createTestApp, type TestApp } from './support/test-app';

describe('the running API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports a reachable database on /api/health', async () => {
    const res = await t.http.get('/api/health').expect(200);
    expect(res.body.database.status).toBe('up');
    expect(res.body.database.pendingMigrations).toBe(false);
  });

  it('lets the office create a department and lists it with paging', async () => {
    await t.http.post('/api/departments').set('Authorization', `Bearer ${t.officeToken}`).send({ code: 'WHC', name: '危化处' }).expect(201);
    const res = await t.http.get('/api/departments?page=1&pageSize=10').expect(200);
    expect(res.body).toMatchObject({ total: 1, items: [{ code: 'WHC', name: '危化处', active: true }] });
  });
});

describe('messages and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers every field error in Chinese, even where the rule has no message of its own', async () => {
    const res = await t.http
      .post('/api/enterprises')
      .set('Authorization', `Bearer ${t.officeToken}`)
      .send({ uscc: '91350100M000100Y43', name: '甲', regionCode: '320802', newEconomy: 'yes', accidentCount: -1, address: 'x'.repeat(301) })
      .expect(400);
    const details = res.body.details as { field: string; message: string }[];
    expect(details.map((d) => d.field).sort()).toEqual(['accidentCount', 'address', 'newEconomy']);
    for (const d of details) expect(d.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses the token of an account deactivated after it signed in', async () => {
    await t.http.get('/api/enterprises').set('Authorization', `Bearer ${t.inspectorToken}`).expect(200);
    await t.sql("UPDATE user_account SET active = false WHERE username = 'inspector'");
    const res = await t.http.get('/api/enterprises').set('Authorization', `Bearer ${t.inspectorToken}`).expect(401);
    expect(res.body.message).toBe('账号已停用，请联系政策法规处');
  });
});
