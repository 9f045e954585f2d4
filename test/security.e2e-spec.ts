import type { Response } from 'supertest';
import { signToken, type SessionClaims } from '../src/auth/token';
import { hashPassword } from '../src/auth/password';
import { bearer, expectError, type Paged, usccFor } from './support/api-helpers';
import { createTestApp, type TestApp } from './support/test-app';

/** Who may call what: the public, the inspector account and the legal-affairs office. */
let t: TestApp;

type Method = 'get' | 'post' | 'patch' | 'delete';
type Row = { id: number } & Record<string, unknown>;

/** Every response body this file sees, to check at the end that none carries a password hash. */
const seen: { what: string; text: string }[] = [];

async function call(method: Method, path: string, token?: string, body?: object): Promise<Response> {
  let req =
    method === 'get'
      ? t.http.get(path)
      : method === 'post'
        ? t.http.post(path)
        : method === 'patch'
          ? t.http.patch(path)
          : t.http.delete(path);
  if (token) req = req.set(bearer(token));
  if (body) req = req.send(body);
  const res = await req;
  seen.push({ what: `${method.toUpperCase()} ${path}`, text: res.text });
  return res;
}

const ids: Record<string, number> = {};
const PHONE = '13912345678';
const EMAIL = 'li.jing@huaian-yjj.example.cn';
const PASSWORD = 'test-password-1';

function enterprise(n: number) {
  return {
    uscc: usccFor('320803', n),
    name: `安全测试企业${n}`,
    regionCode: '320803',
    address: '淮安市',
    industry: '批发业',
    status: 'active',
    creditTier: 'B',
    newEconomy: false,
    triggerKinds: [],
    accidentCount: 0,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  const make = async (list: string, body: object) => {
    const res = await call('post', `/api/${list}`, t.officeToken, body);
    if (res.status !== 201) throw new Error(`POST /api/${list}: ${res.status} ${res.text}`);
    return (res.body as Row).id;
  };
  ids.departments = await make('departments', { code: 'SEC', name: '安全测试处' });
  ids.matters = await make('matters', {
    code: 'SEC-M',
    seq: 1,
    name: '安全测试事项',
    samplingRatio: 0.2,
    leadDepartmentId: ids.departments,
  });
  ids.enterprises = await make('enterprises', enterprise(1));
  ids.otherEnterprise = await make('enterprises', enterprise(2));
  ids.inspectors = await make('inspectors', {
    certNo: 'ZF-SEC-01',
    name: '李静',
    departmentId: ids.departments,
    phone: PHONE,
    email: EMAIL,
  });
  ids.conflicts = await make('conflicts', {
    inspectorId: ids.inspectors,
    enterpriseId: ids.enterprises,
    kind: 'kinship',
    reason: '配偶在该企业任职',
  });
});
afterAll(() => t.close());

const TABLES: Record<string, string> = {
  departments: 'department',
  matters: 'inspection_matter',
  enterprises: 'enterprise',
  inspectors: 'inspector',
  conflicts: 'conflict',
};
const LISTS = Object.keys(TABLES);

/** A valid body for each list, so that a refusal cannot come from validation. */
function newBody(list: string): object {
  switch (list) {
    case 'departments':
      return { code: 'SEC-NEW', name: '未授权新建的处' };
    case 'matters':
      return { seq: 99, name: '未授权新建的事项', samplingRatio: 0.1, leadDepartmentId: ids.departments };
    case 'enterprises':
      return enterprise(99);
    case 'inspectors':
      return { certNo: 'ZF-SEC-99', name: '未授权', departmentId: ids.departments };
    default:
      return { inspectorId: ids.inspectors, enterpriseId: ids.otherEnterprise, kind: 'other', reason: '未授权新建' };
  }
}
function patchBody(list: string): object {
  if (list === 'conflicts') return { reason: '被篡改的理由' };
  if (list === 'enterprises') return { name: '被篡改的名称', active: true };
  return { name: '被篡改的名称' };
}

const writes = LISTS.flatMap((list) => [
  ['POST', list],
  ['PATCH', list],
  ['DELETE', list],
]) as [string, string][];

async function attempt(verb: string, list: string, token?: string): Promise<Response> {
  if (verb === 'POST') return call('post', `/api/${list}`, token, newBody(list));
  if (verb === 'PATCH') return call('patch', `/api/${list}/${ids[list]}`, token, patchBody(list));
  return call('delete', `/api/${list}/${ids[list]}`, token);
}

const snapshot = async (list: string) => t.sql(`SELECT * FROM ${TABLES[list]} ORDER BY id`);

describe('the public (no token)', () => {
  it('may read /api/health, departments and matters', async () => {
    expect((await call('get', '/api/health')).status).toBe(200);
    for (const list of ['departments', 'matters']) {
      const page = await call('get', `/api/${list}`);
      expect(page.status).toBe(200);
      expect((page.body as Paged<Row>).items.map((r) => r.id)).toContain(ids[list]);
      const one = await call('get', `/api/${list}/${ids[list]}`);
      expect(one.status).toBe(200);
      expect((one.body as Row).id).toBe(ids[list]);
    }
  });

  it('is told the database state on /api/health but not where the database is', async () => {
    const res = await call('get', '/api/health');
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up' } });
    const server = new URL(t.db.url);
    expect(res.text).not.toContain('postgres://');
    expect(res.text).not.toContain(server.pathname.slice(1));
    expect(res.text).not.toContain(`:${server.port}`);
  });

  it.each(['enterprises', 'inspectors', 'conflicts'])('gets 401 on the %s list and on one of its rows', async (list) => {
    expectError(await call('get', `/api/${list}`), 401, 'UNAUTHENTICATED');
    expectError(await call('get', `/api/${list}/${ids[list]}`), 401, 'UNAUTHENTICATED');
  });

  it.each(writes)('gets 401 on %s /api/%s and nothing changes', async (verb, list) => {
    const before = await snapshot(list);
    expectError(await attempt(verb, list), 401, 'UNAUTHENTICATED');
    expect(await snapshot(list)).toEqual(before);
  });

  it('gets 401 (not a validation error) even when the body is invalid', async () => {
    expectError(await call('post', '/api/departments', undefined, { nonsense: true }), 401, 'UNAUTHENTICATED');
  });

  it('gets 401 on /api/auth/me', async () => {
    expectError(await call('get', '/api/auth/me'), 401, 'UNAUTHENTICATED');
  });
});

describe('the inspector account', () => {
  it('knows who it is', async () => {
    const me = await call('get', '/api/auth/me', t.inspectorToken);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'inspector', role: 'inspector' });
  });

  it.each(['departments', 'matters', 'enterprises', 'inspectors'])('may read the %s list and one of its rows', async (list) => {
    const page = await call('get', `/api/${list}`, t.inspectorToken);
    expect(page.status).toBe(200);
    expect((page.body as Paged<Row>).items.map((r) => r.id)).toContain(ids[list]);
    expect((await call('get', `/api/${list}/${ids[list]}`, t.inspectorToken)).status).toBe(200);
  });

  it.each(writes)('gets 403 on %s /api/%s and nothing changes', async (verb, list) => {
    const before = await snapshot(list);
    expectError(await attempt(verb, list, t.inspectorToken), 403, 'FORBIDDEN');
    expect(await snapshot(list)).toEqual(before);
  });

  it('gets 403 on the conflicts list and on one conflict: recusals are for the office only', async () => {
    expectError(await call('get', '/api/conflicts', t.inspectorToken), 403, 'FORBIDDEN');
    expectError(await call('get', `/api/conflicts/${ids.conflicts}`, t.inspectorToken), 403, 'FORBIDDEN');
    expectError(await call('get', `/api/conflicts?inspectorId=${ids.inspectors}`, t.inspectorToken), 403, 'FORBIDDEN');
  });
});

describe('the Excel downloads that carry contact details or recusals', () => {
  it.each(['/api/inspectors/export.xlsx', '/api/conflicts/export.xlsx'])('%s is for the office only', async (path) => {
    expectError(await call('get', path), 401, 'UNAUTHENTICATED');
    expectError(await call('get', path, t.inspectorToken), 403, 'FORBIDDEN');
    const res = await t.http.get(path).set(bearer(t.officeToken)).buffer(true);
    expect(res.status).toBe(200);
  });
});

describe('inspector contact details', () => {
  it('reach the office, in the list and on one inspector', async () => {
    const list = await call('get', `/api/inspectors?q=ZF-SEC-01`, t.officeToken);
    expect((list.body as Paged<Row>).items).toEqual([expect.objectContaining({ id: ids.inspectors, phone: PHONE, email: EMAIL })]);
    const one = await call('get', `/api/inspectors/${ids.inspectors}`, t.officeToken);
    expect(one.body).toMatchObject({ phone: PHONE, email: EMAIL });
  });

  it('never reach the inspector role, in the list or on one inspector', async () => {
    const list = await call('get', `/api/inspectors?q=ZF-SEC-01`, t.inspectorToken);
    expect(list.status).toBe(200);
    const [row] = (list.body as Paged<Row>).items;
    expect(row).toMatchObject({ id: ids.inspectors, name: '李静', certNo: 'ZF-SEC-01' });
    expect(row).not.toHaveProperty('phone');
    expect(row).not.toHaveProperty('email');
    expect(list.text).not.toContain(PHONE);
    expect(list.text).not.toContain(EMAIL);

    const one = await call('get', `/api/inspectors/${ids.inspectors}`, t.inspectorToken);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: ids.inspectors, name: '李静' });
    expect(one.body).not.toHaveProperty('phone');
    expect(one.body).not.toHaveProperty('email');
    expect(one.text).not.toContain(PHONE);
    expect(one.text).not.toContain(EMAIL);
  });
});

describe('unknown fields', () => {
  it.each(LISTS)('POST /api/%s with an unknown field is a 400 naming it, and writes nothing', async (list) => {
    const before = await snapshot(list);
    const body = expectError(
      await call('post', `/api/${list}`, t.officeToken, { ...newBody(list), isApproved: true }),
      400,
      'VALIDATION_FAILED',
    );
    expect(body.details).toContainEqual({ field: 'isApproved', message: expect.stringContaining('isApproved') });
    expect(await snapshot(list)).toEqual(before);
  });

  it.each(LISTS)('PATCH /api/%s/:id cannot set the id or the timestamps', async (list) => {
    const before = await snapshot(list);
    const body = expectError(
      await call('patch', `/api/${list}/${ids[list]}`, t.officeToken, { id: 424242, createdAt: '2000-01-01T00:00:00Z' }),
      400,
    );
    expect(body.details?.map((d) => d.field)).toEqual(expect.arrayContaining(['id', 'createdAt']));
    expect(await snapshot(list)).toEqual(before);
  });

  it('the login form rejects an unknown field such as a role', async () => {
    const body = expectError(
      await call('post', '/api/auth/login', undefined, { username: 'inspector', password: PASSWORD, role: 'office' }),
      400,
    );
    expect(body.details).toContainEqual({ field: 'role', message: expect.stringContaining('role') });
  });
});

describe('signing in', () => {
  it('gives a token that works, with the user but no password hash', async () => {
    const res = await call('post', '/api/auth/login', undefined, { username: 'office', password: PASSWORD });
    expect(res.status).toBe(200);
    const body = res.body as { token: string; expiresAt: string; user: Record<string, unknown> };
    expect(body.user).toEqual({ username: 'office', displayName: '政策法规处', role: 'office' });
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect((await call('get', '/api/conflicts', body.token)).status).toBe(200);
  });

  it('refuses a wrong password with 401 用户名或密码错误', async () => {
    const body = expectError(
      await call('post', '/api/auth/login', undefined, { username: 'office', password: 'wrong-password' }),
      401,
      'UNAUTHENTICATED',
    );
    expect(body.message).toBe('用户名或密码错误');
  });

  it('answers an unknown user exactly like a wrong password (no account probing)', async () => {
    const body = expectError(
      await call('post', '/api/auth/login', undefined, { username: 'nobody', password: PASSWORD }),
      401,
      'UNAUTHENTICATED',
    );
    expect(body.message).toBe('用户名或密码错误');
  });

  it('refuses a deactivated account', async () => {
    await t.sql(
      `INSERT INTO user_account (username, display_name, role, password_hash, active) VALUES ('left', '已调离', 'office', $1, false)`,
      [hashPassword(PASSWORD)],
    );
    const body = expectError(await call('post', '/api/auth/login', undefined, { username: 'left', password: PASSWORD }), 401);
    expect(body.message).toBe('用户名或密码错误');
  });

  it('asks for the user name and password with Chinese messages', async () => {
    const body = expectError(await call('post', '/api/auth/login', undefined, {}), 400);
    expect(body.details?.map((d) => d.field)).toEqual(expect.arrayContaining(['username', 'password']));
  });
});

describe('tokens', () => {
  const decode = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as SessionClaims;
  const encode = (claims: SessionClaims) => Buffer.from(JSON.stringify(claims)).toString('base64url');

  it('a token whose claims were changed to the office role is refused', async () => {
    // The genuine inspector token is allowed on enterprises and forbidden on conflicts...
    expect((await call('get', '/api/enterprises', t.inspectorToken)).status).toBe(200);
    expectError(await call('get', '/api/conflicts', t.inspectorToken), 403);
    // ...the same token with role rewritten and the old signature is not a token at all.
    const claims = decode(t.inspectorToken);
    expect(claims.role).toBe('inspector');
    const forged = `${encode({ ...claims, role: 'office' })}.${t.inspectorToken.split('.')[1]}`;
    expectError(await call('get', '/api/conflicts', forged), 401, 'UNAUTHENTICATED');
    expectError(await call('get', '/api/enterprises', forged), 401, 'UNAUTHENTICATED');
    expectError(await call('post', '/api/departments', forged, { code: 'FORGED', name: '伪造' }), 401);
  });

  it('a token with a damaged signature, signed with another secret, or no token scheme is refused', async () => {
    const [body, sig] = t.officeToken.split('.');
    const flipped = `${body}.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`; // the first character carries 6 signature bits
    expectError(await call('get', '/api/enterprises', flipped), 401);
    expectError(await call('get', '/api/enterprises', body), 401);
    const foreign = signToken({ ...decode(t.officeToken) }, 'some-other-secret-0123456789');
    expectError(await call('get', '/api/enterprises', foreign), 401);
    expectError(await call('get', '/api/enterprises', 'not-a-token'), 401);
    const noScheme = await t.http.get('/api/enterprises').set('Authorization', t.officeToken);
    expectError(noScheme, 401);
  });

  it('an expired token is refused', async () => {
    const secret = 'test-secret-0123456789abcdef'; // the secret test/support/test-app.ts boots the app with
    const claims = decode(t.officeToken);
    // First prove the secret is right: a fresh token signed with it is accepted...
    const fresh = signToken({ ...claims, exp: Math.floor(Date.now() / 1000) + 60 }, secret);
    expect((await call('get', '/api/enterprises', fresh)).status).toBe(200);
    // ...so the refusal below is about the expiry alone.
    const expired = signToken({ ...claims, exp: Math.floor(Date.now() / 1000) - 1 }, secret);
    expectError(await call('get', '/api/enterprises', expired), 401, 'UNAUTHENTICATED');
  });
});

describe('password hashes', () => {
  it('never appear in any response body', async () => {
    for (const path of ['/api/auth/me', '/api/health', '/api/docs-json']) await call('get', path, t.officeToken);
    await call('post', '/api/auth/login', undefined, { username: 'inspector', password: PASSWORD });
    const [{ hash }] = await t.sql<{ hash: string }>(`SELECT password_hash AS hash FROM user_account WHERE username = 'office'`);
    expect(hash).toMatch(/^scrypt\$/);
    expect(seen.length).toBeGreaterThan(60);
    const leaks = seen.filter((r) => /passwordHash|password_hash|scrypt\$/i.test(r.text) || r.text.includes(hash.split('$')[2]));
    expect(leaks.map((r) => r.what)).toEqual([]);
  });
});
