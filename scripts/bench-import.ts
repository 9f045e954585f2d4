/**
 * npm run bench:import [-- --rows 1000000 --seed bench]
 *
 * Generates a roster (xlsx and CSV), then times, each in its own child process so that its
 * peak RSS is its own: the bare exceljs streaming read of the xlsx, the product's xlsx import,
 * the bare COPY of the CSV into an unindexed table of text columns, and the product's CSV
 * import. Each import loads the full roster into an empty roster table. Uses the embedded
 * PostgreSQL in a throwaway directory, or DATABASE_URL when set (a scratch database, dropped at the end).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { parseRatio } from '../src/common/ratio';
import { loadConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { ensureDatabase } from '../src/database/open-database';
import { EnterpriseImportTarget } from '../src/enterprises/enterprise-import.target';
import { allHeaders, ENTERPRISE_LAYOUT } from '../src/excel/sheet-layouts';
import { ImportPipeline } from '../src/excel/import-pipeline';
import { ImportReports } from '../src/excel/import-reports';
import { HUAIAN_DEPARTMENTS, HUAIAN_MATTERS } from '../fixtures/huaian-matters';
import { generateEnterprises } from '../fixtures/roster-generator';
import { writeEnterprises } from '../fixtures/write-files';
import { progressLine } from './support/progress';

interface PhaseResult {
  phase: string;
  rows: number;
  ms: number;
  peakRssMiB: number;
}

const PHASES = ['bare-read-xlsx', 'import-xlsx', 'bare-copy-csv', 'import-csv'] as const;
type Phase = (typeof PHASES)[number];

// ------------------------------------------------------------------ child: one measured phase

async function runPhase(phase: Phase, file: string, url: string): Promise<PhaseResult> {
  const started = performance.now();
  let rows = 0;
  if (phase === 'bare-read-xlsx') {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
    for await (const ws of reader) {
      for await (const row of ws as unknown as AsyncIterable<{ values: unknown[] }>) if (row.values.length) rows++;
      break;
    }
    rows--; // header
  } else if (phase === 'bare-copy-csv') {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const cols = allHeaders(ENTERPRISE_LAYOUT).map((_, i) => `c${i} text`).join(', ');
    // A regular (logged) table, as any real load writes: a temporary table would skip the WAL.
    await client.query(`DROP TABLE IF EXISTS bench_bare_copy; CREATE TABLE bench_bare_copy (${cols})`);
    await pipeline(createReadStream(file), client.query(copyFrom('COPY bench_bare_copy FROM STDIN WITH (FORMAT csv, HEADER true)')));
    rows = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM bench_bare_copy')).rows[0].n);
    await client.query('DROP TABLE bench_bare_copy');
    await client.end();
  } else {
    const ds = new DataSource(dataSourceOptions(url));
    await ds.initialize();
    try {
      const report = await new ImportPipeline(ds, new ImportReports()).run(new EnterpriseImportTarget(), { path: file, originalName: file });
      rows = report.created;
    } catch (err) {
      const errors = (err as { details?: { errors?: unknown[] } }).details?.errors;
      if (errors) process.stderr.write(`${JSON.stringify(errors.slice(0, 10), null, 1)}\n`);
      throw err;
    }
    await ds.destroy();
  }
  const ms = performance.now() - started;
  return { phase, rows, ms, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
}

// ------------------------------------------------------------------ parent

async function prepareDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  const config = loadConfig();
  let serverUrl = config.databaseUrl;
  let stop = async () => undefined as void;
  if (!serverUrl) {
    const dataDir = join(tmpdir(), `shuangsuiji-bench-${process.pid}`);
    const server = await startEmbeddedPostgres({ dataDir, port: 56000 + (process.pid % 3000), persistent: false });
    serverUrl = server.url;
    stop = () => server.stop();
  }
  const name = `bench_import_${process.pid}`;
  const url = await ensureDatabase(serverUrl, name);
  if (config.databaseUrl) {
    // On a server of one's own, the scratch database (a million rows) goes when the bench ends.
    const server = serverUrl;
    stop = async () => {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    };
  }
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  await ds.runMigrations();
  for (const d of HUAIAN_DEPARTMENTS) await ds.query('INSERT INTO department (code, name) VALUES ($1, $2)', [d.code, d.name]);
  for (const m of HUAIAN_MATTERS) {
    await ds.query(
      `INSERT INTO inspection_matter (code, seq, name, sampling_ratio, lead_department_id)
       VALUES ($1, $2, $3, $4, (SELECT id FROM department WHERE code = $5))`,
      [m.code, m.seq, m.name, parseRatio(m.ratio), m.leadDepartmentCode],
    );
  }
  await ds.destroy();
  return { url, stop };
}

async function ensureFiles(rows: number, seed: string): Promise<{ xlsx: string; csv: string }> {
  const dir = join(tmpdir(), 'shuangsuiji-bench-files');
  mkdirSync(dir, { recursive: true });
  const files = { xlsx: join(dir, `roster-${seed}-${rows}.xlsx`), csv: join(dir, `roster-${seed}-${rows}.csv`) };
  for (const format of ['xlsx', 'csv'] as const) {
    if (existsSync(files[format])) continue;
    const progress = progressLine(`生成 ${format} 名录`, rows);
    const tmp = `${files[format]}.part`;
    const n = await writeEnterprises(tmp, format, generateEnterprises(seed, rows), (k) => progress.update(k));
    progress.done(n);
    rmSync(files[format], { force: true });
    await import('node:fs/promises').then((fs) => fs.rename(tmp, files[format]));
  }
  return files;
}

function child(phase: Phase, file: string, url: string): PhaseResult {
  const out = spawnSync(process.execPath, [process.argv[1], '--phase', phase, '--file', file, '--url', url], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  if (out.status !== 0) throw new Error(`phase ${phase} failed with status ${out.status}`);
  return JSON.parse(out.stdout.trim().split('\n').pop()!) as PhaseResult;
}

async function truncate(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('TRUNCATE conflict, enterprise RESTART IDENTITY CASCADE');
  await client.query('VACUUM ANALYZE enterprise');
  await client.end();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: 'bench' },
      phase: { type: 'string' },
      file: { type: 'string' },
      url: { type: 'string' },
    },
  });
  if (values.phase) {
    const result = await runPhase(values.phase as Phase, values.file!, values.url!);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const rows = Number(values.rows);
  const files = await ensureFiles(rows, values.seed);
  const db = await prepareDatabase();
  try {
    const results: PhaseResult[] = [];
    for (const phase of PHASES) {
      if (phase.startsWith('import')) await truncate(db.url);
      process.stderr.write(`运行 ${phase} …\n`);
      const r = child(phase, phase.endsWith('xlsx') ? files.xlsx : files.csv, db.url);
      if (r.rows !== rows) throw new Error(`${phase} handled ${r.rows} rows, expected ${rows}`);
      results.push(r);
    }
    const mib = (f: string) => (statSync(f).size / 1048576).toFixed(0);
    console.log(`\nroster: ${rows} rows; xlsx ${mib(files.xlsx)} MiB, csv ${mib(files.csv)} MiB`);
    console.log('phase            seconds   rows/s     peak RSS MiB');
    for (const r of results) {
      console.log(`${r.phase.padEnd(16)} ${(r.ms / 1000).toFixed(2).padStart(7)}  ${Math.round((r.rows * 1000) / r.ms).toString().padStart(8)}  ${r.peakRssMiB.toFixed(0).padStart(8)}`);
    }
    const by = (p: Phase) => results.find((r) => r.phase === p)!;
    const xr = by('import-xlsx').ms / by('bare-read-xlsx').ms;
    const cr = by('import-csv').ms / by('bare-copy-csv').ms;
    console.log(`import xlsx/bare-read ratio: ${xr.toFixed(2)} at ${rows} rows, peak RSS ${by('import-xlsx').peakRssMiB.toFixed(0)} MiB`);
    console.log(`import csv/bare-copy ratio: ${cr.toFixed(2)} at ${rows} rows, peak RSS ${by('import-csv').peakRssMiB.toFixed(0)} MiB`);
  } finally {
    await db.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
