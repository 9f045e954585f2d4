import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/roles.decorator';
import { PlanQuery } from './dto/plan.dto';
import { PublicPlansService } from './public-plans.service';

/** 年度抽查计划 as published: the plan, its tier policy, matters and tasks. Unpublished plans are 404. */
@ApiTags('公示')
@Public()
@Controller('api/public/plans')
export class PublicPlansController {
  constructor(private readonly plans: PublicPlansService) {}

  @Get()
  list(@Query() q: PlanQuery) {
    return this.plans.list(q);
  }

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.plans.get(id);
  }
}
