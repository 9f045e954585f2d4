import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Department } from '../departments/department.entity';
import { InspectorExcelController } from './inspector-excel.controller';
import { Inspector } from './inspector.entity';
import { InspectorsController } from './inspectors.controller';
import { InspectorsService } from './inspectors.service';

@Module({
  imports: [TypeOrmModule.forFeature([Inspector, Department])],
  controllers: [InspectorExcelController, InspectorsController],
  providers: [InspectorsService],
  exports: [InspectorsService],
})
export class InspectorsModule {}
