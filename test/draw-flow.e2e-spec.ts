import { gunzipSync, gzipSync } from 'node:zlib';
import { type DrawReceipt, parseSnapshotLines, verifyDraw } from '../src/draw';
import { nowInShanghai } from '../src/draws/draw-time';
import { createDemoPlan, createTestApp, type TestApp } from './support/test-app';

const BEACON = 'seed-beacon';
const lines = (gz: Buffer) => gunzipSync(gz).toString('utf8').split(/(?<=\n)/);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a draw from plan to public verification, on the demo registries', () => {
  let t: TestApp;
  const office = () => ({ Authorization: `Bearer ${t.officeToken}` });
  let planId: number;
  let matterIds: number[];

  beforeAll(async () => {
    t = await createTestApp({ demoData: true });
    ({ planId, matterIds } = await createDemoPlan(t));
  });
  afterAll(() => t.close());

  async function newTask() {
    const res = await t.http
      .post(`/api/plans/${planId}/tasks`)
      .set(office())
      .send({ round: 1, windowStart: '2026-12-01', windowEnd: '2026-12-31', matterIds })
      .expect(201);
    return res.body as { id: number; code: string; joint: boolean };
  }
  const commit = (taskId: number) =>
    t.http.post(`/api/tasks/${taskId}/commit`).set(office()).send({ seedSources: [{ id: BEACON, kind: 'beacon', description: '测试随机信标第 1 轮' }] });
  const seedValues = (value = 'ab'.repeat(32)) => [{ sourceId: BEACON, value, availableAt: nowInShanghai() }];

  it('numbers tasks as 文号 and makes a task of two departments joint', async () => {
    const task = await newTask();
    expect(task.code).toBe('淮应急抽查〔2026〕1号');
    expect(task.joint).toBe(true);
    const late = await t.http
      .post(`/api/plans/${planId}/tasks`)
      .set(office())
      .send({ round: 2, windowStart: '2026-12-15', windowEnd: '2027-01-15', matterIds })
      .expect(400);
    expect(late.body.message).toContain('计划年度 2026 年内');
  });

  it('refuses a draw before the commitment, and a seed value fixed before it', async () => {
    const task = await newTask();
    const early = seedValues();
    const refused = await t.http.post(`/api/tasks/${task.id}/draw`).set(office()).send({ seedValues: early }).expect(409);
    expect(refused.body.message).toContain('尚未提交承诺');
    await sleep(5);
    await commit(task.id).expect(201);
    const stale = await t.http.post(`/api/tasks/${task.id}/draw`).set(office()).send({ seedValues: early }).expect(409);
    expect(stale.body.details.refusal).toBe('SEED_VALUE_BEFORE_COMMITMENT');
    const future = [{ sourceId: BEACON, value: 'ab'.repeat(32), availableAt: '2099-01-01T00:00:00+08:00' }];
    expect((await t.http.post(`/api/tasks/${task.id}/draw`).set(office()).send({ seedValues: future }).expect(400)).body.message).toContain('晚于当前时间');
    // While this commitment is open, another task of the year with the same matters may not commit:
    // its snapshot could not count this task's draw against the rounds limit.
    const other = await newTask();
    const blocked = await commit(other.id).expect(409);
    expect(blocked.body.message).toContain(task.code);
    await t.http.post(`/api/tasks/${task.id}/withdraw`).set(office()).expect(204);
    await commit(other.id).expect(201);
    await t.http.post(`/api/tasks/${other.id}/withdraw`).set(office()).expect(204);
  });

  it('needs a public random source, or secrets of at least two officials', async () => {
    const task = await newTask();
    const official = (id: string) => ({ id, kind: 'official', description: `${id} 的秘密值`, secretSha256: 'c'.repeat(64) });
    const alone = await t.http.post(`/api/tasks/${task.id}/commit`).set(office()).send({ seedSources: [official('zhang')] }).expect(400);
    expect(alone.body.message).toContain('公开随机源');
    await t.http.post(`/api/tasks/${task.id}/commit`).set(office()).send({ seedSources: [official('zhang'), official('li')] }).expect(201);
    await t.http.post(`/api/tasks/${task.id}/withdraw`).set(office()).expect(204);
  });

  it('leaves nothing half-written when a draw fails midway, and refuses a stored snapshot that no longer matches its hash', async () => {
    const task = await newTask();
    const c = (await commit(task.id).expect(201)).body;
    await sleep(5);
    const count = async () => (await t.sql<{ n: number }>('SELECT (SELECT count(*) FROM draw) + (SELECT count(*) FROM inspection) AS n'))[0].n;
    const before = await count();
    // Inspectors renumbered after the commitment: the teams can no longer be stored, so the draw
    // fails after its inspections were written; the whole transaction is rolled back.
    await t.sql(`UPDATE inspector SET cert_no = cert_no || '-X'`);
    const failed = await t.http.post(`/api/tasks/${task.id}/draw`).set(office()).send({ seedValues: seedValues() }).expect(409);
    expect(failed.body.message).toContain('执法证号');
    expect(await count()).toBe(before);
    await t.sql(`UPDATE inspector SET cert_no = left(cert_no, length(cert_no) - 2) WHERE cert_no LIKE '%-X'`);
    expect((await t.http.get(`/api/tasks/${task.id}/commitments`).set(office()).expect(200)).body[0].status).toBe('open');
    // A stored snapshot altered behind the application's back is refused before any draw.
    await t.sql(`UPDATE commitment SET snapshot_gz = $1 WHERE id = $2`, [gzipSync('{"format":"x"}\n'), c.id]);
    const corrupt = await t.http.post(`/api/tasks/${task.id}/draw`).set(office()).send({ seedValues: seedValues() }).expect(409);
    expect(corrupt.body.message).toContain('哈希不符');
    expect(await count()).toBe(before);
    await t.http.post(`/api/tasks/${task.id}/withdraw`).set(office()).expect(204);
  });

  it('commits, draws once when asked twice at once, publishes, and anyone can recompute the draw', async () => {
    const task = await newTask();
    const c = await commit(task.id).expect(201);
    expect(c.body.snapshotHash).toMatch(/^[0-9a-f]{64}$/);
    expect(c.body.counts.enterprises).toBeGreaterThan(100);
    // The hash is public from the moment of commitment.
    const pubCommitments = (await t.http.get('/api/public/commitments').expect(200)).body.items as { snapshotHash: string }[];
    expect(pubCommitments.map((x) => x.snapshotHash)).toContain(c.body.snapshotHash);

    await sleep(5);
    const values = seedValues();
    const [a, b] = await Promise.all([
      t.http.post(`/api/tasks/${task.id}/draw`).set(office()).send({ seedValues: values }),
      t.http.post(`/api/tasks/${task.id}/draw`).set(office()).send({ seedValues: values }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const draw = (a.status === 201 ? a : b).body;
    expect(draw.counts.inspections).toBeGreaterThan(0);
    const [{ n }] = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM draw WHERE task_id = $1', [task.id]);
    expect(n).toBe(1);

    // Teams are lawful: at least two, none recused.
    const bad = await t.sql(
      `SELECT i.id FROM inspection i LEFT JOIN LATERAL unnest(i.team_ids) AS m(inspector_id) ON true
       WHERE i.draw_id = $1 AND i.unstaffed_reason IS NULL GROUP BY i.id HAVING count(m.inspector_id) < 2`,
      [draw.id],
    );
    expect(bad).toEqual([]);
    const recused = await t.sql(
      `SELECT 1 FROM inspection i CROSS JOIN LATERAL unnest(i.team_ids) AS m(inspector_id)
       JOIN conflict c ON c.enterprise_id = i.enterprise_id AND c.inspector_id = m.inspector_id AND c.active WHERE i.draw_id = $1`,
      [draw.id],
    );
    expect(recused).toEqual([]);

    // Not public before publication.
    await t.http.get(`/api/public/draws/${draw.id}`).expect(404);
    await t.http.post(`/api/draws/${draw.id}/publish`).set(office()).expect(200);
    const pub = (await t.http.get(`/api/public/draws/${draw.id}`).expect(200)).body;
    const receipt = (await t.http.get(`/api/public/draws/${draw.id}/receipt.json`).expect(200)).body as DrawReceipt;
    const snapshotGz = (await t.http.get(`/api/public/draws/${draw.id}/snapshot.txt.gz`).responseType('blob').expect(200)).body as Buffer;
    const resultGz = (await t.http.get(`/api/public/draws/${draw.id}/result.txt.gz`).responseType('blob').expect(200)).body as Buffer;
    expect(pub.receipt).toEqual(receipt);
    const snapshot = parseSnapshotLines(lines(snapshotGz));
    expect(verifyDraw(receipt, snapshot, lines(resultGz))).toMatchObject({ match: true, resultHash: receipt.resultHash });

    // A tampered snapshot (one enterprise's credit tier) or receipt (the seed) fails verification.
    const tampered = { ...snapshot, enterprises: snapshot.enterprises.map((e, i) => (i === 0 ? { ...e, tier: e.tier === 'A' ? 'D' : 'A' } : e)) } as typeof snapshot;
    expect(verifyDraw(receipt, tampered)).toMatchObject({ match: false, difference: { step: 'snapshotHash' } });
    expect(verifyDraw({ ...receipt, seed: 'f'.repeat(64) }, snapshot)).toMatchObject({ match: false, difference: { step: 'seed' } });

    // The published list names enterprises and inspectors, never contact details.
    const list = await t.http.get(`/api/public/draws/${draw.id}/inspections?pageSize=5`).expect(200);
    expect(list.body.total).toBe(draw.counts.inspections + draw.counts.unstaffed);
    expect(JSON.stringify(list.body)).not.toMatch(/phone|email|@/);

    // Published draws cannot be superseded, nor edited behind the API's back.
    await t.http.post(`/api/draws/${draw.id}/supersede`).set(office()).send({ reason: '试图作废已公示结果' }).expect(409);
    await expect(t.sql(`UPDATE draw SET seed = repeat('0', 64) WHERE id = $1`, [draw.id])).rejects.toThrow(/immutable/);
    await expect(t.sql('DELETE FROM draw WHERE id = $1', [draw.id])).rejects.toThrow(/never deleted/);
    // Nor can what its inspections point at vanish: a team member, the enterprise, the draw itself.
    const [row] = await t.sql<{ member: number; enterprise: number }>(
      'SELECT team_ids[1] AS member, enterprise_id AS enterprise FROM inspection WHERE draw_id = $1 AND cardinality(team_ids) > 0 LIMIT 1',
      [draw.id],
    );
    await expect(t.sql('DELETE FROM inspector WHERE id = $1', [row.member])).rejects.toThrow(/inspector \d+ is never deleted/);
    await expect(t.sql('UPDATE inspector SET id = -id WHERE id = $1', [row.member])).rejects.toThrow(/never renumbered/);
    await expect(t.sql('DELETE FROM enterprise WHERE id = $1', [row.enterprise])).rejects.toThrow(/enterprise \d+ is never deleted/);
    await expect(t.sql('UPDATE enterprise SET id = -id WHERE id = $1', [row.enterprise])).rejects.toThrow(/never renumbered/);
    await expect(t.sql('UPDATE draw SET id = -id WHERE id = $1', [draw.id])).rejects.toThrow(/immutable|never renumbered/);
  });

  it('supersedes a draw only with a reason, keeps it on record, and draws again from a new commitment', async () => {
    const task = await newTask();
    await commit(task.id).expect(201);
    await sleep(5);
    const first = (await t.http.post(`/api/tasks/${task.id}/draw`).set(office()).send({ seedValues: seedValues() }).expect(201)).body;
    await t.http.post(`/api/draws/${first.id}/supersede`).set(office()).send({}).expect(400);
    const superseded = (await t.http.post(`/api/draws/${first.id}/supersede`).set(office()).send({ reason: '名录库中一家企业状态录入错误' }).expect(200)).body;
    expect(superseded).toMatchObject({ status: 'superseded', supersededReason: '名录库中一家企业状态录入错误' });
    await commit(task.id).expect(201);
    await sleep(5);
    const second = (await t.http.post(`/api/tasks/${task.id}/draw`).set(office()).send({ seedValues: seedValues('cd'.repeat(32)) }).expect(201)).body;
    const all = (await t.http.get(`/api/tasks/${task.id}/draws`).set(office()).expect(200)).body as { id: number; status: string }[];
    expect(all.map((d) => [d.id, d.status])).toEqual([
      [second.id, 'active'],
      [first.id, 'superseded'],
    ]);
  });

  it('counts earlier draws of the year against an enterprise tier\'s rounds', async () => {
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM inspection i JOIN draw d ON d.id = i.draw_id WHERE d.status <> 'superseded'`);
    expect(n).toBeGreaterThan(0);
    const task = await newTask();
    const c = await commit(task.id).expect(201);
    const snap = parseSnapshotLines(lines((await t.http.get(`/api/commitments/${c.body.id}/snapshot.txt.gz`).set(office()).responseType('blob').expect(200)).body as Buffer));
    expect(snap.enterprises.some((e) => Object.keys(e.drawnThisYear ?? {}).length > 0)).toBe(true);
  });

  it('keeps all of it from inspectors and the public', async () => {
    await t.http.post(`/api/plans/${planId}/tasks`).set('Authorization', `Bearer ${t.inspectorToken}`).send({}).expect(403);
    await t.http.get(`/api/plans/${planId}`).expect(401);
  });

  it('refuses, with nothing written, a draw whose inspectors were renumbered after the commitment', async () => {
    // Earlier tests may have left a commitment open on the same matters, which would block this one.
    for (const open of await t.sql<{ task_id: number }>(`SELECT task_id FROM commitment WHERE status = 'open'`)) {
      await t.http.post(`/api/tasks/${open.task_id}/withdraw`).set(office()).expect(204);
    }
    const task = await newTask();
    await commit(task.id).expect(201);
    await sleep(5);
    await t.sql(`UPDATE inspector SET cert_no = cert_no || 'X'`);
    try {
      const res = await t.http.post(`/api/tasks/${task.id}/draw`).set(office()).send({ seedValues: seedValues() }).expect(409);
      expect(res.body.message).toMatch(/执法证号在承诺后被修改/);
      expect(await t.sql('SELECT id FROM draw WHERE task_id = $1', [task.id])).toEqual([]);
      expect(await t.sql('SELECT i.id FROM inspection i WHERE NOT EXISTS (SELECT 1 FROM draw d WHERE d.id = i.draw_id)')).toEqual([]);
    } finally {
      await t.sql(`UPDATE inspector SET cert_no = left(cert_no, -1)`);
    }
    // The commitment is still open: once the codes are back, the same task draws.
    await t.http.post(`/api/tasks/${task.id}/draw`).set(office()).send({ seedValues: seedValues() }).expect(201);
  });
});
