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
