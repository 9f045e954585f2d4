import { Controller, Get, Param, ParseIntPipe, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { PageQuery } from '../common/paging';
import { PublicDrawsService } from './public-draws.service';
import { PublicHistoryService } from './public-history.service';
import { sendGz } from './send-gz';

/**
 * What anyone may see: every commitment hash from the moment it is made (so that nobody can
 * later swap the inputs), and published draws with everything needed to recompute them.
 */
@ApiTags('公示')
@Public()
@Controller('api/public')
export class PublicDrawsController {
  constructor(
    private readonly pub: PublicDrawsService,
    private readonly history: PublicHistoryService,
  ) {}

  @Get('commitments')
  commitments(@Query() q: PageQuery) {
    return this.pub.commitments(q);
  }

  @Get('draws')
  draws(@Query() q: PageQuery) {
    return this.pub.draws(q);
  }

  @Get('draws/:id')
  draw(@Param('id', ParseIntPipe) id: number) {
    return this.pub.draw(id);
  }

  @Get('draws/:id/inspections')
  inspections(@Param('id', ParseIntPipe) id: number, @Query() q: PageQuery) {
    return this.pub.inspections(id, q);
  }

  /** Every commitment and draw of a task whose draw is published, superseded ones with their reasons, and the replacement log. */
  @Get('tasks/:id/history')
  taskHistory(@Param('id', ParseIntPipe) id: number) {
    return this.history.taskHistory(id);
  }

  @Get('draws/:id/receipt.json')
  async receipt(@Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    const d = await this.pub.draw(id);
    const name = `${d.taskCode}-receipt.json`;
    res.setHeader('Content-Disposition', `attachment; filename="receipt-${id}.json"; filename*=UTF-8''${encodeURIComponent(name)}`);
    res.json(d.receipt);
  }

  @Get('draws/:id/snapshot.txt.gz')
  async snapshot(@Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    const { gz, taskCode } = await this.pub.snapshotFile(id);
    sendGz(res, gz, `${taskCode}-snapshot.txt.gz`);
  }

  @Get('draws/:id/result.txt.gz')
  async result(@Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    const { gz, taskCode } = await this.pub.resultFile(id);
    sendGz(res, gz, `${taskCode}-result.txt.gz`);
  }
}
