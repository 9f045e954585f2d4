import { Body, Controller, Delete, Get, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { CreateEnterpriseDto, EnterpriseQuery, UpdateEnterpriseDto } from './dto/enterprise.dto';
import { EnterprisesService } from './enterprises.service';

/** The roster: office and inspectors read it; only the office changes it. */
@ApiTags('检查对象名录库')
@ApiBearerAuth()
@Controller('api/enterprises')
export class EnterprisesController {
  constructor(private readonly enterprises: EnterprisesService) {}

  @Get()
  list(@Query() q: EnterpriseQuery) {
    return this.enterprises.list(q);
  }

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.enterprises.get(id);
  }

  @Roles('office')
  @Post()
  create(@Body() dto: CreateEnterpriseDto) {
    return this.enterprises.create(dto);
  }

  @Roles('office')
  @Patch(':id')
  update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateEnterpriseDto) {
    return this.enterprises.update(id, dto);
  }

  @Roles('office')
  @Delete(':id')
  deactivate(@Param('id', ParseIntPipe) id: number) {
    return this.enterprises.deactivate(id);
  }
}
