import { resolve } from 'node:path';

/** Typed settings, read once at boot; nothing else reads process.env. */
export const DEFAULT_DEMO_PASSWORD = 'demo12345';

export interface AppConfig {
  port: number;
  /** External PostgreSQL; when absent the embedded server is started. */
  databaseUrl?: string;
  /** Data directory of the embedded server, kept between runs. */
  dataDir: string;
  embeddedPort: number;
  demoData: boolean;
  /** Secret that signs session tokens; random per boot when unset. */
  authSecret?: string;
  /** Password of the demo accounts made on first start. */
  demoPassword: string;
}

export class ConfigError extends Error {}

function parsePort(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n > 65535) {
    throw new ConfigError(`${name} 必须是 0–65535 之间的整数，当前为 "${raw}"`);
  }
  return n;
}

function parseFlag(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'on', 'yes'].includes(v)) return true;
  if (['0', 'false', 'off', 'no'].includes(v)) return false;
  throw new ConfigError(`${name} 只能是 on/off（或 true/false、1/0），当前为 "${raw}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL 必须以 postgres:// 或 postgresql:// 开头');
  }
  const authSecret = env.AUTH_SECRET?.trim() || undefined;
  if (authSecret && authSecret.length < 16) {
    throw new ConfigError('AUTH_SECRET 至少需要 16 个字符');
  }
  return {
    port: parsePort('PORT', env.PORT, 3000),
    databaseUrl,
    dataDir: resolve(env.PGDATA_DIR?.trim() || '.data/postgres'),
    embeddedPort: parsePort('EMBEDDED_PG_PORT', env.EMBEDDED_PG_PORT, 54329),
    demoData: parseFlag('DEMO_DATA', env.DEMO_DATA, true),
    authSecret,
    demoPassword: env.DEMO_PASSWORD?.trim() || DEFAULT_DEMO_PASSWORD,
  };
}
