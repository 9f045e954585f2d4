import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/app-config';
import { createTestDatabase, type TestDatabase } from './support/test-database';

const PASSWORD = 'demo-password-9';
const config = { ...loadConfig({}), demoData: true, demoPassword: PASSWORD, authSecret: 'test-secret-0123456789abcdef' };

async function boot(url: string): Promise<INestApplication> {
  const app = await createApp(config, url, 'external', { logger: false });
  await app.init();
  return app;
}

describe('demo data on first start', () => {
  let db: TestDatabase;
  let client: pg.Client;
  let app: INestApplication;
  const count = async (table: string) => Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  const counts = async () => {
    const tables = ['department', 'inspection_matter', 'enterprise', 'inspector', 'conflict', 'user_account'];
    const result: Record<string, number> = {};
    for (const t of tables) result[t] = await count(t);
    return result;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    app = await boot(db.url);
  });
  afterAll(async () => {
    await app?.close();
    await client?.end();
    await db?.drop();
  });

  it('loads the 12 淮安 matters with the published ratios', async () => {
    const res = await request(app.getHttpServer()).get('/api/matters?pageSize=50').expect(200);
    expect(res.body.total).toBe(12);
    const byCode = Object.fromEntries((res.body.items as { code: string }[]).map((m) => [m.code, m]));
    expect(byCode.M001).toMatchObject({
      name: '对危险化学品经营监管',
      samplingRatio: 0.2,
      keySupervision: false,
      leadDepartment: { name: '政策法规处' },
    });
    expect(byCode.M002).toMatchObject({
      name: '对烟花爆竹批发企业的监管',
      samplingRatio: 1,
      keySupervision: true,
      highRisk: true,
      leadDepartment: { name: '危化处' },
    });
  });

  it('loads thousands of enterprises, each subject to a matter (M001 common, M002 rare), and inspectors in several departments', async () => {
    expect(await count('enterprise')).toBe(3000);
    const { rows } = await client.query(`
      SELECT count(*) FILTER (WHERE cardinality(matter_ids) = 0)::int AS without,
             count(*) FILTER (WHERE matter_ids @> ARRAY[(SELECT id FROM inspection_matter WHERE code = 'M001')])::int AS m001,
             count(*) FILTER (WHERE matter_ids @> ARRAY[(SELECT id FROM inspection_matter WHERE code = 'M002')])::int AS m002
      FROM enterprise`);
    expect(rows[0].without).toBe(0);
    expect(rows[0].m002).toBeGreaterThan(0);
    expect(rows[0].m001).toBeGreaterThan(10 * rows[0].m002);
    expect(await count('inspector')).toBe(40);
    const deps = await client.query(`SELECT count(DISTINCT department_id)::int AS n FROM inspector`);
    expect(deps.rows[0].n).toBeGreaterThanOrEqual(5);
    expect(await count('conflict')).toBeGreaterThan(0);
  });

  it('lets the office and inspector01 sign in with the demo password', async () => {
    const http = request(app.getHttpServer());
    const office = await http.post('/api/auth/login').send({ username: 'office', password: PASSWORD }).expect(200);
    expect(office.body.user).toEqual({ username: 'office', displayName: '政策法规处', role: 'office' });
    const inspector = await http.post('/api/auth/login').send({ username: 'inspector01', password: PASSWORD }).expect(200);
    const me = await http.get('/api/auth/me').set('Authorization', `Bearer ${inspector.body.token}`).expect(200);
    expect(me.body).toMatchObject({ username: 'inspector01', role: 'inspector' });
    expect(me.body.inspectorId).toEqual(expect.any(Number));
    await http.post('/api/auth/login').send({ username: 'office', password: 'wrong' }).expect(401);
  });

  it('does not load anything twice on a second start', async () => {
    const before = await counts();
    await app.close();
    app = await boot(db.url);
    expect(await counts()).toEqual(before);
  });

  it('leaves a database that already has data alone', async () => {
    const other = await createTestDatabase();
    const c = new pg.Client({ connectionString: other.url });
    await c.connect();
    try {
      await c.query(`INSERT INTO department (code, name) VALUES ('X', '某处')`);
      const second = await boot(other.url);
      await second.close();
      const { rows } = await c.query(
        `SELECT (SELECT count(*) FROM inspection_matter)::int AS m, (SELECT count(*) FROM user_account)::int AS u`,
      );
      expect(rows[0]).toEqual({ m: 0, u: 0 });
    } finally {
      await c.end();
      await other.drop();
    }
  });
});
