import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

/**
 * One throwaway embedded PostgreSQL for the whole run, unless TEST_DATABASE_URL names a
 * server; every test file then makes its own database on it (test/support/test-database.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) {
    process.env.TEST_SERVER_URL = process.env.TEST_DATABASE_URL;
    return;
  }
  const dataDir = join(tmpdir(), `shuangsuiji-test-${process.pid}-${Date.now()}`);
  mkdirSync(join(dataDir, '..'), { recursive: true });
  const port = 55000 + (process.pid % 5000);
  const server = await startEmbeddedPostgres({ dataDir, port, persistent: false });
  process.env.TEST_SERVER_URL = server.url;
  (globalThis as { __testServer?: typeof server }).__testServer = server;
}
