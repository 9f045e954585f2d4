import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/roles.decorator';
import { ImportReports } from './import-reports';

@ApiTags('导入')
@ApiBearerAuth()
@Roles('office')
@Controller('api/imports')
export class ImportReportsController {
  constructor(private readonly reports: ImportReports) {}

  /** The rejected upload with its bad cells marked red and a column of reasons. */
  @Get(':id/marked.xlsx')
  async marked(@Param('id') id: string, @Res() res: Response) {
    const name = await this.reports.fileName(id);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="marked.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
    await this.reports.writeMarked(id, res);
  }
}
