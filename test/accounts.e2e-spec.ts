import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Response } from 'supertest';
import { bearer, expectError, type Paged } from './support/api-helpers';
import { createTestApp, type TestApp } from './support/test-app';

/** Sign-in accounts: the office manages them, everyone changes their own password. */
let t: TestApp;

type Method = 'get' | 'post' | 'patch' | 'put';
interface Account {
  id: number;
  username: string;
  displayName: string;
  role: string;
  inspectorId: number | null;
  inspectorName: string | null;
  active: boolean;
}

/** Every response body this file sees, to check at the end that none carries a password hash. */
const seen: { what: string; text: string }[] = [];

async function call(method: Method, path: string, token?: string, body?: object): Promise<Response> {
  let req = t.http[method](path);
  if (token) req = req.set(bearer(token));
  if (body) req = req.send(body);
  const res = await req;
  seen.push({ what: `${method.toUpperCase()} ${path}`, text: res.text });
  return res;
}

async function login(username: string, password: string): Promise<Response> {
  return call('post', '/api/auth/login', undefined, { username, password });
}
async function tokenOf(username: string, password: string): Promise<string> {
  const res = await login(username, password);
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
  return (res.body as { token: string }).token;
}

const PASSWORD = 'test-password-1'; // the one test/support/test-app.ts gives its two accounts
let departmentId: number;
let inspectorId: number;
let officeId: number;
/** The office's token; signed again after a test that may deactivate the office account (which ends its sessions). */
let officeToken: string;

async function newInspector(certNo: string, name: string): Promise<number> {
  const res = await call('post', '/api/inspectors', officeToken, { certNo, name, departmentId });
  if (res.status !== 201) throw new Error(`POST /api/inspectors: ${res.status} ${res.text}`);
  return (res.body as { id: number }).id;
}
async function newAccount(body: object): Promise<Account> {
  const res = await call('post', '/api/accounts', officeToken, body);
  if (res.status !== 201) throw new Error(`POST /api/accounts: ${res.status} ${res.text}`);
  return res.body as Account;
}

beforeAll(async () => {
  t = await createTestApp();
  officeToken = t.officeToken;
  const dep = await call('post', '/api/departments', officeToken, { code: 'ACC', name: '账号测试处' });
  departmentId = (dep.body as { id: number }).id;
  inspectorId = await newInspector('ZF-ACC-01', '王芳');
  [{ id: officeId }] = await t.sql<{ id: number }>(`SELECT id FROM user_account WHERE username = 'office'`);
});
afterAll(() => t.close());

const accountsTable = () => t.sql('SELECT * FROM user_account ORDER BY id');

describe('who may manage accounts', () => {
  const routes = (): [Method, string, object | undefined][] => [
    ['get', '/api/accounts', undefined],
    ['get', `/api/accounts/${officeId}`, undefined],
    ['post', '/api/accounts', { username: 'intruder', displayName: '入侵者', role: 'office', password: 'intruder-pass-1' }],
    ['patch', `/api/accounts/${officeId}`, { active: false }],
    ['put', `/api/accounts/${officeId}/password`, { password: 'taken-over-1' }],
  ];

  it('without a token: 401 on every account route, and nothing changes', async () => {
    const before = await accountsTable();
    for (const [method, path, body] of routes()) expectError(await call(method, path, undefined, body), 401, 'UNAUTHENTICATED');
    expect(await accountsTable()).toEqual(before);
  });

  it('with an inspector token: 403 on every account route, and nothing changes', async () => {
    const before = await accountsTable();
    for (const [method, path, body] of routes()) expectError(await call(method, path, t.inspectorToken, body), 403, 'FORBIDDEN');
    expect(await accountsTable()).toEqual(before);
    // The office password was not taken over: it still signs in.
    expect((await login('office', PASSWORD)).status).toBe(200);
  });

  it('the office lists and reads accounts, filtered by role', async () => {
    const list = await call('get', '/api/accounts', officeToken);
    expect(list.status).toBe(200);
    const usernames = (list.body as Paged<Account>).items.map((a) => a.username);
    expect(usernames).toEqual(expect.arrayContaining(['inspector', 'office']));
    const inspectors = await call('get', '/api/accounts?role=inspector', officeToken);
    expect((inspectors.body as Paged<Account>).items.every((a) => a.role === 'inspector')).toBe(true);
    expect((inspectors.body as Paged<Account>).items.map((a) => a.username)).toContain('inspector');
    const one = await call('get', `/api/accounts/${officeId}`, officeToken);
    expect(one.body).toMatchObject({ id: officeId, username: 'office', displayName: '政策法规处', role: 'office', active: true });
    expectError(await call('get', '/api/accounts/999999', officeToken), 404, 'NOT_FOUND');
  });
});

describe('creating an inspector account', () => {
  it('links it to the inspector; the new user signs in and is that inspector', async () => {
    const a = await newAccount({ username: 'wangfang', displayName: '王芳', role: 'inspector', inspectorId, password: 'wangfang-pass-1' });
    expect(a).toMatchObject({ username: 'wangfang', displayName: '王芳', role: 'inspector', inspectorId, inspectorName: '王芳', active: true });
    const res = await login('wangfang', 'wangfang-pass-1');
    expect(res.status).toBe(200);
    expect((res.body as { user: object }).user).toEqual({ username: 'wangfang', displayName: '王芳', role: 'inspector' });
    const token = (res.body as { token: string }).token;
    expect((await call('get', '/api/auth/me', token)).body).toEqual({ username: 'wangfang', role: 'inspector', inspectorId });
    // An inspector account, not an office one.
    expectError(await call('get', '/api/accounts', token), 403, 'FORBIDDEN');
    const byInspector = await call('get', `/api/accounts?inspectorId=${inspectorId}`, officeToken);
    expect((byInspector.body as Paged<Account>).items.map((x) => x.username)).toEqual(['wangfang']);
  });

  it('refuses a second account for the same inspector, a taken user name, and bad links, in Chinese, writing nothing', async () => {
    const before = await accountsTable();
    const dup = expectError(
      await call('post', '/api/accounts', officeToken, { username: 'wangfang2', displayName: '王芳', role: 'inspector', inspectorId, password: 'another-pass-1' }),
      409,
      'CONFLICT',
    );
    expect(dup.message).toBe('该检查人员已有账号“wangfang”');
    const taken = expectError(
      await call('post', '/api/accounts', officeToken, { username: 'office', displayName: '重名', role: 'office', password: 'another-pass-1' }),
      409,
    );
    expect(taken.message).toBe('用户名“office”已被使用');
    const unlinked = expectError(
      await call('post', '/api/accounts', officeToken, { username: 'nolink', displayName: '无关联', role: 'inspector', password: 'another-pass-1' }),
      400,
    );
    expect(unlinked.details).toContainEqual({ field: 'inspectorId', message: '执法检查人员账号须关联一名检查人员（inspectorId）' });
    const unknown = expectError(
      await call('post', '/api/accounts', officeToken, { username: 'ghost', displayName: '不存在', role: 'inspector', inspectorId: 987654, password: 'another-pass-1' }),
      400,
    );
    expect(unknown.message).toBe('检查人员不存在：987654');
    const short = expectError(
      await call('post', '/api/accounts', officeToken, { username: 'shorty', displayName: '短密码', role: 'office', password: 'short' }),
      400,
    );
    expect(short.details).toContainEqual({ field: 'password', message: '密码至少 8 个字符' });
    expect(await accountsTable()).toEqual(before);
  });

  it('refuses an account for a deactivated inspector', async () => {
    const gone = await newInspector('ZF-ACC-02', '已调离');
    expect((await call('patch', `/api/inspectors/${gone}`, officeToken, { active: false })).status).toBe(200);
    const body = expectError(
      await call('post', '/api/accounts', officeToken, { username: 'gone', displayName: '已调离', role: 'inspector', inspectorId: gone, password: 'gone-pass-12' }),
      400,
    );
    expect(body.message).toBe('该检查人员已停用，不能为其开设账号');
    expect(await t.sql(`SELECT 1 FROM user_account WHERE username = 'gone'`)).toEqual([]);
  });
});

describe('changing one’s own password (POST /api/auth/password)', () => {
  it('ends the old session with 密码已更改，请重新登录; the new password signs in, the old one does not', async () => {
    await newAccount({ username: 'changer', displayName: '改密码的人', role: 'office', password: 'old-password-1' });
    const old = await tokenOf('changer', 'old-password-1');
    expect((await call('get', '/api/accounts', old)).status).toBe(200);

    const res = await call('post', '/api/auth/password', old, { currentPassword: 'old-password-1', newPassword: 'new-password-2' });
    expect(res.status).toBe(204);

    const refused = expectError(await call('get', '/api/accounts', old), 401, 'UNAUTHENTICATED');
    expect(refused.message).toBe('密码已更改，请重新登录');
    expectError(await call('get', '/api/auth/me', old), 401);
    expect(expectError(await login('changer', 'old-password-1'), 401).message).toBe('用户名或密码错误');
    const fresh = await tokenOf('changer', 'new-password-2');
    expect((await call('get', '/api/accounts', fresh)).status).toBe(200);
  });

  it('works for an inspector account too', async () => {
    const id = await newInspector('ZF-ACC-03', '赵强');
    await newAccount({ username: 'zhaoqiang', displayName: '赵强', role: 'inspector', inspectorId: id, password: 'zhao-password-1' });
    const old = await tokenOf('zhaoqiang', 'zhao-password-1');
    expect((await call('post', '/api/auth/password', old, { currentPassword: 'zhao-password-1', newPassword: 'zhao-password-2' })).status).toBe(204);
    expect(expectError(await call('get', '/api/auth/me', old), 401).message).toBe('密码已更改，请重新登录');
    expect((await login('zhaoqiang', 'zhao-password-2')).status).toBe(200);
    expect((await login('zhaoqiang', 'zhao-password-1')).status).toBe(401);
  });

  it('refuses a wrong current password in Chinese, and the password and the session stay as they were', async () => {
    await newAccount({ username: 'forgetful', displayName: '记错密码的人', role: 'office', password: 'right-password-1' });
    const token = await tokenOf('forgetful', 'right-password-1');
    const body = expectError(
      await call('post', '/api/auth/password', token, { currentPassword: 'wrong-password-1', newPassword: 'wanted-password-2' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(body.message).toBe('当前密码不正确');
    expect((await call('get', '/api/auth/me', token)).status).toBe(200);
    expect((await login('forgetful', 'right-password-1')).status).toBe(200);
    expect((await login('forgetful', 'wanted-password-2')).status).toBe(401);
  });

  it('refuses a new password that is too short or the same as the current one', async () => {
    await newAccount({ username: 'samepass', displayName: '同一密码', role: 'office', password: 'same-password-1' });
    const token = await tokenOf('samepass', 'same-password-1');
    const short = expectError(await call('post', '/api/auth/password', token, { currentPassword: 'same-password-1', newPassword: 'short' }), 400);
    expect(short.details).toContainEqual({ field: 'newPassword', message: '密码至少 8 个字符' });
    const same = expectError(await call('post', '/api/auth/password', token, { currentPassword: 'same-password-1', newPassword: 'same-password-1' }), 400);
    expect(same.message).toBe('新密码不能与当前密码相同');
    expect((await call('get', '/api/auth/me', token)).status).toBe(200);
  });

  it('needs a signed-in user', async () => {
    expectError(await call('post', '/api/auth/password', undefined, { currentPassword: PASSWORD, newPassword: 'anything-goes-1' }), 401);
  });
});

describe('the office resets a password (PUT /api/accounts/:id/password)', () => {
  it('ends that user’s sessions, not the office’s; the new password signs in, the old one does not', async () => {
    const id = await newInspector('ZF-ACC-04', '钱磊');
    const a = await newAccount({ username: 'qianlei', displayName: '钱磊', role: 'inspector', inspectorId: id, password: 'qian-password-1' });
    const old = await tokenOf('qianlei', 'qian-password-1');
    expect((await call('get', '/api/auth/me', old)).status).toBe(200);

    expect((await call('put', `/api/accounts/${a.id}/password`, officeToken, { password: 'reset-password-9' })).status).toBe(204);

    expect(expectError(await call('get', '/api/auth/me', old), 401).message).toBe('密码已更改，请重新登录');
    expect((await login('qianlei', 'qian-password-1')).status).toBe(401);
    expect((await login('qianlei', 'reset-password-9')).status).toBe(200);
    expect((await call('get', '/api/accounts', officeToken)).status).toBe(200);
  });

  it('refuses a short password and an unknown account', async () => {
    const short = expectError(await call('put', `/api/accounts/${officeId}/password`, officeToken, { password: 'short' }), 400);
    expect(short.details).toContainEqual({ field: 'password', message: '密码至少 8 个字符' });
    expectError(await call('put', '/api/accounts/999999/password', officeToken, { password: 'long-enough-1' }), 404, 'NOT_FOUND');
    expect((await login('office', PASSWORD)).status).toBe(200);
  });
});

describe('deactivating accounts', () => {
  it('renames and deactivates an inspector account: its session ends at once and it cannot sign in', async () => {
    const id = await newInspector('ZF-ACC-05', '孙丽');
    const a = await newAccount({ username: 'sunli', displayName: '孙丽', role: 'inspector', inspectorId: id, password: 'sun-password-1' });
    const token = await tokenOf('sunli', 'sun-password-1');
    const renamed = await call('patch', `/api/accounts/${a.id}`, officeToken, { displayName: '孙丽（执法二队）' });
    expect(renamed.body).toMatchObject({ id: a.id, displayName: '孙丽（执法二队）', active: true });

    const off = await call('patch', `/api/accounts/${a.id}`, officeToken, { active: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ id: a.id, active: false });
    expect(expectError(await call('get', '/api/auth/me', token), 401).message).toBe('账号已停用，请联系政策法规处');
    expect(expectError(await login('sunli', 'sun-password-1'), 401).message).toBe('用户名或密码错误');
    const inactive = await call('get', '/api/accounts?active=false', officeToken);
    expect((inactive.body as Paged<Account>).items.map((x) => x.username)).toContain('sunli');

    expect((await call('patch', `/api/accounts/${a.id}`, officeToken, { active: true })).body).toMatchObject({ active: true });
    expect((await login('sunli', 'sun-password-1')).status).toBe(200);
  });

  it('refuses to deactivate the account one is signed in with, in Chinese', async () => {
    const body = expectError(await call('patch', `/api/accounts/${officeId}`, officeToken, { active: false }), 409, 'CONFLICT');
    expect(body.message).toBe('不能停用自己正在使用的账号');
    expect((await t.sql<{ active: boolean }>(`SELECT active FROM user_account WHERE id = $1`, [officeId]))[0].active).toBe(true);
    expect((await call('get', '/api/accounts', officeToken)).status).toBe(200);
  });

  it('keeps one active office account even when two office users deactivate each other at the same moment', async () => {
    // Leave exactly two active office accounts, A and B.
    await t.sql(`UPDATE user_account SET active = false WHERE role = 'office' AND username NOT IN ('office')`);
    const b = await newAccount({ username: 'office-b', displayName: '政策法规处二', role: 'office', password: 'office-b-pass-1' });
    const bToken = await tokenOf('office-b', 'office-b-pass-1');
    const activeOffices = async () =>
      (await t.sql<{ username: string }>(`SELECT username FROM user_account WHERE role = 'office' AND active ORDER BY username`)).map((r) => r.username);
    expect(await activeOffices()).toEqual(['office', 'office-b']);

    // Hold both rows so that the two requests are in flight together, then let them go.
    const holder = new pg.Client({ connectionString: t.db.url });
    await holder.connect();
    let results: Response[];
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM user_account WHERE id = ANY($1) FOR UPDATE', [[officeId, b.id]]);
      const both = Promise.all([
        call('patch', `/api/accounts/${b.id}`, officeToken, { active: false }),
        call('patch', `/api/accounts/${officeId}`, bToken, { active: false }),
      ]);
      await waitFor(async () => {
        const [{ n }] = await t.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return n >= 2;
      });
      await holder.query('ROLLBACK');
      results = await both;
    } finally {
      await holder.end();
    }

    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = results.find((r) => r.status === 409)!;
    expect(expectError(refused, 409, 'CONFLICT').message).toBe('至少要保留一个启用的政策法规处账号');
    expect((await activeOffices()).length).toBe(1);
  });

  afterAll(async () => {
    // Later tests sign in as 'office'; if it was the one deactivated, its old sessions ended with it.
    await t.sql(`UPDATE user_account SET active = true WHERE username = 'office'`);
    officeToken = await tokenOf('office', PASSWORD);
  });
});

async function waitFor(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting for the two requests to block');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('ids and bodies', () => {
  it('an account id too large for the database is a 400, not a 500', async () => {
    const body = expectError(await call('get', '/api/accounts/99999999999', await tokenOf('office', PASSWORD)), 400);
    expect(body.code).toBe('VALIDATION_FAILED');
  });

  it('unknown fields such as a role change or a password hash are refused on PATCH', async () => {
    const token = await tokenOf('office', PASSWORD);
    const [{ id }] = await t.sql<{ id: number }>(`SELECT id FROM user_account WHERE username = 'inspector'`);
    const before = await accountsTable();
    const body = expectError(await call('patch', `/api/accounts/${id}`, token, { role: 'office', passwordHash: 'scrypt$x$y' }), 400);
    expect(body.details?.map((d) => d.field)).toEqual(expect.arrayContaining(['role', 'passwordHash']));
    expect(await accountsTable()).toEqual(before);
  });
});

/** The CLI (npm run account), compiled on its own into a temporary directory and run on this file's database. */
describe('npm run account', () => {
  let dir: string;
  let script: string;
  const run = async (args: string[], env: Record<string, string> = {}) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, ...args], {
        env: { PATH: process.env.PATH ?? '', NODE_PATH: resolve('node_modules'), DATABASE_URL: t.db.url, ...env },
        timeout: 30_000,
      });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'account-cli-'));
    const root = resolve('.');
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: join(root, 'tsconfig.build.json'),
        compilerOptions: { outDir: join(dir, 'out'), rootDir: root, sourceMap: false, typeRoots: [join(root, 'node_modules/@types')] },
        include: [],
        files: [join(root, 'scripts/account.ts')],
      }),
    );
    await promisify(execFile)(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { timeout: 60_000 });
    script = join(dir, 'out/scripts/account.js');
  }, 90_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates an inspector account by 执法证号 with a printed one-time password that signs in', async () => {
    await newInspector('ZF-ACC-CLI', '周敏');
    const res = await run(['create', '--username', 'zhoumin', '--name', '周敏', '--role', 'inspector', '--cert', 'ZF-ACC-CLI']);
    expect(res).toMatchObject({ code: 0 });
    expect(res.stdout).toContain('已创建账号 zhoumin（执法检查人员）');
    const password = /初始密码（只显示这一次，请登录后修改）：(\S+)/.exec(res.stdout)?.[1];
    expect(password).toBeDefined();
    const signed = await login('zhoumin', password!);
    expect(signed.status).toBe(200);
    const me = await call('get', '/api/auth/me', (signed.body as { token: string }).token);
    const [{ id }] = await t.sql<{ id: number }>(`SELECT id FROM inspector WHERE cert_no = 'ZF-ACC-CLI'`);
    expect(me.body).toEqual({ username: 'zhoumin', role: 'inspector', inspectorId: id });
  }, 60_000);

  it('resets a password (ACCOUNT_PASSWORD), ending the sessions signed before', async () => {
    const old = await tokenOf('office', PASSWORD);
    const res = await run(['reset', '--username', 'office'], { ACCOUNT_PASSWORD: 'cli-reset-pass-1' });
    expect(res).toMatchObject({ code: 0 });
    expect(res.stdout).toContain('已重设 office 的密码，原有登录全部失效');
    expect(res.stdout).not.toContain('cli-reset-pass-1');
    expect(expectError(await call('get', '/api/auth/me', old), 401).message).toBe('密码已更改，请重新登录');
    expect((await login('office', PASSWORD)).status).toBe(401);
    expect((await login('office', 'cli-reset-pass-1')).status).toBe(200);
  }, 60_000);

  it('lists the accounts without any password hash, and refuses bad input in Chinese with a non-zero exit', async () => {
    const list = await run(['list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^zhoumin\t周敏\t执法检查人员\t启用\t周敏$/m);
    expect(list.stdout).toMatch(/^office\t政策法规处\t政策法规处\t启用$/m);
    expect(list.stdout).not.toMatch(/scrypt/);

    const unknown = await run(['reset', '--username', 'nobody']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('没有用户名为“nobody”的账号');
    const noCert = await run(['create', '--username', 'nocert', '--role', 'inspector']);
    expect(noCert.code).not.toBe(0);
    expect(noCert.stderr).toContain('须用 --cert 指定其执法证号');
    const short = await run(['create', '--username', 'weak', '--role', 'office'], { ACCOUNT_PASSWORD: 'short' });
    expect(short.code).not.toBe(0);
    expect(short.stderr).toContain('ACCOUNT_PASSWORD 至少 8 个字符');
    expect(await t.sql(`SELECT 1 FROM user_account WHERE username IN ('nocert', 'weak')`)).toEqual([]);
  }, 60_000);
});

describe('password hashes', () => {
  it('never appear in any response body', async () => {
    const token = await tokenOf('office', 'cli-reset-pass-1');
    for (const path of ['/api/accounts?pageSize=500', `/api/accounts/${officeId}`, '/api/auth/me', '/api/docs-json']) await call('get', path, token);
    const hashes = await t.sql<{ hash: string }>('SELECT password_hash AS hash FROM user_account');
    expect(hashes.length).toBeGreaterThan(5);
    expect(hashes.every((h) => /^scrypt\$/.test(h.hash))).toBe(true);
    expect(seen.length).toBeGreaterThan(50);
    // A hash would show as a property (the refusal of an unknown field may name the field, which is fine) or as its
    // salt or digest, whatever the property is called.
    const hashKey = /"(passwordHash|password_hash|hash|sessionVersion|session_version)"\s*:/i;
    const parts = hashes.flatMap((h) => h.hash.split('$').slice(1));
    const leaks = seen.filter((r) => hashKey.test(r.text) || parts.some((p) => r.text.includes(p)));
    expect(leaks.map((r) => r.what)).toEqual([]);
  });
});
