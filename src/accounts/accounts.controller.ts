import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthedRequest } from '../auth/auth.guard';
import { Roles } from '../auth/roles.decorator';
import { AccountsService } from './accounts.service';
import { AccountQuery, ChangePasswordDto, CreateAccountDto, ResetPasswordDto, UpdateAccountDto } from './dto/account.dto';

@ApiTags('账号')
@Controller('api')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Roles('office')
  @Get('accounts')
  list(@Query() q: AccountQuery) {
    return this.accounts.list(q);
  }

  @Roles('office')
  @Get('accounts/:id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.accounts.get(id);
  }

  @Roles('office')
  @Post('accounts')
  create(@Body() dto: CreateAccountDto) {
    return this.accounts.create(dto);
  }

  @Roles('office')
  @Patch('accounts/:id')
  update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateAccountDto, @Req() req: AuthedRequest) {
    return this.accounts.update(id, dto, req.session!.sub);
  }

  @Roles('office')
  @Put('accounts/:id/password')
  @HttpCode(204)
  async reset(@Param('id', ParseIntPipe) id: number, @Body() dto: ResetPasswordDto) {
    await this.accounts.resetPassword(id, dto.password);
  }

  /** Any signed-in user; the sessions signed before, this one included, end. */
  @Post('auth/password')
  @HttpCode(204)
  async changeOwn(@Body() dto: ChangePasswordDto, @Req() req: AuthedRequest) {
    await this.accounts.changeOwnPassword(req.session!.sub, dto.currentPassword, dto.newPassword);
  }
}
