import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { usccCheckChar } from '../src/common/uscc';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The static pages in public/, driven in Debian's Chromium against the real app on a
 * random port. Machines without /usr/bin/chromium skip this file (CI installs it).
 */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`[pages.e2e-spec] ${CHROMIUM} not found: the browser tests of the pages are SKIPPED (install it with \`apt-get install -y chromium\`).`);
}
const maybe = hasChromium ? describe : describe.skip;

const ENTERPRISES = 45;
const TIERS = ['A', 'B', 'C'] as const;

function uscc(i: number): string {
  const first17 = `91320803MA${String(i).padStart(7, '0')}`;
  return first17 + usccCheckChar(first17);
}

maybe('the pages in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;

  const auth = () => ({ Authorization: `Bearer ${t.officeToken}` });

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;

    const dept = await t.http.post('/api/departments').set(auth()).send({ code: 'WHC', name: '危化处' }).expect(201);
    await t.http
      .post('/api/matters')
      .set(auth())
      .send({ seq: 1, name: '对危险化学品经营的监管', samplingRatio: 0.2, leadDepartmentId: dept.body.id, measures: '“双随机”监管、信用监管' })
      .expect(201);
    await t.http
      .post('/api/matters')
      .set(auth())
      .send({ seq: 2, name: '对烟花爆竹批发企业的监管', samplingRatio: 1, keySupervision: true, leadDepartmentId: dept.body.id })
      .expect(201);
    for (let i = 0; i < ENTERPRISES; i++) {
      await t.http
        .post('/api/enterprises')
        .set(auth())
        .send({ uscc: uscc(i), name: `淮安市测试商贸有限公司${i + 1}`, regionCode: '320803', creditTier: TIERS[i % 3], matterCodes: ['M001'] })
        .expect(201);
    }

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
  });

  async function login(): Promise<void> {
    await page.goto(`${base}/login.html`);
    await page.fill('#username', 'office');
    await page.fill('#password', 'test-password-1');
    await page.click('form.login-form button[type=submit]');
    await page.waitForURL(/\/office\//);
  }

  const total = (text: string) => page.locator('[data-role=total]', { hasText: text }).waitFor();
  const pageInfo = (text: string) => page.locator('[data-role=page-info]', { hasText: text }).waitFor();
  // A string, as the test is compiled without the DOM library: evaluated in the page.
  const idle = () => page.waitForFunction("!document.querySelector('.paged-table[aria-busy]')");

  it('links the landing page to the public matter list and to the login', async () => {
    await page.goto(`${base}/`);
    expect(await page.locator('a[href="/matters.html"]').count()).toBeGreaterThan(0);
    expect(await page.locator('a[href="/login.html"]').count()).toBeGreaterThan(0);
    expect(await page.textContent('.brand-name')).toBe('双随机、一公开 抽查系统');
  });

  it('shows the published matter list without login, with the ratio as a percentage', async () => {
    await page.goto(`${base}/matters.html`);
    const row = page.locator('.data-table tbody tr', { hasText: '对危险化学品经营的监管' });
    await row.waitFor();
    expect(await row.locator('td.ratio').textContent()).toBe('20%');
    const key = page.locator('.data-table tbody tr', { hasText: '对烟花爆竹批发企业的监管' });
    expect(await key.locator('td.ratio').textContent()).toBe('100%');
    expect(await key.locator('.tag', { hasText: '重点监管' }).count()).toBe(1);
    expect(await row.locator('.tag', { hasText: '重点监管' }).count()).toBe(0);
    expect(await page.getAttribute('[data-role=public-export]', 'href')).toContain('/api/matters/export.xlsx');
  });

  it('sends a visitor without a session to the login page with a message', async () => {
    await page.goto(`${base}/office/enterprises.html`);
    await page.waitForURL(/\/login\.html\?reason=required/);
    expect(await page.textContent('[data-role=login-message]')).toContain('请先登录');
  });

  it('lets the office log in, see the roster total, page through it and filter by credit tier', async () => {
    await login();
    await page.click('nav.side-nav a:has-text("检查对象名录库")');
    await page.waitForURL(/\/office\/enterprises\.html/);
    await total(`共 ${ENTERPRISES} 条`);
    await pageInfo('第 1 / 3 页');
    expect(await page.locator('.data-table tbody tr').count()).toBe(20);

    await page.click('[data-role=next]');
    await pageInfo('第 2 / 3 页');
    await idle();
    expect(await page.locator('.data-table tbody tr').first().textContent()).toContain('淮安市测试商贸有限公司21');

    await page.selectOption('#f-creditTier', 'A');
    await total(`共 ${ENTERPRISES / 3} 条`);
    await pageInfo('第 1 / 1 页');
    await idle();
    const tiers = await page.locator('.data-table tbody tr td .tier').allTextContents();
    expect(tiers).toHaveLength(ENTERPRISES / 3);
    expect(new Set(tiers)).toEqual(new Set(['A 级']));
    expect(page.url()).toContain('creditTier=A');
  });

  it('shows the Chinese USCC error next to the form and creates nothing', async () => {
    await login();
    await page.goto(`${base}/office/enterprises.html`);
    await total(`共 ${ENTERPRISES} 条`);
    await page.click('[data-role=create]');
    const dialog = page.locator('dialog[open]');
    const bad = uscc(999).slice(0, 17) + (uscc(999).endsWith('0') ? '1' : '0');
    await dialog.locator('input[name=uscc]').fill(bad);
    await dialog.locator('input[name=name]').fill('校验位错误的企业');
    await dialog.locator('input[name=regionCode]').fill('320803');
    await dialog.locator('[data-role=save]').click();

    const fieldError = dialog.locator('.field-error[data-field=uscc]');
    await fieldError.locator('div').waitFor();
    expect(await fieldError.textContent()).toMatch(/统一社会信用代码校验位错误：第 18 位应为“.”/);
    expect(await dialog.locator('[data-role=form-message]').textContent()).toContain('请求参数有误');
    expect(await dialog.isVisible()).toBe(true);

    const res = await t.http.get('/api/enterprises').query({ q: '校验位错误' }).set(auth()).expect(200);
    expect(res.body.total).toBe(0);
  });

  it('sends the user back to the login page when the API answers 401', async () => {
    await page.goto(`${base}/login.html`);
    const forged = { token: 'forged.token', expiresAt: new Date(Date.now() + 3600_000).toISOString(), user: { username: 'office', displayName: '政策法规处', role: 'office' } };
    await page.evaluate(`sessionStorage.setItem('ssj.session', ${JSON.stringify(JSON.stringify(forged))})`);
    await page.goto(`${base}/office/enterprises.html`);
    await page.waitForURL(/\/login\.html\?reason=expired/);
    expect(await page.textContent('[data-role=login-message]')).toContain('登录已失效');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/office/enterprises.html');
  });

  it('shows a rejected import with "未写入任何数据" and the bad cells', async () => {
    await login();
    await page.goto(`${base}/office/enterprises.html`);
    await total(`共 ${ENTERPRISES} 条`);
    await page.click('[data-role=import]');
    const csv = `统一社会信用代码,企业名称,行政区划代码,信用等级\n${uscc(500).slice(0, 17)}X,坏企业,320803,A\n${uscc(501)},好企业,320803,E\n`;
    await page.setInputFiles('#import-file', { name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.click('[data-role=start-import]');
    await page.locator('[data-role=import-errors]').waitFor();
    expect(await page.textContent('[data-role=import-message]')).toContain('未写入任何数据');
    const rows = await page.locator('[data-role=import-errors] tbody tr').allTextContents();
    expect(rows.some((r) => r.includes('统一社会信用代码') && r.includes('校验位'))).toBe(true);
    expect(rows.some((r) => r.includes('信用等级') && r.includes('E'))).toBe(true);
    expect(await page.locator('[data-role=marked-workbook]').count()).toBe(1);
    const res = await t.http.get('/api/enterprises').set(auth()).expect(200);
    expect(res.body.total).toBe(ENTERPRISES);
  });

  it('deactivates an enterprise only after confirmation', async () => {
    await login();
    await page.goto(`${base}/office/enterprises.html?q=${encodeURIComponent('有限公司45')}`);
    await total('共 1 条');
    await page.click('[data-role=deactivate]');
    await page.locator('dialog[open]', { hasText: '确定停用企业' }).waitFor();
    await page.click('dialog[open] [data-role=confirm]');
    await page.locator('.data-table tbody tr.row-inactive').waitFor();
    const res = await t.http.get('/api/enterprises').query({ q: '有限公司45' }).set(auth()).expect(200);
    expect(res.body.items[0].active).toBe(false);
  });
});
