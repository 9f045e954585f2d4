import { Body, Controller, Delete, Get, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '../auth/roles.decorator';
import { DepartmentsService } from './departments.service';
import { CreateDepartmentDto, DepartmentQuery, UpdateDepartmentDto } from './dto/department.dto';

@ApiTags('部门')
@Controller('api/departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Public()
  @Get()
  list(@Query() q: DepartmentQuery) {
    return this.departments.list(q);
  }

  @Public()
  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.departments.get(id);
  }

  @Roles('office')
  @Post()
  create(@Body() dto: CreateDepartmentDto) {
    return this.departments.create(dto);
  }

  @Roles('office')
  @Patch(':id')
  update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateDepartmentDto) {
    return this.departments.update(id, dto);
  }

  /** Deactivates: departments referenced by matters and inspectors are never deleted. */
  @Roles('office')
  @Delete(':id')
  deactivate(@Param('id', ParseIntPipe) id: number) {
    return this.departments.deactivate(id);
  }
}
