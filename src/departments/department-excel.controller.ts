import { Controller, Get, Query, Res, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public, Roles } from '../auth/roles.decorator';
import { allPages } from '../common/paging';
import { ImportPipeline } from '../excel/import-pipeline';
import { ImportQuery } from '../excel/import-query';
import { ImportRoute, importUpload } from '../excel/import-route';
import { sendTemplate, sendXlsx } from '../excel/xlsx-response';
import { DepartmentImportTarget } from './department-import.target';
import { DEPARTMENT_COLUMN_HELP, DEPARTMENT_LAYOUT } from './department-sheet';
import { DepartmentsService } from './departments.service';
import { DepartmentQuery } from './dto/department.dto';

/**
 * Departments are public, like the matter list: anyone downloads the template and the export; importing is the office's.
 * Declared before the CRUD controller so template.xlsx is not read as an id.
 */
@ApiTags('部门')
@Controller('api/departments')
export class DepartmentExcelController {
  constructor(
    private readonly departments: DepartmentsService,
    private readonly pipeline: ImportPipeline,
  ) {}

  @Public()
  @Get('template.xlsx')
  template(@Res() res: Response) {
    return sendTemplate(res, '部门-导入模板.xlsx', DEPARTMENT_LAYOUT, DEPARTMENT_COLUMN_HELP);
  }

  @Public()
  @Get('export.xlsx')
  async export(@Query() q: DepartmentQuery, @Res() res: Response) {
    const departments = allPages((page) => this.departments.list(page), q);
    async function* rows() {
      for await (const d of departments) yield [d.code, d.name];
    }
    await sendXlsx(res, '部门.xlsx', DEPARTMENT_LAYOUT, rows());
  }

  @ApiBearerAuth()
  @Roles('office')
  @ImportRoute()
  import(@UploadedFile() file: Express.Multer.File | undefined, @Query() q: ImportQuery) {
    return importUpload(this.pipeline, new DepartmentImportTarget(), file, q);
  }
}
