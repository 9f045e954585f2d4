import { Body, Controller, Delete, Get, Param, ParseIntPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthedRequest } from '../auth/auth.guard';
import { Roles } from '../auth/roles.decorator';
import { CreateInspectorDto, InspectorQuery, UpdateInspectorDto } from './dto/inspector.dto';
import { InspectorsService, withoutContact } from './inspectors.service';

/** The pool: signed-in users read it, contact details only reach the office. */
@ApiTags('执法检查人员名录库')
@ApiBearerAuth()
@Controller('api/inspectors')
export class InspectorsController {
  constructor(private readonly inspectors: InspectorsService) {}

  @Get()
  async list(@Query() q: InspectorQuery, @Req() req: AuthedRequest) {
    const page = await this.inspectors.list(q);
    return req.session?.role === 'office' ? page : { ...page, items: page.items.map(withoutContact) };
  }

  @Get(':id')
  async get(@Param('id', ParseIntPipe) id: number, @Req() req: AuthedRequest) {
    const i = await this.inspectors.get(id);
    return req.session?.role === 'office' ? i : withoutContact(i);
  }

  @Roles('office')
  @Post()
  create(@Body() dto: CreateInspectorDto) {
    return this.inspectors.create(dto);
  }

  @Roles('office')
  @Patch(':id')
  update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateInspectorDto) {
    return this.inspectors.update(id, dto);
  }

  @Roles('office')
  @Delete(':id')
  deactivate(@Param('id', ParseIntPipe) id: number) {
    return this.inspectors.deactivate(id);
  }
}
