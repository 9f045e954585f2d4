import { Module } from '@nestjs/common';
import { EnterpriseExcelController } from './enterprise-excel.controller';
import { EnterprisesController } from './enterprises.controller';
import { EnterprisesService } from './enterprises.service';

@Module({
  controllers: [EnterpriseExcelController, EnterprisesController],
  providers: [EnterprisesService],
  exports: [EnterprisesService],
})
export class EnterprisesModule {}
