import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app.factory';
import { hashPassword } from '../../src/auth/password';
import { loadConfig } from '../../src/config/app-config';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  db: TestDatabase;
  http: TestAgent;
  /** Bearer tokens of a legal-affairs office account and an inspector account. */
  officeToken: string;
  inspectorToken: string;
  /** Runs SQL on the test database. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

const PASSWORD = 'test-password-1';

/** The real application on a private database (demo data off unless asked for) and two signed-in accounts. */
export async function createTestApp(opts: { demoData?: boolean } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const config = { ...loadConfig({}), demoData: opts.demoData ?? false, authSecret: 'test-secret-0123456789abcdef' };
  const app = await createApp(config, db.url, 'external', { logger: false });
  await app.init();
  const hash = hashPassword(PASSWORD);
  await client.query(
    `INSERT INTO user_account (username, display_name, role, password_hash) VALUES
     ('office', '政策法规处', 'office', $1), ('inspector', '执法人员', 'inspector', $1)
     ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash`,
    [hash],
  );
  const http = request(app.getHttpServer());
  const login = async (username: string) => {
    const res = await http.post('/api/auth/login').send({ username, password: PASSWORD }).expect(200);
    return (res.body as { token: string }).token;
  };
  return {
    app,
    db,
    http,
    officeToken: await login('office'),
    inspectorToken: await login('inspector'),
    sql: async <T>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
    close: async () => {
      await app.close();
      await client.end();
      await db.drop();
    },
  };
}

/** The office's 2026 plan over the demo matters with these codes, made through the API. */
export async function createDemoPlan(t: TestApp, codes = ['M001', 'M002']): Promise<{ planId: number; matterIds: number[] }> {
  const matters = (await t.http.get('/api/matters?pageSize=50').expect(200)).body.items as { id: number; code: string }[];
  const matterIds = matters.filter((m) => codes.includes(m.code)).map((m) => m.id);
  const plan = await t.http
    .post('/api/plans')
    .set({ Authorization: `Bearer ${t.officeToken}` })
    .send({ year: 2026, office: '淮安市应急管理局', docPrefix: '淮应急', title: '2026 年度双随机抽查计划', matters: matterIds.map((matterId) => ({ matterId })) })
    .expect(201);
  return { planId: plan.body.id as number, matterIds };
}
