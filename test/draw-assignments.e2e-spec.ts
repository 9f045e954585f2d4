import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { nowInShanghai } from '../src/draws/draw-time';
import { createTestApp, type TestApp } from './support/test-app';
import { readXlsx } from './support/workbooks';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('after the draw: exports, replacements and the inspectors\' own assignments', () => {
  let t: TestApp;
  let drawId: number;
  const office = () => ({ Authorization: `Bearer ${t.officeToken}` });

  beforeAll(async () => {
    t = await createTestApp({ demoData: true });
    const matters = (await t.http.get('/api/matters?pageSize=50').expect(200)).body.items as { id: number; code: string }[];
    const ids = matters.filter((m) => ['M001', 'M002'].includes(m.code)).map((m) => m.id);
    const plan = await t.http.post('/api/plans').set(office()).send({ year: 2026, office: '淮安市应急管理局', docPrefix: '淮应急', title: '计划', matters: ids.map((matterId) => ({ matterId })) }).expect(201);
    const task = await t.http.post(`/api/plans/${plan.body.id}/tasks`).set(office()).send({ round: 1, windowStart: '2026-12-01', windowEnd: '2026-12-31', matterIds: ids }).expect(201);
    await t.http.post(`/api/tasks/${task.body.id}/commit`).set(office()).send({ seedSources: [{ id: 'beacon', kind: 'beacon', description: '随机信标' }] }).expect(201);
    await sleep(5);
    const draw = await t.http.post(`/api/tasks/${task.body.id}/draw`).set(office()).send({ seedValues: [{ sourceId: 'beacon', value: '12'.repeat(32), availableAt: nowInShanghai() }] }).expect(201);
    drawId = draw.body.id;
  });
  afterAll(() => t.close());

  const download = async (url: string) => readXlsx((await t.http.get(url).set(office()).responseType('blob').expect(200)).body as Buffer);

  it('exports the drawn list per task, per lead department and per inspector', async () => {
    const [{ n }] = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM inspection WHERE draw_id = $1', [drawId]);
    const task = await download(`/api/draws/${drawId}/export.xlsx`);
    expect(task['抽取名单'][0]).toEqual(['任务编号', '检查时段', '统一社会信用代码', '企业名称', '行政区划代码', '地址', '检查事项', '检查组', '状态']);
    expect(task['抽取名单'].length - 1).toBe(n);
    const byDept = await download(`/api/draws/${drawId}/export.xlsx?by=department`);
    expect(Object.keys(byDept).sort()).toEqual(['危化处', '政策法规处']);
    const [{ members }] = await t.sql<{ members: number }>(
      'SELECT count(*)::int AS members FROM inspection i CROSS JOIN LATERAL unnest(i.team_ids) AS m(inspector_id) WHERE i.draw_id = $1',
      [drawId],
    );
    const byInspector = await download(`/api/draws/${drawId}/export.xlsx?by=inspector`);
    expect(byInspector['执法人员任务'].length - 1).toBe(members);
    await t.http.get(`/api/draws/${drawId}/export.xlsx?by=nobody`).set(office()).expect(400);
  });

  it('exports every excluded enterprise with its reason in Chinese', async () => {
    const sheet = (await download(`/api/draws/${drawId}/exclusions.xlsx`))['不参加抽取'];
    expect(sheet[0]).toEqual(['统一社会信用代码', '监管事项编码', '信用等级', '原因']);
    const draw = (await t.http.get(`/api/draws/${drawId}`).set(office()).expect(200)).body;
    expect(sheet.length - 1).toBe(draw.counts.exclusions);
    if (sheet.length > 1) expect(sheet[1][3]).toMatch(/[\u4e00-\u9fff]/);
  });

  it('replaces an ill inspector by the documented rule, records it, and never picks them again in that draw', async () => {
    const [row] = await t.sql<{ uscc: string; cert: string }>(
      `SELECT i.uscc, ins.cert_no AS cert FROM inspection i CROSS JOIN LATERAL unnest(i.team_ids) AS m(inspector_id) JOIN inspector ins ON ins.id = m.inspector_id
       WHERE i.draw_id = $1 AND i.unstaffed_reason IS NULL ORDER BY i.uscc, ins.cert_no LIMIT 1`,
      [drawId],
    );
    const rec = (await t.http.post(`/api/draws/${drawId}/replacements`).set(office()).send({ uscc: row.uscc, certNo: row.cert, reason: 'illness', note: '住院' }).expect(201)).body;
    expect(rec).toMatchObject({ seq: 1, uscc: row.uscc, removedCertNo: row.cert, reason: 'illness', label: '因病不能参加检查', createdBy: 'office' });
    const team = await t.sql<{ cert: string }>(
      `SELECT ins.cert_no AS cert FROM inspection i CROSS JOIN LATERAL unnest(i.team_ids) AS m(inspector_id) JOIN inspector ins ON ins.id = m.inspector_id
       WHERE i.draw_id = $1 AND i.uscc = $2`,
      [drawId, row.uscc],
    );
    expect(team.map((x) => x.cert)).not.toContain(row.cert);
    if (rec.unstaffed === null) expect(team.map((x) => x.cert)).toEqual(expect.arrayContaining(rec.addedCertNos));
    const log = (await t.http.get(`/api/draws/${drawId}/replacements`).set(office()).expect(200)).body;
    expect(log).toEqual([expect.objectContaining({ seq: 1, removedCertNo: row.cert, reason: 'illness', note: '住院', createdBy: 'office' })]);
    // The same inspector is no longer on that team: a second request for them is refused.
    const again = await t.http.post(`/api/draws/${drawId}/replacements`).set(office()).send({ uscc: row.uscc, certNo: row.cert, reason: 'illness' });
    expect(again.status).toBe(400);
  });

  it('shows an inspector only their own assignments, and lets them export them', async () => {
    const login = await t.http.post('/api/auth/login').send({ username: 'inspector01', password: 'demo12345' }).expect(200);
    const auth = { Authorization: `Bearer ${login.body.token}` };
    const [{ id }] = await t.sql<{ id: number }>(`SELECT inspector_id AS id FROM user_account WHERE username = 'inspector01'`);
    const [{ n }] = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM inspection i CROSS JOIN LATERAL unnest(i.team_ids) AS m(inspector_id) WHERE m.inspector_id = $1 AND i.draw_id = $2`,
      [id, drawId],
    );
    const mine = (await t.http.get('/api/my/inspections?pageSize=500').set(auth).expect(200)).body;
    expect(mine.total).toBe(n);
    for (const r of mine.items as { team: { certNo: string }[] }[]) expect(r.team.length).toBeGreaterThanOrEqual(2);
    await t.http.get('/api/my/inspections.xlsx').set(auth).expect(200);
    await t.http.get('/api/my/inspections').set(office()).expect(403);
    await t.http.get(`/api/draws/${drawId}/inspections`).set(auth).expect(403);
  });

  it('keeps every team seat when the team-array migration is reverted and applied again', async () => {
    const teams = () => t.sql<{ id: number; team: number[] }>('SELECT id, ARRAY(SELECT x FROM unnest(team_ids) x ORDER BY x) AS team FROM inspection ORDER BY id');
    const before = await teams();
    expect(before.some((r) => r.team.length >= 2)).toBe(true);
    const ds = new DataSource(dataSourceOptions(t.db.url));
    await ds.initialize();
    try {
      await ds.undoLastMigration();
      const seats = await t.sql<{ id: number; team: number[] }>(
        'SELECT i.id, ARRAY(SELECT m.inspector_id FROM inspection_member m WHERE m.inspection_id = i.id ORDER BY 1) AS team FROM inspection i ORDER BY i.id',
      );
      expect(seats).toEqual(before);
      await ds.runMigrations();
    } finally {
      await ds.destroy();
    }
    expect(await teams()).toEqual(before);
  });
});
