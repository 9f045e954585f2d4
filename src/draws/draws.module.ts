import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { DrawsController } from './draws.controller';
import { DrawsService } from './draws.service';
import { PublicDrawsController } from './public-draws.controller';
import { PublicDrawsService } from './public-draws.service';
import { PublicHistoryService } from './public-history.service';

@Module({
  imports: [PlansModule],
  controllers: [DrawsController, PublicDrawsController],
  providers: [DrawsService, PublicDrawsService, PublicHistoryService],
  exports: [DrawsService],
})
export class DrawsModule {}
