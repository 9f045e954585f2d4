import { Body, Controller, Delete, Get, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '../auth/roles.decorator';
import { CreateMatterDto, MatterQuery, UpdateMatterDto } from './dto/matter.dto';
import { MattersService } from './matters.service';

/** The matter list is published (主动公开): anyone may read it; only the office edits it. */
@ApiTags('随机抽查事项清单')
@Controller('api/matters')
export class MattersController {
  constructor(private readonly matters: MattersService) {}

  @Public()
  @Get()
  list(@Query() q: MatterQuery) {
    return this.matters.list(q);
  }

  @Public()
  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.matters.get(id);
  }

  @Roles('office')
  @Post()
  create(@Body() dto: CreateMatterDto) {
    return this.matters.create(dto);
  }

  @Roles('office')
  @Patch(':id')
  update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateMatterDto) {
    return this.matters.update(id, dto);
  }

  @Roles('office')
  @Delete(':id')
  deactivate(@Param('id', ParseIntPipe) id: number) {
    return this.matters.deactivate(id);
  }
}
