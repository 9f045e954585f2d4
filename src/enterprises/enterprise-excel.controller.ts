import { Controller, Get, Query, Res, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/roles.decorator';
import { ImportQuery } from '../excel/import-query';
import { ImportPipeline } from '../excel/import-pipeline';
import { ENTERPRISE_LAYOUT } from '../excel/sheet-layouts';
import { joinList } from '../excel/field-reader';
import { ImportRoute, importUpload } from '../excel/import-route';
import { type CellValue, sendTemplate, sendXlsx } from '../excel/xlsx-response';
import { EnterpriseQuery } from './dto/enterprise.dto';
import { EnterpriseImportTarget } from './enterprise-import.target';
import { ENTERPRISE_STATUSES, TRIGGER_KINDS } from './enterprise-status';
import { ENTERPRISE_COLUMN_HELP } from './enterprise-sheet-help';
import { type EnterpriseView, EnterprisesService } from './enterprises.service';

function toCells(e: EnterpriseView): CellValue[] {
  return [
    e.uscc, e.name, e.regionCode, e.address, e.industry, ENTERPRISE_STATUSES[e.status], e.creditTier, e.newEconomy ? '是' : '否',
    e.observationStart, e.observationEnd, joinList(e.triggerKinds.map((k) => TRIGGER_KINDS[k])), e.accidentCount, e.lastAccidentOn,
    joinList(e.matterCodes),
  ];
}

/** Excel in and out for the roster; declared before the CRUD controller so template.xlsx is not read as an id. */
@ApiTags('检查对象名录库')
@ApiBearerAuth()
@Roles('office')
@Controller('api/enterprises')
export class EnterpriseExcelController {
  constructor(
    private readonly enterprises: EnterprisesService,
    private readonly pipeline: ImportPipeline,
  ) {}

  @Get('template.xlsx')
  template(@Res() res: Response) {
    return sendTemplate(res, '检查对象名录库-导入模板.xlsx', ENTERPRISE_LAYOUT, ENTERPRISE_COLUMN_HELP);
  }

  @Get('export.xlsx')
  async export(@Query() q: EnterpriseQuery, @Res() res: Response) {
    const { page: _p, pageSize: _s, ...filters } = q;
    const enterprises = this.enterprises;
    async function* rows() {
      for await (const e of enterprises.stream(filters)) yield toCells(e);
    }
    await sendXlsx(res, '检查对象名录库.xlsx', ENTERPRISE_LAYOUT, rows());
  }

  @ImportRoute()
  import(@UploadedFile() file: Express.Multer.File | undefined, @Query() q: ImportQuery) {
    return importUpload(this.pipeline, new EnterpriseImportTarget(), file, q);
  }
}
