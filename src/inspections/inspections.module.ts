import { Module } from '@nestjs/common';
import { DrawsModule } from '../draws/draws.module';
import { InspectionsController, MyInspectionsController } from './inspections.controller';
import { InspectionsService } from './inspections.service';
import { ReplacementsService } from './replacements.service';

@Module({
  imports: [DrawsModule],
  controllers: [InspectionsController, MyInspectionsController],
  providers: [InspectionsService, ReplacementsService],
})
export class InspectionsModule {}
