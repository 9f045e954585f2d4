import { Controller, Get, Query, Res, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/roles.decorator';
import { allPages } from '../common/paging';
import { ImportPipeline } from '../excel/import-pipeline';
import { ImportQuery } from '../excel/import-query';
import { CONFLICT_LAYOUT } from '../excel/sheet-layouts';
import { ImportRoute, importUpload } from '../excel/import-route';
import { type ColumnHelp, sendTemplate, sendXlsx } from '../excel/xlsx-response';
import { CONFLICT_KINDS } from './conflict.entity';
import { ConflictImportTarget } from './conflict-import.target';
import { ConflictsService } from './conflicts.service';
import { ConflictQuery } from './dto/conflict.dto';

const HELP: readonly ColumnHelp[] = [
  { header: '执法证号', help: '须为执法人员名录库中已有的执法证号。' },
  { header: '统一社会信用代码', help: '须为检查对象名录库中已有的企业。' },
  { header: '回避类型', help: `可填：${Object.values(CONFLICT_KINDS).join('、')}。`, choices: Object.values(CONFLICT_KINDS) },
  { header: '回避理由', help: '最长 300 字。' },
  { header: '截止日期', help: '回避在该日之后不再适用；空白表示长期回避。' },
];

@ApiTags('回避')
@ApiBearerAuth()
@Roles('office')
@Controller('api/conflicts')
export class ConflictExcelController {
  constructor(
    private readonly conflicts: ConflictsService,
    private readonly pipeline: ImportPipeline,
  ) {}

  @Get('template.xlsx')
  template(@Res() res: Response) {
    return sendTemplate(res, '回避名单-导入模板.xlsx', CONFLICT_LAYOUT, HELP);
  }

  @Get('export.xlsx')
  async export(@Query() q: ConflictQuery, @Res() res: Response) {
    const conflicts = allPages((page) => this.conflicts.list(page), q);
    async function* rows() {
      for await (const c of conflicts) yield [c.inspectorCertNo, c.enterpriseUscc, CONFLICT_KINDS[c.kind], c.reason, c.validUntil];
    }
    await sendXlsx(res, '回避名单.xlsx', CONFLICT_LAYOUT, rows());
  }

  @ImportRoute()
  import(@UploadedFile() file: Express.Multer.File | undefined, @Query() q: ImportQuery) {
    return importUpload(this.pipeline, new ConflictImportTarget(), file, q);
  }
}
