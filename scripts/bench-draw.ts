/**
 * npm run bench:draw [-- --sizes 100000,1000000 --inspectors 5000 --conflicts 300 --seed bench]
 *
 * For each roster size N: loads generated registries (4 departments, the 12 淮安 matters,
 * N enterprises, the inspectors, a few hundred conflicts) with COPY, creates a plan of all 12
 * matters and one untargeted joint task, then times, each in its own child process so that
 * its peak RSS is its own:
 *   commit        DrawsService.commit: snapshot from the database, canonical lines, SHA-256, gzip, stored;
 *   draw          DrawsService.draw with a beacon value that came after the commitment: loading the
 *                 committed snapshot, selection and pairing, persisting inspections and teams;
 *   engine-only   the steps of `draw` one after another on the stored snapshot (fetch, the streamed read and
 *                 draw, result lines + hash + gzip, persistInspections in a rolled-back transaction),
 *                 checking that the recomputed result hash equals the stored draw's;
 *   sql-baseline  per matter, count the enterprises subject to it, then
 *                 SELECT uscc … ORDER BY md5(seed || matter || uscc) LIMIT ceil(count × ratio); all 12 together.
 * Every phase runs warm: a first round (commit, draw, baseline) is run and thrown away, then
 * --rounds measured rounds (3 unless set); each draw but the last is superseded, so every round
 * reads exactly the same inputs and draws the same result. Each phase's median round is shown,
 * and the headline is the median draw over the median baseline (the machines are noisy; every
 * round's own pair is printed too). Sizes above the largest one measured so far are skipped
 * when the projected peak RSS does not fit in this machine's memory.
 *
 * Options: --rounds N, --cold (no warm-up round), --keep (keep the databases), --cpu-prof DIR
 * (CPU profiles of the last measured round), --heap-mb MB (--max-old-space-size for the children).
 * Uses the embedded PostgreSQL in a throwaway directory, or DATABASE_URL when set (a scratch
 * database per size is made and dropped).
 */
import '../src/database/pg-types';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { SNAPSHOT, readStoredBytes } from '../src/database/large-bytea';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { ensureDatabase } from '../src/database/open-database';
import { type SeedValue, makeReceipt, resultLines } from '../src/draw';
import { nowInShanghai } from '../src/draws/draw-time';
import { DrawsService } from '../src/draws/draws.service';
import { gzipLines } from '../src/draws/gzip-lines';
import { persistInspections } from '../src/draws/persist-inspections';
import { drawFromStoredSnapshot } from '../src/draws/stored-snapshot';
import { PlansService } from '../src/plans/plans.service';
import { BENCH_DEPARTMENTS, loadRegistries } from './support/bench-draw-data';

const PHASES = ['commit', 'draw', 'engine-only', 'sql-baseline'] as const;
type Phase = (typeof PHASES)[number];

const BEACON_ID = 'bench-beacon';
const MiB = 1024 * 1024;

interface PhaseResult {
  phase: Phase;
  ms: number;
  peakRssMiB: number;
  /** Timed sub-steps, in order (ms). */
  steps?: [string, number][];
  info?: Record<string, unknown>;
}

interface PhaseFailure {
  phase: Phase;
  failed: string;
}

type Outcome = PhaseResult | PhaseFailure;
const ok = (o: Outcome | undefined): o is PhaseResult => o !== undefined && !('failed' in o);

interface ChildArgs {
  url: string;
  task: number;
  plan: number;
  draw?: number;
  seed?: string;
}

// ------------------------------------------------------------------ child: one measured phase

async function openDataSource(url: string): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  return ds;
}

const peakRssMiB = (): number => process.resourceUsage().maxRSS / 1024;

/** The beacon value of the bench: fixed per task, so the warm-up and measured draws are the same draw. */
const beaconValue = (taskId: number): string => createHash('sha256').update(`bench-draw beacon|${taskId}`).digest('hex');

async function runPhase(phase: Phase, a: ChildArgs): Promise<PhaseResult> {
  if (phase === 'sql-baseline') return sqlBaseline(a);
  const ds = await openDataSource(a.url);
  try {
    const plans = new PlansService(ds);
    const draws = new DrawsService(ds, plans);
    if (phase === 'commit') {
      const started = performance.now();
      const c = await draws.commit(a.task, { seedSources: [{ id: BEACON_ID, kind: 'beacon', description: '基准测试随机信标（取值在提交之后产生）' }] }, 'bench');
      const ms = performance.now() - started;
      const [{ bytes }] = await ds.query<{ bytes: number }[]>('SELECT octet_length(snapshot_gz) AS bytes FROM commitment WHERE id = $1', [c.id]);
      return { phase, ms, peakRssMiB: peakRssMiB(), info: { commitmentId: c.id, counts: c.counts, snapshotGzBytes: bytes } };
    }
    if (phase === 'draw') {
      const started = performance.now();
      const d = await draws.draw(a.task, { seedValues: [{ sourceId: BEACON_ID, value: beaconValue(a.task), availableAt: nowInShanghai() }] }, 'bench');
      const ms = performance.now() - started;
      return { phase, ms, peakRssMiB: peakRssMiB(), info: { drawId: d.id, seed: d.seed, resultHash: d.resultHash, counts: d.counts } };
    }
    return await engineOnly(ds, a);
  } finally {
    await ds.destroy();
  }
}

/** The steps of DrawsService.draw, timed one by one on the snapshot the measured draw used. */
async function engineOnly(ds: DataSource, a: ChildArgs): Promise<PhaseResult> {
  const [d] = await ds.query<{ commitment_id: number; seed: string; result_hash: string; seed_values: SeedValue[]; committed_at: string; snapshot_hash: string }[]>(
    `SELECT d.commitment_id, d.seed, d.result_hash, d.seed_values, c.snapshot_hash,
            to_char(c.committed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS.MS"+08:00"') AS committed_at
     FROM draw d JOIN commitment c ON c.id = d.commitment_id WHERE d.id = $1`,
    [a.draw],
  );
  const steps: [string, number][] = [];
  const started = performance.now();
  let mark = started;
  const step = (name: string): void => {
    const now = performance.now();
    steps.push([name, now - mark]);
    mark = now;
  };
  const gz = await readStoredBytes(ds, SNAPSHOT, d.commitment_id);
  step('fetch snapshot_gz');
  const { parts, result } = await drawFromStoredSnapshot(gz, d.snapshot_hash, () => d.seed);
  step('read + engine, streamed');
  const { sha256 } = await gzipLines(resultLines(result));
  const receipt = makeReceipt(parts, { snapshotHash: d.snapshot_hash, committedAt: d.committed_at, values: d.seed_values }, result, sha256);
  step('result hash + gzip');
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    await qr.startTransaction();
    // A scratch commitment and (superseded) draw to hang the rows on; all rolled back.
    const [{ id: cid }] = await qr.query(
      `INSERT INTO commitment (task_id, snapshot_hash, committed_at, seed_sources, counts, snapshot_gz, status, created_by)
       SELECT task_id, snapshot_hash, committed_at, seed_sources, counts, '\\x'::bytea, 'withdrawn', 'bench' FROM commitment WHERE id = $1 RETURNING id`,
      [d.commitment_id],
    );
    const [{ id: scratch }] = await qr.query(
      `INSERT INTO draw (task_id, commitment_id, algorithm, seed, seed_values, result_hash, receipt, strata, counts, result_gz, status, created_by)
       SELECT task_id, $2, algorithm, seed, seed_values, result_hash, receipt, strata, counts, '\\x'::bytea, 'superseded', 'bench' FROM draw WHERE id = $1 RETURNING id`,
      [a.draw, cid],
    );
    mark = performance.now();
    await persistInspections(qr.manager, scratch, result);
    step('persist (rolled back)');
  } finally {
    await qr.rollbackTransaction();
    await qr.release();
  }
  const ms = steps.reduce((s, [, t]) => s + t, 0);
  return {
    phase: 'engine-only',
    ms,
    peakRssMiB: peakRssMiB(),
    steps,
    info: {
      resultHashMatches: receipt.resultHash === d.result_hash,
      inspections: result.inspections.length,
      unstaffed: result.unstaffed.length,
      exclusions: result.exclusions.length,
      teamMembers: result.inspections.reduce((s, i) => s + i.team.length, 0),
    },
  };
}

/** Per matter of the plan: the count, then ORDER BY md5(seed || matter || uscc) LIMIT ceil(count × ratio). */
async function sqlBaseline(a: ChildArgs): Promise<PhaseResult> {
  const client = new pg.Client({ connectionString: a.url });
  await client.connect();
  try {
    const { rows: matters } = await client.query<{ id: number; code: string; ratio: string }>(
      `SELECT m.id, m.code, pm.sampling_ratio AS ratio FROM plan_matter pm JOIN inspection_matter m ON m.id = pm.matter_id
       WHERE pm.plan_id = $1 ORDER BY m.code`,
      [a.plan],
    );
    let countMs = 0;
    let selectMs = 0;
    let drawn = 0;
    for (const m of matters) {
      const t0 = performance.now();
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprise WHERE matter_ids @> ARRAY[$1::int]', [m.id]);
      // k = ceil(count × ratio), in basis points so that no float rounding moves it.
      const k = Math.floor((rows[0].n * Math.round(Number(m.ratio) * 10000) + 9999) / 10000);
      const t1 = performance.now();
      const selected = await client.query<{ uscc: string }>(
        `SELECT uscc FROM enterprise WHERE matter_ids @> ARRAY[$1::int] ORDER BY md5($2 || $3 || uscc) LIMIT ${k}`,
        [m.id, a.seed, m.code],
      );
      const t2 = performance.now();
      drawn += selected.rows.length;
      countMs += t1 - t0;
      selectMs += t2 - t1;
    }
    return {
      phase: 'sql-baseline',
      ms: countMs + selectMs,
      peakRssMiB: peakRssMiB(),
      steps: [
        ['count per matter', countMs],
        ['select … LIMIT k', selectMs],
      ],
      info: { matters: matters.length, rows: drawn },
    };
  } finally {
    await client.end();
  }
}

// ------------------------------------------------------------------ parent

interface Options {
  cpuProf?: string;
  heapMb?: number;
}

/** Runs one phase in a child process; a crash (out of memory …) is reported, not thrown. */
function child(phase: Phase, a: ChildArgs, opts: Options, label: string): Promise<Outcome> {
  const execArgv: string[] = [];
  if (opts.heapMb) execArgv.push(`--max-old-space-size=${opts.heapMb}`);
  if (opts.cpuProf) execArgv.push('--cpu-prof', '--cpu-prof-dir', opts.cpuProf, '--cpu-prof-name', `${label}-${phase}.cpuprofile`);
  const args = [...execArgv, process.argv[1], '--phase', phase, '--url', a.url, '--task', String(a.task), '--plan', String(a.plan)];
  if (a.draw !== undefined) args.push('--draw', String(a.draw));
  if (a.seed !== undefined) args.push('--seed', a.seed);
  return new Promise((resolve) => {
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const errTail: string[] = [];
    p.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    p.stderr.setEncoding('utf8').on('data', (s: string) => {
      process.stderr.write(s);
      errTail.push(...s.split('\n').filter(Boolean));
      errTail.splice(0, Math.max(0, errTail.length - 12));
    });
    p.on('close', (code, signal) => {
      const last = out.trim().split('\n').pop();
      if (code === 0 && last) return resolve(JSON.parse(last) as PhaseResult);
      const why = errTail.find((l) => /heap|memory|Error|error/.test(l)) ?? errTail[errTail.length - 1] ?? '';
      resolve({ phase, failed: `${signal ? `signal ${signal}` : `exit ${code}`}${why ? `: ${why.trim().slice(0, 200)}` : ''}` });
    });
  });
}

async function startServer(): Promise<{ serverUrl: string; stop(): Promise<void> }> {
  const config = loadConfig();
  if (config.databaseUrl) return { serverUrl: config.databaseUrl, stop: async () => undefined };
  const dataDir = join(tmpdir(), `shuangsuiji-bench-draw-${process.pid}`);
  process.stderr.write(`启动内置 PostgreSQL（临时数据目录 ${dataDir}）…\n`);
  const server = await startEmbeddedPostgres({ dataDir, port: 53000 + (process.pid % 3000), persistent: false });
  return { serverUrl: server.url, stop: () => server.stop() };
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

interface SizeRun {
  n: number;
  loadMs: number;
  conflicts: number;
  /** Per phase, the measured round with the median time. */
  outcomes: Partial<Record<Phase, Outcome>>;
  /** Per measured round: [draw s, sql-baseline s], paired because they ran back to back. */
  rounds: [number, number][];
  /** The largest peak RSS of any measured commit or draw. */
  peakRssMiB?: number;
  skipped?: string;
}

/** The outcome with the median time (the lower middle of an even count); a failure if any failed. */
function median(xs: Outcome[]): Outcome | undefined {
  const failed = xs.find((x) => !ok(x));
  if (failed) return failed;
  const sorted = [...(xs as PhaseResult[])].sort((a, b) => a.ms - b.ms);
  return sorted[(sorted.length - 1) >> 1];
}

/** Plan of all 12 matters and task 1 (round 1, untargeted, joint), through PlansService. */
async function createPlanAndTask(url: string, matterIds: number[]): Promise<{ planId: number; taskId: number; code: string; joint: boolean }> {
  const ds = await openDataSource(url);
  try {
    const plans = new PlansService(ds);
    const plan = await plans.create({
      year: 2026,
      office: '淮安市应急管理局',
      docPrefix: '淮应急',
      title: '2026 年度“双随机、一公开”抽查计划（基准测试）',
      matters: matterIds.map((matterId) => ({ matterId })),
    });
    const task = await plans.createTask(plan.id, { title: '第一轮联合抽查', round: 1, windowStart: '2026-09-01', windowEnd: '2026-09-30', matterIds });
    return { planId: plan.id, taskId: task.id, code: task.code, joint: task.joint };
  } finally {
    await ds.destroy();
  }
}

async function supersede(url: string, drawId: number): Promise<void> {
  const ds = await openDataSource(url);
  try {
    await new DrawsService(ds, new PlansService(ds)).supersede(drawId, '基准测试预热轮次，作废后重新提交并抽取');
  } finally {
    await ds.destroy();
  }
}

async function runSize(
  serverUrl: string,
  n: number,
  o: { seed: string; inspectors: number; conflicts: number; cold: boolean; keep: boolean; rounds: number } & Options,
): Promise<SizeRun> {
  const name = `bench_draw_${process.pid}_${n}`;
  const url = await ensureDatabase(serverUrl, name);
  try {
    const ds = await openDataSource(url);
    await ds.runMigrations();
    await ds.destroy();
    process.stderr.write(`\n== ${n.toLocaleString('en-US')} 家检查对象：装载数据 ==\n`);
    const loaded = await loadRegistries(url, { seed: o.seed, enterprises: n, inspectors: o.inspectors, conflicts: o.conflicts });
    const { planId, taskId, code, joint } = await createPlanAndTask(url, loaded.matterIds);
    process.stderr.write(`计划与任务：${code}（${joint ? '联合' : '单部门'}，不定向，第 1 轮）\n`);
    const all: Partial<Record<Phase, Outcome[]>> = {};
    const paired: [number, number][] = [];
    const base: ChildArgs = { url, task: taskId, plan: planId };
    const measuredRounds = Array.from({ length: o.rounds }, (_, i) => `measured ${i + 1}/${o.rounds}`);
    const rounds = o.cold ? measuredRounds : ['warm-up', ...measuredRounds];
    const done = (): SizeRun['outcomes'] => Object.fromEntries(Object.entries(all).map(([k, v]) => [k, median(v)]));
    for (const [i, round] of rounds.entries()) {
      const measured = round !== 'warm-up';
      const last = i === rounds.length - 1;
      const opts: Options = { heapMb: o.heapMb, cpuProf: measured && last ? o.cpuProf : undefined };
      const run = async (phase: Phase, a: ChildArgs): Promise<Outcome> => {
        process.stderr.write(`[${n}] ${round}: ${phase} …\n`);
        const r = await child(phase, a, opts, `n${n}`);
        process.stderr.write(`[${n}] ${round}: ${phase} ${!ok(r) ? `失败 ${r.failed}` : `${(r.ms / 1000).toFixed(2)} s, peak RSS ${r.peakRssMiB.toFixed(0)} MiB`}\n`);
        if (measured) (all[phase] ??= []).push(r);
        return r;
      };
      const commit = await run('commit', base);
      const draw = !ok(commit) ? undefined : await run('draw', base);
      const seed = !ok(draw) ? beaconValue(taskId) : String(draw.info!.seed);
      if (measured && ok(draw)) await run('engine-only', { ...base, draw: Number(draw.info!.drawId) });
      const sql = await run('sql-baseline', { ...base, seed });
      if (measured && ok(draw) && ok(sql)) paired.push([draw.ms / 1000, sql.ms / 1000]);
      if (!ok(draw)) return { n, loadMs: loaded.loadMs, conflicts: loaded.conflicts, outcomes: { ...done(), commit, draw }, rounds: paired };
      // Each draw but the last is superseded: the next round commits the same inputs again.
      if (!last) await supersede(url, Number(draw.info!.drawId));
    }
    const peaks = [...(all.commit ?? []), ...(all.draw ?? [])].flatMap((x) => (ok(x) ? [x.peakRssMiB] : []));
    return { n, loadMs: loaded.loadMs, conflicts: loaded.conflicts, outcomes: done(), rounds: paired, peakRssMiB: Math.max(...peaks) };
  } finally {
    if (!o.keep) await dropDatabase(serverUrl, name);
    else process.stderr.write(`保留数据库 ${url}\n`);
  }
}

// ------------------------------------------------------------------ report

const secs = (ms: number): string => (ms / 1000).toFixed(2);
const int = (x: number): string => Math.round(x).toLocaleString('en-US');

function printSize(r: SizeRun, inspectors: number): void {
  if (r.skipped) {
    console.log(`\n== ${int(r.n)} enterprises ==\nskipped: ${r.skipped}`);
    return;
  }
  console.log(`\n== ${int(r.n)} enterprises, ${int(inspectors)} inspectors, ${BENCH_DEPARTMENTS.length} departments, 12 matters, ${r.conflicts} conflicts ==`);
  console.log(`load (generate + COPY + indexes + ANALYZE, not timed as a phase): ${secs(r.loadMs)} s`);
  const c = r.outcomes.commit;
  const e = r.outcomes['engine-only'];
  if (ok(c)) {
    const counts = c.info!.counts as Record<string, number>;
    console.log(`snapshot: ${int(counts.enterprises)} enterprises, ${int(counts.inspectors)} inspectors, ${int(counts.conflicts)} conflicts; gzip ${(Number(c.info!.snapshotGzBytes) / MiB).toFixed(1)} MiB`);
  }
  if (ok(e)) {
    const i = e.info!;
    console.log(
      `draw: ${int(Number(i.inspections))} inspections (${int(Number(i.teamMembers))} team members), ${int(Number(i.unstaffed))} unstaffed, ${int(Number(i.exclusions))} exclusions; ` +
        `engine-only result hash ${i.resultHashMatches ? 'equals' : 'DIFFERS FROM'} the stored draw's`,
    );
  }
  console.log('phase                         seconds  peak RSS MiB');
  for (const phase of PHASES) {
    const o = r.outcomes[phase];
    if (o === undefined) continue;
    if (!ok(o)) {
      console.log(`${phase.padEnd(28)} FAILED ${o.failed}`);
      continue;
    }
    console.log(`${phase.padEnd(28)} ${secs(o.ms).padStart(8)}  ${o.peakRssMiB.toFixed(0).padStart(12)}`);
    for (const [step, ms] of o.steps ?? []) console.log(`  ${step.padEnd(26)} ${secs(ms).padStart(8)}`);
    if (phase === 'engine-only') console.log('  (one after another here; the draw reads while it fetches, and hashes and gzips while it persists)');
  }
  const ratio = headline(r);
  if (ratio) console.log(`draw / sql-baseline: ${ratio.r.toFixed(2)}; (commit + draw) / sql-baseline: ${ratio.withCommit.toFixed(2)}`);
  if (r.rounds.length > 1) {
    console.log(`per measured round, draw s / sql-baseline s = ratio: ${r.rounds.map(([d, q]) => `${d.toFixed(2)} / ${q.toFixed(2)} = ${(d / q).toFixed(2)}`).join('; ')}`);
  }
}

/**
 * The headline compares the draw (from the committed snapshot to every inspection and team
 * persisted) with the bare selection. The commit is its own use case, run days before, when the
 * inputs are frozen and their hash published; it is reported beside it, and with it.
 */
/** Median draw over median baseline; the peak RSS is the largest of any measured commit or draw. */
function headline(r: SizeRun): { r: number; withCommit: number; rss: number } | null {
  const { commit, draw } = r.outcomes;
  const sql = r.outcomes['sql-baseline'];
  if (!ok(commit) || !ok(draw) || !ok(sql) || r.peakRssMiB === undefined) return null;
  return { r: draw.ms / sql.ms, withCommit: (commit.ms + draw.ms) / sql.ms, rss: r.peakRssMiB };
}

function printGrowth(runs: SizeRun[]): void {
  const ran = runs.filter((r) => !r.skipped);
  for (let i = 1; i < ran.length; i++) {
    const [a, b] = [ran[i - 1], ran[i]];
    const factor = b.n / a.n;
    console.log(`\ngrowth ${int(a.n)} → ${int(b.n)}: time ratio ÷ ${factor} (1.00 = linear), RSS ratio`);
    for (const phase of PHASES) {
      const [x, y] = [a.outcomes[phase], b.outcomes[phase]];
      if (!ok(x) || !ok(y)) continue;
      console.log(`  ${phase.padEnd(14)} time ${(y.ms / x.ms / factor).toFixed(2).padStart(6)}   RSS ×${(y.peakRssMiB / x.peakRssMiB).toFixed(2)}`);
      const xs = new Map(x.steps ?? []);
      for (const [step, ms] of y.steps ?? []) {
        const before = xs.get(step);
        if (before) console.log(`    ${step.padEnd(24)} time ${(ms / before / factor).toFixed(2).padStart(6)}`);
      }
    }
  }
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '100000,1000000' },
      inspectors: { type: 'string', default: '5000' },
      conflicts: { type: 'string', default: '300' },
      seed: { type: 'string', default: 'bench' },
      cold: { type: 'boolean', default: false },
      rounds: { type: 'string', default: '3' },
      keep: { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      'heap-mb': { type: 'string' },
      phase: { type: 'string' },
      url: { type: 'string' },
      task: { type: 'string' },
      plan: { type: 'string' },
      draw: { type: 'string' },
    },
  });
  if (values.phase) {
    const a: ChildArgs = {
      url: values.url!,
      task: Number(values.task),
      plan: Number(values.plan),
      draw: values.draw === undefined ? undefined : Number(values.draw),
      seed: values.seed,
    };
    const result = await runPhase(values.phase as Phase, a);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  if (!Number.isSafeInteger(Number(values.rounds)) || Number(values.rounds) < 1) throw new Error(`--rounds 应为正整数，当前为 ${values.rounds}`);
  const sizes = values.sizes.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  if (sizes.some((s) => !Number.isSafeInteger(s) || s < 1000)) throw new Error(`--sizes 应为不小于 1000 的整数列表，当前为 ${values.sizes}`);
  const o = {
    seed: values.seed,
    inspectors: Number(values.inspectors),
    conflicts: Number(values.conflicts),
    cold: values.cold,
    rounds: Number(values.rounds),
    keep: values.keep,
    cpuProf: values['cpu-prof'],
    heapMb: values['heap-mb'] ? Number(values['heap-mb']) : undefined,
  };
  const heapLimitMiB = o.heapMb ?? getHeapStatistics().heap_size_limit / MiB;
  const loadBefore = loadavg()[0];
  const server = await startServer();
  const runs: SizeRun[] = [];
  const stop = () => void server.stop().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  try {
    for (const n of [...sizes].sort((a, b) => a - b)) {
      // Only try a size whose projected peak (linear in N from the largest size measured) fits.
      const prev = [...runs].reverse().find((r) => headline(r) !== null);
      if (prev) {
        const peak = Math.max(...PHASES.map((p) => prev.outcomes[p]).flatMap((x) => (!ok(x) ? [] : [x.peakRssMiB])));
        const projected = (peak * n) / prev.n;
        const available = freemem() / MiB - 2048; // PostgreSQL's shared buffers and backends
        if (projected > available) {
          const skipped = `projected peak RSS ${int(projected)} MiB (linear from ${int(peak)} MiB at ${int(prev.n)}) exceeds the ${int(available)} MiB available (free memory ${int(freemem() / MiB)} MiB of ${int(totalmem() / MiB)} MiB, less 2 GiB for PostgreSQL)`;
          process.stderr.write(`跳过 ${n}：${skipped}\n`);
          runs.push({ n, loadMs: 0, conflicts: 0, outcomes: {}, rounds: [], skipped });
          continue;
        }
        if (projected > heapLimitMiB) {
          process.stderr.write(
            `注意：${n} 的预计峰值 ${int(projected)} MiB 超过子进程的 V8 堆上限 ${int(heapLimitMiB)} MiB，可能因内存不足失败（可用 --heap-mb 调高）\n`,
          );
        }
      }
      runs.push(await runSize(server.serverUrl, n, o));
    }
  } finally {
    process.off('SIGINT', stop);
    await server.stop();
  }
  console.log(`\ndraw benchmark: seed "${o.seed}", ${o.rounds} measured round${o.rounds > 1 ? 's' : ''} per size, each phase's median shown; ${o.cold ? 'no warm-up round' : 'after a warm-up round of the same commit, draw and baseline, discarded'}`);
  console.log('times are wall-clock of the use case only; peak RSS is the child process (PostgreSQL excluded)');
  console.log(
    `machine: ${cpus().length} CPUs, ${int(totalmem() / MiB)} MiB; 1-minute load average ${loadBefore.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end; Node ${process.version}`,
  );
  for (const r of runs) printSize(r, o.inspectors);
  printGrowth(runs);
  const last = [...runs].reverse().find((r) => headline(r) !== null);
  if (!last) throw new Error('no size completed commit, draw and sql-baseline');
  const h = headline(last)!;
  console.log(`draw/sql-baseline ratio: ${h.r.toFixed(2)} at ${last.n} enterprises, peak RSS ${h.rss.toFixed(0)} MiB`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
