import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { nowInShanghai } from '../src/draws/draw-time';
import { deriveSeed, hashSnapshot, makeReceipt, runDraw, serialiseResult, serialiseSnapshot } from '../src/draw';
import { syntheticSnapshot } from '../src/draw/synthetic';
import { runVerifyCli } from '../src/verification/cli';
import { publishedDraw, receiptText, writeDrawFiles, type DrawFiles, type PublishedDraw } from '../src/verification/testing';
import { createTestApp, type TestApp } from './support/test-app';

/** The public checks a published draw: over HTTP without an account, and with the command-line verifier. */
describe('verifying a published draw', () => {
  // A task code no other run uses, so the upload's temp files can be recognised by content.
  const code = `淮应急抽查〔2026〕${randomBytes(4).readUInt32BE()}号`;
  const draw: PublishedDraw = publishedDraw(code);
  let dir: string;
  let files: DrawFiles;
  let t: TestApp;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ssj-verify-e2e-'));
    files = await writeDrawFiles(dir, draw);
    t = await createTestApp({ demoData: true });
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const post = () => t.http.post('/api/verify');

  describe('POST /api/verify', () => {
    it('answers match to anyone, no sign-in, with the figures of the draw', async () => {
      const res = await post().attach('receipt', files.receipt).attach('snapshot', files.snapshot).expect(200);
      expect(res.body).toEqual({
        match: true,
        taskCode: code,
        snapshotHash: draw.receipt.snapshotHash,
        seed: draw.receipt.seed,
        resultHash: draw.receipt.resultHash,
        inspections: draw.result.inspections.length,
        unstaffed: draw.result.unstaffed.length,
      });
    });

    it('takes a gzip snapshot and the published result, and leaves no upload behind in the temp directory', async () => {
      const sizes = new Set([(await stat(files.receipt)).size, (await stat(files.snapshotGz)).size, (await stat(files.resultGz)).size]);
      const res = await post()
        .attach('receipt', files.receipt, '凭证.json')
        .attach('snapshot', files.snapshotGz, '快照.txt.gz')
        .attach('result', files.resultGz, '结果.txt.gz')
        .expect(200);
      expect(res.body).toMatchObject({ match: true, inspections: draw.result.inspections.length });
      // multer names uploads with 32 hex digits; ours are the ones with our sizes and our task code.
      const receiptBytes = await readFile(files.receipt);
      const left: string[] = [];
      for (const name of await readdir(tmpdir())) {
        if (!/^[0-9a-f]{32}$/.test(name)) continue;
        const path = join(tmpdir(), name);
        const size = await stat(path).then(
          (s) => s.size,
          () => -1,
        );
        if (sizes.has(size) && (await readFile(path).catch(() => Buffer.alloc(0))).equals(receiptBytes)) left.push(name);
      }
      expect(left).toEqual([]);
    });

    it('answers mismatch with the first difference, still 200', async () => {
      const tampered = draw.snapshot.enterprises.map((e, i) =>
        i === 3 ? { ...e, tier: e.tier === 'D' ? ('A' as const) : ('D' as const) } : e,
      );
      const res = await post()
        .attach('receipt', files.receipt)
        .attach('snapshot', Buffer.from(serialiseSnapshot({ ...draw.snapshot, enterprises: tampered })), 'snapshot.txt')
        .expect(200);
      expect(res.body).toEqual({
        match: false,
        difference: {
          step: 'snapshotHash',
          claimed: draw.receipt.snapshotHash,
          recomputed: expect.stringMatching(/^[0-9a-f]{64}$/),
          message: '快照内容与提交时公布的摘要不符',
        },
      });
      const edited = serialiseResult(draw.result).replace(/"team":\["ZF\d+"/, '"team":["ZF9999"');
      const line = await post()
        .attach('receipt', files.receipt)
        .attach('snapshot', files.snapshot)
        .attach('result', Buffer.from(edited), 'result.txt')
        .expect(200);
      expect(line.body).toMatchObject({ match: false, difference: { step: 'resultLine', line: 2 } });
    });

    it('answers bad input with 400 in the error shape, in Chinese', async () => {
      const noSnapshot = await post().attach('receipt', files.receipt).expect(400);
      expect(noSnapshot.body).toEqual({
        statusCode: 400,
        code: 'UNSUPPORTED_FILE',
        message: '请上传抽取快照（multipart 表单字段 snapshot，.txt 或 .txt.gz 文件）',
      });
      const nothing = await post().send({}).expect(400);
      expect(nothing.body).toMatchObject({ code: 'UNSUPPORTED_FILE', message: expect.stringContaining('receipt') });
      const notJson = await post()
        .attach('receipt', Buffer.from('这不是 JSON'), '凭证.json')
        .attach('snapshot', files.snapshot)
        .expect(400);
      expect(notJson.body).toMatchObject({
        code: 'UNSUPPORTED_FILE',
        message: expect.stringContaining('凭证文件 凭证.json 不是 JSON 文件'),
      });
      const missing = JSON.parse(receiptText(draw.receipt)) as Record<string, unknown>;
      delete missing.resultHash;
      const noField = await post()
        .attach('receipt', Buffer.from(JSON.stringify(missing)), 'r.json')
        .attach('snapshot', files.snapshot)
        .expect(400);
      expect(noField.body).toEqual({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: '凭证文件 r.json 不符合格式：缺少字段 resultHash',
        details: { problems: ['缺少字段 resultHash'] },
      });
      const swapped = await post().attach('receipt', files.receipt).attach('snapshot', files.receipt).expect(400);
      expect(swapped.body.message).toBe('快照文件 receipt.json 是抽取凭证文件，不是快照文件；请检查文件的顺序');
    });

    it('checks a roster of 20,000 enterprises uploaded as gzip', async () => {
      const big = syntheticSnapshot({ enterprises: 20_000, inspectors: 200, seed: 'verify-e2e' });
      const inputs = {
        snapshotHash: hashSnapshot(big),
        committedAt: '2026-03-25T10:00:00+08:00',
        values: [
          { sourceId: 'drand', value: 'cd'.repeat(32), availableAt: '2026-03-26T13:20:30Z' },
          { sourceId: 'fc-ssq', value: [3, 9, 14, 22, 27, 31, 6], availableAt: '2026-03-26T21:15:00+08:00' },
        ],
      };
      const result = runDraw(big, deriveSeed(big.seedSources, inputs).seed);
      const res = await post()
        .attach('receipt', Buffer.from(receiptText(makeReceipt(big, inputs, result))), 'receipt.json')
        .attach('snapshot', gzipSync(serialiseSnapshot(big)), 'snapshot.txt.gz')
        .expect(200);
      expect(res.body).toMatchObject({ match: true, inspections: result.inspections.length });
      expect(result.inspections.length).toBeGreaterThan(1000);
    });
  });

  it('verifies the files a published draw offers for download, as the public gets them', async () => {
    const office = { Authorization: `Bearer ${t.officeToken}` };
    const matters = (await t.http.get('/api/matters?pageSize=50').expect(200)).body.items as { id: number; code: string }[];
    const matterIds = matters.filter((m) => m.code === 'M001').map((m) => m.id);
    const plan = await t.http
      .post('/api/plans')
      .set(office)
      .send({
        year: 2026,
        office: '淮安市应急管理局',
        docPrefix: '淮应急',
        title: '2026 年度双随机抽查计划',
        matters: matterIds.map((matterId) => ({ matterId })),
      })
      .expect(201);
    const task = await t.http
      .post(`/api/plans/${plan.body.id}/tasks`)
      .set(office)
      .send({ round: 1, windowStart: '2026-12-01', windowEnd: '2026-12-31', matterIds })
      .expect(201);
    await t.http
      .post(`/api/tasks/${task.body.id}/commit`)
      .set(office)
      .send({ seedSources: [{ id: 'beacon', kind: 'beacon', description: '测试随机信标第 1 轮' }] })
      .expect(201);
    await new Promise((r) => setTimeout(r, 5));
    const seedValues = [{ sourceId: 'beacon', value: 'ef'.repeat(32), availableAt: nowInShanghai() }];
    const drawn = await t.http.post(`/api/tasks/${task.body.id}/draw`).set(office).send({ seedValues }).expect(201);
    await t.http.post(`/api/draws/${drawn.body.id}/publish`).set(office).expect(200);

    const download = async (file: string) =>
      (await t.http.get(`/api/public/draws/${drawn.body.id}/${file}`).responseType('blob').expect(200)).body as Buffer;
    const [receipt, snapshot, result] = [
      await download('receipt.json'),
      await download('snapshot.txt.gz'),
      await download('result.txt.gz'),
    ];
    const res = await post()
      .attach('receipt', receipt, 'receipt.json')
      .attach('snapshot', snapshot, 'snapshot.txt.gz')
      .attach('result', result, 'result.txt.gz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ match: true, taskCode: task.body.code, inspections: drawn.body.counts.inspections });

    await writeFile(join(dir, 'public-receipt.json'), receipt);
    await writeFile(join(dir, 'public-snapshot.txt.gz'), snapshot);
    let out = '';
    const exit = await runVerifyCli(['public-receipt.json', 'public-snapshot.txt.gz'], {
      stdout: (x) => (out += x),
      stderr: () => undefined,
      cwd: dir,
    });
    expect([exit, out.slice(0, 3)]).toEqual([0, '一致：']);
  });

  describe('npm run verify (runVerifyCli)', () => {
    async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
      let out = '';
      let err = '';
      const code = await runVerifyCli(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd: dir });
      return { code, out, err };
    }

    it('prints 一致 with the task code, hashes, seed and inspections, and exits 0', async () => {
      const r = await cli('receipt.json', 'snapshot.txt.gz', 'result.txt');
      expect(r.code).toBe(0);
      expect(r.out.split('\n')[0]).toMatch(/^一致：/);
      for (const s of [
        code,
        draw.receipt.snapshotHash,
        draw.receipt.seed,
        draw.receipt.resultHash,
        `已配齐检查组 ${draw.result.inspections.length} 户`,
      ])
        expect(r.out).toContain(s);
      expect(r.err).toContain('读取快照');
    });

    it('prints 不一致 with the step and both values, and exits 1', async () => {
      await writeFile(join(dir, 'forged.json'), receiptText({ ...draw.receipt, seed: '0'.repeat(64) }));
      const r = await cli('forged.json', 'snapshot.txt');
      expect(r.code).toBe(1);
      expect(r.out).toBe(
        `不一致：随机种子（seed）\n  凭证所载：${'0'.repeat(64)}\n  重新计算：${draw.receipt.seed}\n  说明：由公布的种子来源计算出的种子与凭证不符\n`,
      );
    });

    it('exits 2 with usage or a clear message on bad input', async () => {
      expect(await cli('receipt.json')).toMatchObject({ code: 2, out: '', err: expect.stringContaining('用法：npm run verify --') });
      expect(await cli('receipt.json', 'a', 'b', 'c')).toMatchObject({ code: 2 });
      expect(await cli('--frobnicate', 'receipt.json', 'snapshot.txt')).toMatchObject({ code: 2, err: expect.stringContaining('用法') });
      expect(await cli('--help')).toMatchObject({ code: 0, out: expect.stringContaining('退出码') });
      expect(await cli('receipt.json', 'missing.txt.gz')).toMatchObject({
        code: 2,
        out: '',
        err: expect.stringContaining('无法验证：找不到快照文件：missing.txt.gz'),
      });
      await writeFile(join(dir, 'wrong-format.json'), JSON.stringify({ ...draw.receipt, format: 'receipt' }));
      expect(await cli('wrong-format.json', 'snapshot.txt')).toMatchObject({
        code: 2,
        err: expect.stringContaining('的 format 为“receipt”，不受支持，应为“ssj-draw-receipt/1”'),
      });
    });
  });
});
