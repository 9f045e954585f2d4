import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { ConfigError, DEFAULT_DEMO_PASSWORD, loadConfig } from './config/app-config';
import { openDatabase } from './database/open-database';

async function main(): Promise<void> {
  const logger = new Logger('Boot');
  const config = loadConfig();
  const db = await openDatabase(config, (m) => logger.log(m));
  let app;
  try {
    app = await createApp(config, db.url, db.mode);
    await app.listen(config.port);
  } catch (err) {
    await db.close();
    throw err;
  }
  logger.log(`已启动：http://localhost:${config.port}/ （API 文档 http://localhost:${config.port}/api/docs）`);
  if (config.demoData) {
    // The default is in the README; a password someone chose is never written to the log.
    const password = config.demoPassword === DEFAULT_DEMO_PASSWORD ? DEFAULT_DEMO_PASSWORD : '（DEMO_PASSWORD 的值）';
    logger.log(`演示账号：office / ${password}（政策法规处），inspector01 / ${password}（执法人员）；正式使用前请用 npm run account 设置自己的账号并停用演示账号`);
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    logger.log('正在停止…');
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  const message = err instanceof ConfigError ? `配置错误：${err.message}` : err instanceof Error ? (err.stack ?? err.message) : String(err);
  console.error(message);
  process.exit(1);
});
