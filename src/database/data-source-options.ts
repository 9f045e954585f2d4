import type { DataSourceOptions } from 'typeorm';
import { Registries1763900000000 } from '../../migrations/1763900000000-registries';
import { Draws1763900100000 } from '../../migrations/1763900100000-draws';
import { Accounts1763900200000 } from '../../migrations/1763900200000-accounts';
import { PlanPublication1763900300000 } from '../../migrations/1763900300000-plan-publication';
import { InspectionTeam1763900400000 } from '../../migrations/1763900400000-inspection-team';
import { UserAccount } from '../auth/user-account.entity';
import { Conflict } from '../conflicts/conflict.entity';
import { Department } from '../departments/department.entity';
import { Enterprise } from '../enterprises/enterprise.entity';
import { Inspector } from '../inspectors/inspector.entity';
import { InspectionMatter } from '../matters/inspection-matter.entity';

/** Entities and migrations as class references, so the same options work in Jest, scripts and dist/. */
export const ENTITIES = [Department, InspectionMatter, Enterprise, Inspector, Conflict, UserAccount];
export const MIGRATIONS = [Registries1763900000000, Draws1763900100000, Accounts1763900200000, PlanPublication1763900300000, InspectionTeam1763900400000];

export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    // Failed queries are not logged by TypeORM: their parameters can hold personal data. The exception filter logs 500s.
    logging: false,
    extra: { max: 10, options: '-c timezone=Asia/Shanghai' },
  };
}
