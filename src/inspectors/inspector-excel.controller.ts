import { Controller, Get, Query, Res, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Roles } from '../auth/roles.decorator';
import { allPages } from '../common/paging';
import { joinList } from '../excel/field-reader';
import { ImportPipeline } from '../excel/import-pipeline';
import { ImportQuery } from '../excel/import-query';
import { INSPECTOR_LAYOUT } from '../excel/sheet-layouts';
import { ImportRoute, importUpload } from '../excel/import-route';
import { sendTemplate, sendXlsx } from '../excel/xlsx-response';
import { InspectorQuery } from './dto/inspector.dto';
import { InspectorImportTarget } from './inspector-import.target';
import { INSPECTOR_COLUMN_HELP } from './inspector-sheet-help';
import { InspectorsService } from './inspectors.service';

/** The pool's files carry contact details: office only. */
@ApiTags('执法检查人员名录库')
@ApiBearerAuth()
@Roles('office')
@Controller('api/inspectors')
export class InspectorExcelController {
  constructor(
    private readonly inspectors: InspectorsService,
    private readonly pipeline: ImportPipeline,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get('template.xlsx')
  template(@Res() res: Response) {
    return sendTemplate(res, '执法检查人员名录库-导入模板.xlsx', INSPECTOR_LAYOUT, INSPECTOR_COLUMN_HELP);
  }

  @Get('export.xlsx')
  async export(@Query() q: InspectorQuery, @Res() res: Response) {
    const deps = new Map((await this.db.query<{ id: number; name: string }[]>('SELECT id, name FROM department')).map((d) => [d.id, d.name]));
    const inspectors = allPages((page) => this.inspectors.list(page), q);
    async function* rows() {
      for await (const i of inspectors) {
        yield [i.certNo, i.name, deps.get(i.departmentId) ?? '', joinList(i.specialities), i.regionCode, i.leaveFrom, i.leaveUntil, i.phone, i.email];
      }
    }
    await sendXlsx(res, '执法检查人员名录库.xlsx', INSPECTOR_LAYOUT, rows());
  }

  @ImportRoute()
  import(@UploadedFile() file: Express.Multer.File | undefined, @Query() q: ImportQuery) {
    return importUpload(this.pipeline, new InspectorImportTarget(), file, q);
  }
}
