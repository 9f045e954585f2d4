import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { AuthedRequest } from '../auth/auth.guard';
import { Roles } from '../auth/roles.decorator';
import { DomainError } from '../common/domain-error';
import { PageQuery } from '../common/paging';
import { DrawsService } from '../draws/draws.service';
import { sendWorkbook } from '../excel/xlsx-response';
import { ExportQuery, ReplacementDto } from './dto/replacement.dto';
import { exportDraw, exportExclusions } from './inspection-exports';
import { InspectionsService } from './inspections.service';
import { ReplacementsService } from './replacements.service';

/** A draw's inspections, exports and replacement log: the office's. */
@ApiTags('检查')
@ApiBearerAuth()
@Roles('office')
@Controller('api/draws/:id')
export class InspectionsController {
  constructor(
    private readonly inspections: InspectionsService,
    private readonly replacements: ReplacementsService,
    private readonly draws: DrawsService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get('inspections')
  list(@Param('id', ParseIntPipe) id: number, @Query() q: PageQuery) {
    return this.inspections.forDraw(id, q);
  }

  @Get('export.xlsx')
  async export(@Param('id', ParseIntPipe) id: number, @Query() q: ExportQuery, @Res() res: Response) {
    const d = await this.draws.get(id);
    await exportDraw(res, this.db, this.inspections, id, d.taskCode, q.by ?? 'task');
  }

  @Get('exclusions.xlsx')
  async exclusions(@Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    const { gz, taskCode } = await this.draws.resultFile(id);
    await exportExclusions(res, gz, taskCode);
  }

  @Get('replacements')
  replacementLog(@Param('id', ParseIntPipe) id: number) {
    return this.replacements.list(id);
  }

  @Post('replacements')
  replace(@Param('id', ParseIntPipe) id: number, @Body() dto: ReplacementDto, @Req() req: AuthedRequest) {
    return this.replacements.replace(id, dto, req.session!.username);
  }
}

/** 我的检查任务: an inspector's own assignments. */
@ApiTags('检查')
@ApiBearerAuth()
@Roles('inspector')
@Controller('api/my')
export class MyInspectionsController {
  constructor(
    private readonly inspections: InspectionsService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get('inspections')
  list(@Query() q: PageQuery, @Req() req: AuthedRequest) {
    return this.inspections.forInspector(this.inspectorId(req), q);
  }

  @Get('inspections.xlsx')
  async export(@Req() req: AuthedRequest, @Res() res: Response) {
    const id = this.inspectorId(req);
    const rows = this.inspections.all(
      `WHERE dr.status <> 'superseded' AND i.team_ids @> ARRAY[$1::int]`,
      [id],
      't.window_start DESC, i.uscc',
    );
    async function* cells() {
      for await (const r of rows) yield [r.taskCode, `${r.windowStart} 至 ${r.windowEnd}`, r.uscc, r.enterpriseName, r.address, r.matterCodes.join('；'), r.team.map((m) => m.name).join('；')];
    }
    await sendWorkbook(res, '我的检查任务.xlsx', [{ name: '我的检查任务', headers: ['任务编号', '检查时段', '统一社会信用代码', '企业名称', '地址', '检查事项', '检查组'], rows: cells() }]);
  }

  private inspectorId(req: AuthedRequest): number {
    const id = req.session?.inspectorId;
    if (!id) throw new DomainError('FORBIDDEN', '当前账号未关联执法人员，没有检查任务');
    return id;
  }
}
