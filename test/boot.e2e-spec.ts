import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '../src/app.factory';
import { hashPassword } from '../src/auth/password';
import { type AppConfig, ConfigError, loadConfig } from '../src/config/app-config';
import { MIGRATIONS } from '../src/database/data-source-options';
import { ensureDatabase, openDatabase, type OpenDatabase } from '../src/database/open-database';
import { bearer, type Paged } from './support/api-helpers';

/** The two ways the product finds its database (src/database/open-database.ts) and the settings that choose. */

const isRoot = process.getuid?.() === 0;
const hex = () => randomBytes(6).toString('hex');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function query<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * A fresh directory for an embedded data directory. As root, postgres runs as the `postgres`
 * user, which must be able to enter every parent: mkdtemp makes 0700 directories, so the
 * parent is made here with an explicit mode (and chmod, whatever the umask) instead.
 */
async function freshParent(): Promise<string> {
  const dir = join(tmpdir(), `shuangsuiji-boot-${hex()}`);
  await mkdir(dir, { mode: 0o755 });
  await chmod(dir, 0o755);
  return dir;
}

const SECRET = 'boot-test-secret-0123456789';

/** Builds and starts the whole app on an opened database, the way main.ts does (without listening). */
async function boot(config: AppConfig, db: OpenDatabase) {
  const app = await createApp(config, db.url, db.mode, { logger: false });
  await app.init();
  const http = request(app.getHttpServer());
  return { app, http };
}

describe('external database (DATABASE_URL set)', () => {
  it('uses that server as it is, starts no embedded server, and the app migrates the empty database', async () => {
    const serverUrl = process.env.TEST_SERVER_URL;
    if (!serverUrl) throw new Error('TEST_SERVER_URL is not set: run the tests through `npm test`');
    const name = `boot_ext_${hex()}`;
    const url = await ensureDatabase(serverUrl, name);
    const unused = join(tmpdir(), `shuangsuiji-never-${hex()}`);
    const port = await freePort();
    const config = loadConfig({
      DATABASE_URL: url,
      PGDATA_DIR: join(unused, 'postgres'),
      EMBEDDED_PG_PORT: String(port),
      DEMO_DATA: 'off',
      AUTH_SECRET: SECRET,
    });
    let app: INestApplication | undefined;
    try {
      const logs: string[] = [];
      const db = await openDatabase(config, (m) => logs.push(m));
      expect(db.mode).toBe('external');
      expect(db.url).toBe(url);
      expect(existsSync(unused)).toBe(false);
      expect(await isListening(port)).toBe(false);
      expect(logs.join('\n')).not.toContain('内置 PostgreSQL');
      expect(await query(url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).toEqual([]);

      const booted = await boot(config, db);
      app = booted.app;
      const health = await booted.http.get('/api/health').expect(200);
      expect(health.body).toMatchObject({ status: 'ok', database: { status: 'up', mode: 'external', pendingMigrations: false } });
      expect(await booted.http.get('/api/departments').expect(200)).toHaveProperty('body.total', 0);
      const tables = (await query<{ tablename: string }>(url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).map(
        (r) => r.tablename,
      );
      expect(tables).toEqual(
        expect.arrayContaining(['department', 'inspection_matter', 'enterprise', 'inspector', 'conflict', 'user_account', 'migrations']),
      );

      await app.close();
      app = undefined;
      await db.close();
      // Closing does not touch a server the product did not start.
      expect(await query(url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
      expect(existsSync(unused)).toBe(false);
    } finally {
      await app?.close();
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    }
  });
});

describe('embedded database (no DATABASE_URL)', () => {
  let parent: string;
  let dataDir: string;
  let port: number;
  let config: AppConfig;
  let db: OpenDatabase | undefined;
  let app: INestApplication | undefined;

  beforeAll(async () => {
    parent = await freshParent();
    dataDir = join(parent, 'postgres');
    port = await freePort();
    config = loadConfig({ PGDATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port), DEMO_DATA: 'off', AUTH_SECRET: SECRET });
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
    await rm(parent, { recursive: true, force: true });
  });

  it('starts a real PostgreSQL on a new data directory; the app migrates it, takes writes and reports mode embedded', async () => {
    expect(config.databaseUrl).toBeUndefined();
    expect(existsSync(dataDir)).toBe(false);
    db = await openDatabase(config, () => undefined);
    expect(db.mode).toBe('embedded');
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(await isListening(port)).toBe(true);
    const [server] = await query<{ dir: string; db: string }>(
      db.url,
      `SELECT current_setting('data_directory') AS dir, current_database() AS db`,
    );
    expect(server).toEqual({ dir: dataDir, db: 'shuangsuiji' });

    const booted = await boot(config, db);
    app = booted.app;
    const health = await booted.http.get('/api/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', database: { status: 'up', mode: 'embedded', pendingMigrations: false } });

    await query(
      db.url,
      `INSERT INTO user_account (username, display_name, role, password_hash) VALUES ('office', '政策法规处', 'office', $1)`,
      [hashPassword('boot-password')],
    );
    const login = await booted.http.post('/api/auth/login').send({ username: 'office', password: 'boot-password' }).expect(200);
    const token = (login.body as { token: string }).token;
    const dept = await booted.http.post('/api/departments').set(bearer(token)).send({ code: 'WHC', name: '危化处' }).expect(201);
    await booted.http
      .post('/api/matters')
      .set(bearer(token))
      .send({
        code: 'M001',
        seq: 1,
        name: '对危险化学品经营的监管',
        samplingRatio: 0.2,
        leadDepartmentId: (dept.body as { id: number }).id,
      })
      .expect(201);
  });

  it('keeps the data between runs: after close() the server is gone, and opening the same directory again finds everything', async () => {
    if (!db || !app) throw new Error('the first embedded test did not get as far as writing data');
    await app.close();
    app = undefined;
    await db.close();
    db = undefined;
    expect(await isListening(port)).toBe(false);

    db = await openDatabase(config, () => undefined);
    expect(db.mode).toBe('embedded');
    const booted = await boot(config, db);
    app = booted.app;
    const health = await booted.http.get('/api/health').expect(200);
    expect(health.body).toMatchObject({ database: { status: 'up', mode: 'embedded', pendingMigrations: false } });
    const depts = (await booted.http.get('/api/departments').expect(200)).body as Paged<Record<string, unknown>>;
    expect(depts.items).toEqual([expect.objectContaining({ code: 'WHC', name: '危化处' })]);
    const matters = (await booted.http.get('/api/matters').expect(200)).body as Paged<Record<string, unknown>>;
    expect(matters.items).toEqual([expect.objectContaining({ code: 'M001', samplingRatio: 0.2 })]);
    // The account survived too, and each migration ran once, not twice.
    await booted.http.post('/api/auth/login').send({ username: 'office', password: 'boot-password' }).expect(200);
    expect(await query(db.url, 'SELECT count(*)::int AS n, count(DISTINCT name)::int AS names FROM migrations')).toEqual([
      { n: MIGRATIONS.length, names: MIGRATIONS.length },
    ]);
  });

  it('says in Chinese what failed, and what to change, when the port is already taken', async () => {
    const otherParent = await freshParent();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as AddressInfo).port;
    try {
      const cfg = loadConfig({ PGDATA_DIR: join(otherParent, 'postgres'), EMBEDDED_PG_PORT: String(taken) });
      await expect(openDatabase(cfg, () => undefined)).rejects.toThrow(/内置 PostgreSQL 启动失败[\s\S]*EMBEDDED_PG_PORT/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
      await rm(otherParent, { recursive: true, force: true });
    }
  });

  // As root the server runs as the `postgres` user, which cannot enter a directory only root may
  // enter, such as /root itself: then the user is told which directory and what to set instead.
  it('starts inside a directory private to its user, or as root says which directory postgres cannot enter and what to set', async () => {
    const privateDir = await mkdtemp(join(tmpdir(), 'shuangsuiji-private-'));
    let opened: OpenDatabase | undefined;
    try {
      const cfg = loadConfig({ PGDATA_DIR: join(privateDir, '.data', 'postgres'), EMBEDDED_PG_PORT: String(await freePort()) });
      if (isRoot) {
        await expect(openDatabase(cfg, () => undefined)).rejects.toThrow(new RegExp(`无法进入目录 ${privateDir}[\\s\\S]*PGDATA_DIR`));
      } else {
        opened = await openDatabase(cfg, () => undefined);
        expect(await query(opened.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
      }
    } finally {
      await opened?.close();
      await rm(privateDir, { recursive: true, force: true });
    }
  });
});

describe('loadConfig', () => {
  it('needs no setting: port 3000, the embedded database in .data/postgres, demo data on', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, databaseUrl: undefined, demoData: true });
    expect(c.dataDir).toMatch(/[\\/]\.data[\\/]postgres$/);
  });

  it('reads valid settings', () => {
    const c = loadConfig({
      PORT: '8080',
      DEMO_DATA: 'off',
      DATABASE_URL: 'postgresql://u:p@db.example:5432/ssj',
      PGDATA_DIR: '/srv/ssj/pg',
      EMBEDDED_PG_PORT: '6543',
    });
    expect(c).toMatchObject({
      port: 8080,
      demoData: false,
      databaseUrl: 'postgresql://u:p@db.example:5432/ssj',
      dataDir: '/srv/ssj/pg',
      embeddedPort: 6543,
    });
    expect(loadConfig({ DEMO_DATA: 'true' }).demoData).toBe(true);
    expect(loadConfig({ DEMO_DATA: '0' }).demoData).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT', 'abc'],
    [{ PORT: '70000' }, 'PORT', '70000'],
    [{ PORT: '80.5' }, 'PORT', '80.5'],
    [{ PORT: '-1' }, 'PORT', '-1'],
    [{ EMBEDDED_PG_PORT: 'x' }, 'EMBEDDED_PG_PORT', 'x'],
    [{ DEMO_DATA: 'maybe' }, 'DEMO_DATA', 'maybe'],
    [{ DATABASE_URL: 'mysql://u@localhost/ssj' }, 'DATABASE_URL', 'postgres://'],
    [{ DATABASE_URL: 'localhost:5432/ssj' }, 'DATABASE_URL', 'postgres://'],
    [{ AUTH_SECRET: 'short' }, 'AUTH_SECRET', '16'],
  ])('rejects %p with a Chinese message naming the setting', (env, name, mentions) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message).toContain(mentions);
    expect(message).toMatch(/[\u4e00-\u9fff]/);
  });
});
