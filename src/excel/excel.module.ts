import { Global, Module } from '@nestjs/common';
import { ImportPipeline } from './import-pipeline';
import { ImportReports } from './import-reports';
import { ImportReportsController } from './import-reports.controller';

@Global()
@Module({
  controllers: [ImportReportsController],
  providers: [ImportPipeline, ImportReports],
  exports: [ImportPipeline, ImportReports],
})
export class ExcelModule {}
