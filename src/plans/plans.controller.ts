import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { CreatePlanDto, CreateTaskDto, PlanQuery } from './dto/plan.dto';
import { PlansService } from './plans.service';

/** 年度抽查计划 and its tasks: the legal-affairs office's. */
@ApiTags('年度抽查计划')
@ApiBearerAuth()
@Roles('office')
@Controller('api')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get('plans')
  list(@Query() q: PlanQuery) {
    return this.plans.list(q);
  }

  @Get('plans/:id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.plans.get(id);
  }

  @Post('plans')
  create(@Body() dto: CreatePlanDto) {
    return this.plans.create(dto);
  }

  /** Makes the plan public (GET /api/public/plans/:id); a second publication is a 409. */
  @Post('plans/:id/publish')
  @HttpCode(200)
  publish(@Param('id', ParseIntPipe) id: number) {
    return this.plans.publish(id);
  }

  @Get('plans/:id/tasks')
  tasks(@Param('id', ParseIntPipe) id: number) {
    return this.plans.tasks(id);
  }

  @Post('plans/:id/tasks')
  createTask(@Param('id', ParseIntPipe) id: number, @Body() dto: CreateTaskDto) {
    return this.plans.createTask(id, dto);
  }

  @Get('tasks/:id')
  task(@Param('id', ParseIntPipe) id: number) {
    return this.plans.task(id);
  }
}
