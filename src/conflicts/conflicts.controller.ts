import { Body, Controller, Delete, Get, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ConflictsService } from './conflicts.service';
import { ConflictQuery, CreateConflictDto, UpdateConflictDto } from './dto/conflict.dto';

/** Recusals name personal relationships: office only. */
@ApiTags('回避')
@ApiBearerAuth()
@Roles('office')
@Controller('api/conflicts')
export class ConflictsController {
  constructor(private readonly conflicts: ConflictsService) {}

  @Get()
  list(@Query() q: ConflictQuery) {
    return this.conflicts.list(q);
  }

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.conflicts.get(id);
  }

  @Post()
  create(@Body() dto: CreateConflictDto) {
    return this.conflicts.create(dto);
  }

  @Patch(':id')
  update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateConflictDto) {
    return this.conflicts.update(id, dto);
  }

  @Delete(':id')
  deactivate(@Param('id', ParseIntPipe) id: number) {
    return this.conflicts.deactivate(id);
  }
}
