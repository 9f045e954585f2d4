import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/roles.decorator';
import { DATABASE_MODE, type DatabaseMode } from '../database/database.constants';

@ApiTags('运行状态')
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    @Inject(DATABASE_MODE) private readonly mode: DatabaseMode,
  ) {}

  /** Reports the database without revealing where it is. */
  @Public()
  @Get()
  async health() {
    const started = Date.now();
    try {
      const [row] = await this.db.query<{ version: string }[]>('SELECT current_setting(\'server_version\') AS version');
      const pending = await this.db.showMigrations();
      return {
        status: 'ok',
        database: { status: 'up', mode: this.mode, serverVersion: row.version, pendingMigrations: pending, latencyMs: Date.now() - started },
      };
    } catch {
      return { status: 'degraded', database: { status: 'down', mode: this.mode } };
    }
  }
}
