import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Department } from '../departments/department.entity';
import { InspectionMatter } from './inspection-matter.entity';
import { MatterExcelController } from './matter-excel.controller';
import { MattersController } from './matters.controller';
import { MattersService } from './matters.service';

@Module({
  imports: [TypeOrmModule.forFeature([InspectionMatter, Department])],
  controllers: [MatterExcelController, MattersController],
  providers: [MattersService],
  exports: [MattersService],
})
export class MattersModule {}
