import './database/pg-types';
import { randomBytes } from 'node:crypto';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import type { DatabaseMode } from './database/database.constants';
import { AllExceptionsFilter } from './common/exception.filter';
import { createValidationPipe } from './common/validation';
import { PAGES_DIR } from './pages/pages-dir';

/** Builds the whole HTTP application; used by main.ts and by the end-to-end tests. */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  databaseMode: DatabaseMode,
  opts: { logger?: false } = {},
): Promise<INestApplication> {
  const authSecret = config.authSecret ?? randomBytes(32).toString('hex');
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({ config, databaseUrl, databaseMode, authSecret }),
    { logger: opts.logger ?? ['log', 'warn', 'error'], bodyParser: true },
  );
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useStaticAssets(PAGES_DIR, { index: 'index.html' });
  const doc = new DocumentBuilder()
    .setTitle('双随机、一公开 抽查系统 API')
    .setDescription('随机抽查事项清单、检查对象名录库与执法检查人员名录库')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc));
  return app;
}
