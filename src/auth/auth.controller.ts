import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { AuthedRequest } from './auth.guard';
import { AuthService } from './auth.service';
import { Public } from './roles.decorator';

export class LoginDto {
  @IsString({ message: '请填写用户名' })
  @MinLength(1, { message: '请填写用户名' })
  @MaxLength(64)
  username!: string;

  @IsString({ message: '请填写密码' })
  @MinLength(1, { message: '请填写密码' })
  @MaxLength(200)
  password!: string;
}

@ApiTags('登录')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto.username, dto.password);
  }

  @Get('me')
  me(@Req() req: AuthedRequest) {
    const s = req.session!;
    return { username: s.username, role: s.role, inspectorId: s.inspectorId };
  }
}
