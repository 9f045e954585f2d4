import pg from 'pg';
import type { AppConfig } from '../config/app-config';
import type { DatabaseMode } from './database.constants';
import { runningEmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';

export const EMBEDDED_DATABASE_NAME = 'shuangsuiji';

export interface OpenDatabase {
  url: string;
  mode: DatabaseMode;
  close(): Promise<void>;
}

/** Creates the named database on a server if it is missing. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}" ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * DATABASE_URL when set (nothing is started), else the embedded server on its data directory.
 * With `attach`, a bundled server that is already running there (the product's own) is used
 * as it is and left running.
 */
export async function openDatabase(config: AppConfig, log: (m: string) => void, opts: { attach?: boolean } = {}): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, mode: 'external', close: async () => undefined };
  }
  if (opts.attach) {
    const running = await runningEmbeddedPostgres(config.dataDir, config.embeddedPort);
    if (running) {
      log(`使用正在运行的内置 PostgreSQL：数据目录 ${config.dataDir}，端口 ${config.embeddedPort}`);
      return { url: await ensureDatabase(running, EMBEDDED_DATABASE_NAME), mode: 'embedded', close: async () => undefined };
    }
  }
  log(`启动内置 PostgreSQL：数据目录 ${config.dataDir}，端口 ${config.embeddedPort}`);
  const server = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPort });
  const url = await ensureDatabase(server.url, EMBEDDED_DATABASE_NAME);
  return { url, mode: 'embedded', close: () => server.stop() };
}
