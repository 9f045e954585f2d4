import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../auth/auth.guard';
import { Roles } from '../auth/roles.decorator';
import { DrawsService } from './draws.service';
import { CommitDto, DrawDto, SupersedeDto } from './dto/draw.dto';
import { sendGz } from './send-gz';

/** Commit, draw, supersede, publish: the office's. */
@ApiTags('抽取')
@ApiBearerAuth()
@Roles('office')
@Controller('api')
export class DrawsController {
  constructor(private readonly draws: DrawsService) {}

  /** Freezes the task's inputs and answers the hash to publish before any seed value exists. */
  @Post('tasks/:id/commit')
  commit(@Param('id', ParseIntPipe) id: number, @Body() dto: CommitDto, @Req() req: AuthedRequest) {
    return this.draws.commit(id, dto, req.session!.username);
  }

  @Post('tasks/:id/withdraw')
  @HttpCode(204)
  withdraw(@Param('id', ParseIntPipe) id: number) {
    return this.draws.withdraw(id);
  }

  @Post('tasks/:id/draw')
  draw(@Param('id', ParseIntPipe) id: number, @Body() dto: DrawDto, @Req() req: AuthedRequest) {
    return this.draws.draw(id, dto, req.session!.username);
  }

  @Get('tasks/:id/commitments')
  commitments(@Param('id', ParseIntPipe) id: number) {
    return this.draws.commitments(id);
  }

  @Get('tasks/:id/draws')
  forTask(@Param('id', ParseIntPipe) id: number) {
    return this.draws.forTask(id);
  }

  @Get('draws/:id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.draws.get(id);
  }

  @Post('draws/:id/supersede')
  @HttpCode(200)
  supersede(@Param('id', ParseIntPipe) id: number, @Body() dto: SupersedeDto) {
    return this.draws.supersede(id, dto.reason);
  }

  @Post('draws/:id/publish')
  @HttpCode(200)
  publish(@Param('id', ParseIntPipe) id: number) {
    return this.draws.publish(id);
  }

  @Get('commitments/:id/snapshot.txt.gz')
  async snapshot(@Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    const { gz, taskCode } = await this.draws.snapshotFile(id);
    sendGz(res, gz, `${taskCode}-snapshot.txt.gz`);
  }

  @Get('draws/:id/result.txt.gz')
  async result(@Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    const { gz, taskCode } = await this.draws.resultFile(id);
    sendGz(res, gz, `${taskCode}-result.txt.gz`);
  }
}
