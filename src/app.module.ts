import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from './accounts/accounts.module';
import { AuthController } from './auth/auth.controller';
import { AUTH_SECRET } from './auth/auth.constants';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { UserAccount } from './auth/user-account.entity';
import type { AppConfig } from './config/app-config';
import { APP_CONFIG } from './config/config.constants';
import { ConflictsModule } from './conflicts/conflicts.module';
import { DATABASE_MODE, type DatabaseMode } from './database/database.constants';
import { dataSourceOptions } from './database/data-source-options';
import { DemoModule } from './demo/demo.module';
import { DrawsModule } from './draws/draws.module';
import { PlansModule } from './plans/plans.module';
import { DepartmentsModule } from './departments/departments.module';
import { EnterprisesModule } from './enterprises/enterprises.module';
import { ExcelModule } from './excel/excel.module';
import { HealthController } from './health/health.controller';
import { InspectionsModule } from './inspections/inspections.module';
import { InspectorsModule } from './inspectors/inspectors.module';
import { MattersModule } from './matters/matters.module';
import { VerificationModule } from './verification/verification.module';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  databaseMode: DatabaseMode;
  authSecret: string;
}

@Module({})
export class AppModule {
  static register(opts: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(opts.databaseUrl), migrationsRun: true }),
        TypeOrmModule.forFeature([UserAccount]),
        ExcelModule,
        DepartmentsModule,
        MattersModule,
        EnterprisesModule,
        InspectorsModule,
        ConflictsModule,
        PlansModule,
        DrawsModule,
        InspectionsModule,
        DemoModule,
        AccountsModule,
        VerificationModule,
      ],
      controllers: [HealthController, AuthController],
      providers: [
        { provide: APP_CONFIG, useValue: opts.config },
        { provide: DATABASE_MODE, useValue: opts.databaseMode },
        { provide: AUTH_SECRET, useValue: opts.authSecret },
        { provide: APP_GUARD, useClass: AuthGuard },
        AuthService,
      ],
      exports: [APP_CONFIG, DATABASE_MODE, AUTH_SECRET],
    };
  }
}
