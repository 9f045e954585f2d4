import { nowInShanghai } from '../src/draws/draw-time';
import { bearer, expectError, type Paged } from './support/api-helpers';
import { createDemoPlan, createTestApp, type TestApp } from './support/test-app';

/**
 * Publishing the annual plan and the public record of a task: the plan with its policy, matters
 * and tasks; every draw of a task, superseded ones with their reasons; the replacement log with
 * reason codes and public identifiers only.
 */
const BEACON = 'test-beacon';
const NOTE = '病假，医院证明编号 BJ-2026-0412 已存档';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface PublicPlan {
  id: number;
  year: number;
  title: string;
  publishedAt: string;
  tierPolicy: { A: unknown; accidentTier: string };
  matters: { matterId: number; code: string; samplingRatio: number; roundsPerYear: number; keySupervision: boolean; leadDepartment: string }[];
  tasks: { id: number; code: string; status: string; targeted: boolean; filter: unknown; publishedDraws: { id: number; publishedAt: string }[]; supersededDraws: number }[];
}

interface History {
  task: { id: number; code: string; planId: number | null };
  commitments: { id: number; status: string; snapshotHash: string }[];
  draws: {
    id: number;
    status: string;
    snapshotHash: string;
    seed: string;
    resultHash: string;
    algorithm: string;
    receipt: { snapshotHash: string; seed: string; resultHash: string; algorithm: string; seedValues: { sourceId: string; value: string }[] };
    drawnAt: string;
    supersededAt: string | null;
    supersededReason: string | null;
    publishedAt: string | null;
  }[];
  replacements: { drawId: number; seq: number; uscc: string; removed: { certNo: string; name: string }; added: { certNo: string }[]; reason: string; label: string; createdAt: string }[];
}

/** Every key anywhere in a JSON value. */
function keysOf(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => keysOf(x, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      keysOf(x, out);
    }
  }
  return out;
}
const PRIVATE_KEY = /phone|email|mobile|contact|secret|password|note|createdBy|created_by|username|account/i;
/** A declared source's SHA-256 of an official's secret is public from the commitment on; the secret is not. */
const PUBLIC_KEYS = new Set(['secretSha256']);

describe('plan publication and the public history of draws', () => {
  let t: TestApp;
  const office = () => bearer(t.officeToken);
  let planId: number;
  let matterIds: number[];
  let privateValues: string[];

  beforeAll(async () => {
    t = await createTestApp({ demoData: true });
    ({ planId, matterIds } = await createDemoPlan(t));
    const rows = await t.sql<{ v: string }>(`SELECT phone AS v FROM inspector WHERE phone <> '' UNION SELECT email FROM inspector WHERE email <> ''`);
    privateValues = rows.map((r) => r.v);
    expect(privateValues.length).toBeGreaterThan(0);
  });
  afterAll(() => t.close());

  const newTask = async (body: object = {}) =>
    (await t.http.post(`/api/plans/${planId}/tasks`).set(office()).send({ round: 1, windowStart: '2026-12-01', windowEnd: '2026-12-31', matterIds, ...body }).expect(201)).body as {
      id: number;
      code: string;
    };
  const commit = (taskId: number) =>
    t.http.post(`/api/tasks/${taskId}/commit`).set(office()).send({ seedSources: [{ id: BEACON, kind: 'beacon', description: '测试随机信标第 7 轮' }] }).expect(201);
  async function draw(taskId: number, value: string): Promise<{ id: number }> {
    await commit(taskId);
    await sleep(5);
    return (await t.http.post(`/api/tasks/${taskId}/draw`).set(office()).send({ seedValues: [{ sourceId: BEACON, value, availableAt: nowInShanghai() }] }).expect(201)).body;
  }
  /** A member of a staffed inspection of a draw. */
  async function teamMember(drawId: number): Promise<{ uscc: string; certNo: string }> {
    const [row] = await t.sql<{ uscc: string; certNo: string }>(
      `SELECT i.uscc, ins.cert_no AS "certNo" FROM inspection i CROSS JOIN LATERAL unnest(i.team_ids) AS m(inspector_id) JOIN inspector ins ON ins.id = m.inspector_id
       WHERE i.draw_id = $1 AND i.unstaffed_reason IS NULL ORDER BY i.uscc, ins.cert_no LIMIT 1`,
      [drawId],
    );
    return row;
  }
  const expectNothingPrivate = (body: unknown) => {
    expect([...keysOf(body)].filter((k) => PRIVATE_KEY.test(k) && !PUBLIC_KEYS.has(k))).toEqual([]);
    const text = JSON.stringify(body);
    expect(privateValues.filter((v) => text.includes(v))).toEqual([]);
    expect(text).not.toContain(NOTE);
  };

  it('keeps an unpublished plan from the public, and publication from anyone but the office', async () => {
    await t.http.get(`/api/public/plans/${planId}`).expect(404);
    expect(((await t.http.get('/api/public/plans').expect(200)).body as Paged<unknown>).total).toBe(0);
    expectError(await t.http.post(`/api/plans/${planId}/publish`), 401, 'UNAUTHENTICATED');
    expectError(await t.http.post(`/api/plans/${planId}/publish`).set(bearer(t.inspectorToken)), 403, 'FORBIDDEN');
    expectError(await t.http.post('/api/plans/999999/publish').set(office()), 404, 'NOT_FOUND');
    const [plan] = await t.sql<{ status: string }>('SELECT status FROM plan WHERE id = $1', [planId]);
    expect(plan.status).toBe('draft');
  });

  it('publishes a plan without tasks once, and the public sees it with its policy and matters', async () => {
    const res = await t.http.post(`/api/plans/${planId}/publish`).set(office()).expect(200);
    expect(res.body).toMatchObject({ id: planId, status: 'published' });
    expect(res.body.publishedAt).toBeTruthy();
    const again = expectError(await t.http.post(`/api/plans/${planId}/publish`).set(office()), 409, 'CONFLICT');
    expect(again.message).toContain('已于');
    // The database holds the rule too: a published plan has its publication time.
    await expect(t.sql('UPDATE plan SET published_at = NULL WHERE id = $1', [planId])).rejects.toThrow(/ck_plan_published/);

    const list = (await t.http.get('/api/public/plans?year=2026').expect(200)).body as Paged<{ id: number; matterCount: number; taskCount: number; publishedAt: string }>;
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: planId, matterCount: 2, taskCount: 0 });
    expect(list.items[0].publishedAt).toMatch(/\+08:00$/);
    expect(((await t.http.get('/api/public/plans?year=2025').expect(200)).body as Paged<unknown>).total).toBe(0);

    const plan = (await t.http.get(`/api/public/plans/${planId}`).expect(200)).body as PublicPlan;
    expect(plan.tierPolicy).toMatchObject({ accidentTier: 'D' });
    expect(plan.matters.map((m) => m.code)).toEqual(['M001', 'M002']);
    // 危险化学品经营 20%; 烟花爆竹批发 key supervision at 100% (seed 004).
    expect(plan.matters[0]).toMatchObject({ samplingRatio: 0.2, keySupervision: false });
    expect(plan.matters[1]).toMatchObject({ samplingRatio: 1, keySupervision: true });
    expect(plan.matters[0].leadDepartment).toMatch(/[\u4e00-\u9fff]/);
    expect(plan.tasks).toEqual([]);
    expectNothingPrivate(plan);
  });

  it('answers the whole history of a published task: superseded draws with reason, receipts and times, replacements without notes', async () => {
    const task = await newTask({ title: '危化品经营与烟花爆竹批发联合抽查' });
    // First draw: a replacement is made, then the draw is superseded before publication.
    const first = await draw(task.id, 'ab'.repeat(32));
    const early = await teamMember(first.id);
    await t.http.post(`/api/draws/${first.id}/replacements`).set(office()).send({ ...early, reason: 'leave', note: NOTE }).expect(201);
    const reason = '名录库中一家企业的登记状态录入错误，重新冻结数据后抽取';
    await t.http.post(`/api/draws/${first.id}/supersede`).set(office()).send({ reason }).expect(200);
    // While the task has no published draw, its history is not public.
    await t.http.get(`/api/public/tasks/${task.id}/history`).expect(404);

    const second = await draw(task.id, 'cd'.repeat(32));
    await t.http.get(`/api/public/tasks/${task.id}/history`).expect(404);
    await t.http.post(`/api/draws/${second.id}/publish`).set(office()).expect(200);
    const member = await teamMember(second.id);
    const replaced = (await t.http.post(`/api/draws/${second.id}/replacements`).set(office()).send({ ...member, reason: 'illness', note: NOTE }).expect(201)).body as {
      addedCertNos: string[];
    };

    const res = await t.http.get(`/api/public/tasks/${task.id}/history`).expect(200);
    const h = res.body as History;
    expect(h.task).toMatchObject({ id: task.id, code: '淮应急抽查〔2026〕1号', planId });
    expect(h.commitments.map((c) => c.status)).toEqual(['drawn', 'drawn']);
    expect(h.draws.map((d) => [d.id, d.status])).toEqual([
      [first.id, 'superseded'],
      [second.id, 'published'],
    ]);
    const [old, final] = h.draws;
    expect(old.supersededReason).toBe(reason);
    expect(old.supersededAt).toMatch(/^2\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
    expect(old.publishedAt).toBeNull();
    expect(final).toMatchObject({ supersededReason: null, supersededAt: null });
    expect(final.publishedAt).toMatch(/\+08:00$/);
    // Each draw's receipt: the snapshot hash of its own commitment, the revealed seed value, the seed and the result hash.
    const stored = await t.sql<{ id: number; seed: string; result_hash: string; snapshot_hash: string }>(
      'SELECT d.id, d.seed, d.result_hash, c.snapshot_hash FROM draw d JOIN commitment c ON c.id = d.commitment_id WHERE d.task_id = $1 ORDER BY d.id',
      [task.id],
    );
    expect(h.draws.map((d) => [d.id, d.seed, d.resultHash, d.snapshotHash])).toEqual(stored.map((s) => [s.id, s.seed, s.result_hash, s.snapshot_hash]));
    expect(old.receipt).toMatchObject({ snapshotHash: old.snapshotHash, seed: old.seed, resultHash: old.resultHash, algorithm: old.algorithm });
    expect(old.receipt.seedValues).toEqual([expect.objectContaining({ sourceId: BEACON, value: 'ab'.repeat(32) })]);
    expect(old.seed).not.toBe(final.seed);
    // The published draw's page points at the same task.
    expect((await t.http.get(`/api/public/draws/${second.id}`).expect(200)).body).toMatchObject({ taskId: task.id, planId });

    // The replacement log: the published draw's only, reason code and label, inspectors by 执法证号 and name.
    expect(h.replacements).toHaveLength(1);
    const r = h.replacements[0];
    expect(r).toMatchObject({ drawId: second.id, seq: 1, uscc: member.uscc, reason: 'illness', label: '因病不能参加检查' });
    expect(r.removed.certNo).toBe(member.certNo);
    expect(r.removed.name).toMatch(/[\u4e00-\u9fff]/);
    expect(r.added.map((a) => a.certNo)).toEqual(replaced.addedCertNos);
    expect(r.createdAt).toMatch(/\+08:00$/);
    expect(res.text).not.toContain(NOTE);
    expectNothingPrivate(h);

    // The plan shows the task with its published draw and the superseded count.
    const plan = (await t.http.get(`/api/public/plans/${planId}`).expect(200)).body as PublicPlan;
    const pt = plan.tasks.find((x) => x.id === task.id)!;
    expect(pt).toMatchObject({ code: '淮应急抽查〔2026〕1号', status: 'published', supersededDraws: 1 });
    expect(pt.publishedDraws.map((d) => d.id)).toEqual([second.id]);
  });

  it('shows a task still waiting for its draw, without its targeting criteria', async () => {
    const task = await newTask({ round: 2, targeted: true, filter: { tiers: ['D'] } });
    const official = (id: string) => ({ id, kind: 'official', description: `${id} 的秘密值`, secretSha256: 'c'.repeat(64) });
    await t.http.post(`/api/tasks/${task.id}/commit`).set(office()).send({ seedSources: [official('zhang'), official('li')] }).expect(201);
    const plan = (await t.http.get(`/api/public/plans/${planId}`).expect(200)).body as PublicPlan;
    const pt = plan.tasks.find((x) => x.id === task.id)!;
    expect(pt).toMatchObject({ code: '淮应急抽查〔2026〕2号', status: 'committed', targeted: true, filter: null, publishedDraws: [] });
    expectNothingPrivate(plan);
    await t.http.get(`/api/public/tasks/${task.id}/history`).expect(404);
    await t.http.post(`/api/tasks/${task.id}/withdraw`).set(office()).expect(204);
  });

  it('keeps every plan of another office unpublished until it is published', async () => {
    const other = await t.http
      .post('/api/plans')
      .set(office())
      .send({ year: 2026, office: '淮安市文化广电和旅游局', docPrefix: '淮文旅', title: '2026 年度抽查计划', matters: [{ matterId: matterIds[0] }] })
      .expect(201);
    await t.http.get(`/api/public/plans/${other.body.id}`).expect(404);
    const list = (await t.http.get('/api/public/plans').expect(200)).body as Paged<{ id: number }>;
    expect(list.items.map((p) => p.id)).toEqual([planId]);
  });
});
