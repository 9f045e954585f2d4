import { Controller, Get, Query, Res, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public, Roles } from '../auth/roles.decorator';
import { allPages } from '../common/paging';
import { formatRatioPercent } from '../common/ratio';
import { ImportPipeline } from '../excel/import-pipeline';
import { ImportQuery } from '../excel/import-query';
import { MATTER_LAYOUT } from '../excel/sheet-layouts';
import { ImportRoute, importUpload } from '../excel/import-route';
import { sendTemplate, sendXlsx } from '../excel/xlsx-response';
import { MatterQuery } from './dto/matter.dto';
import { MatterImportTarget } from './matter-import.target';
import { MATTER_COLUMN_HELP } from './matter-sheet-help';
import { MattersService } from './matters.service';

const yesNo = (b: boolean) => (b ? '是' : '否');

/** The matter list is public, so are its template and export; importing is the office's. */
@ApiTags('随机抽查事项清单')
@Controller('api/matters')
export class MatterExcelController {
  constructor(
    private readonly matters: MattersService,
    private readonly pipeline: ImportPipeline,
  ) {}

  @Public()
  @Get('template.xlsx')
  template(@Res() res: Response) {
    return sendTemplate(res, '随机抽查事项清单-导入模板.xlsx', MATTER_LAYOUT, MATTER_COLUMN_HELP);
  }

  @Public()
  @Get('export.xlsx')
  async export(@Query() q: MatterQuery, @Res() res: Response) {
    const matters = allPages((page) => this.matters.list(page), q);
    async function* rows() {
      for await (const m of matters) {
        yield [
          m.seq, m.name, m.targetDescription, m.legalBasis, m.responsibility, m.measures, formatRatioPercent(m.samplingRatio),
          m.leadDepartment?.name ?? '', m.code, m.cooperatingUnits, m.roundsPerYear, yesNo(m.keySupervision), yesNo(m.highRisk),
          m.requiredSpeciality ?? '',
        ];
      }
    }
    await sendXlsx(res, '随机抽查事项清单.xlsx', MATTER_LAYOUT, rows());
  }

  @ApiBearerAuth()
  @Roles('office')
  @ImportRoute()
  import(@UploadedFile() file: Express.Multer.File | undefined, @Query() q: ImportQuery) {
    return importUpload(this.pipeline, new MatterImportTarget(), file, q);
  }
}
