import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PageQuery } from '../../common/paging';
import { QueryBoolean, Trimmed } from '../../common/query-transforms';
import type { Role } from '../../auth/user-account.entity';

export const ROLES: Record<Role, string> = { office: '政策法规处', inspector: '执法检查人员' };
export const MIN_PASSWORD = 8;

const PASSWORD_RULE = `密码至少 ${MIN_PASSWORD} 个字符`;

export class CreateAccountDto {
  @ApiProperty({ description: '用户名：字母、数字、点、下划线或短横线，3–64 位' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, { message: '用户名只能含字母、数字、点、下划线和短横线，3–64 位' })
  username!: string;

  @IsString()
  @Length(1, 100, { message: '姓名或名称长度应为 1–100 个字符' })
  displayName!: string;

  @ApiProperty({ enum: Object.keys(ROLES) })
  @IsIn(Object.keys(ROLES), { message: '角色只能是 office（政策法规处）或 inspector（执法检查人员）' })
  role!: Role;

  @ApiPropertyOptional({ description: '执法检查人员账号对应的检查人员 ID（角色为 inspector 时必填）' })
  @ValidateIf((o: CreateAccountDto) => o.role === 'inspector' || o.inspectorId !== undefined)
  @IsInt({ message: '执法检查人员账号须关联一名检查人员（inspectorId）' })
  inspectorId?: number;

  @IsString()
  @MinLength(MIN_PASSWORD, { message: PASSWORD_RULE })
  @MaxLength(200, { message: '密码最长 200 个字符' })
  password!: string;
}

export class UpdateAccountDto {
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: '姓名或名称长度应为 1–100 个字符' })
  displayName?: string;

  @IsOptional()
  @IsBoolean({ message: 'active 只能是 true 或 false' })
  active?: boolean;
}

export class ResetPasswordDto {
  @IsString()
  @MinLength(MIN_PASSWORD, { message: PASSWORD_RULE })
  @MaxLength(200, { message: '密码最长 200 个字符' })
  password!: string;
}

export class ChangePasswordDto {
  @IsString({ message: '请填写当前密码' })
  @MinLength(1, { message: '请填写当前密码' })
  @MaxLength(200)
  currentPassword!: string;

  @IsString()
  @MinLength(MIN_PASSWORD, { message: PASSWORD_RULE })
  @MaxLength(200, { message: '密码最长 200 个字符' })
  newPassword!: string;
}

export class AccountQuery extends PageQuery {
  @ApiPropertyOptional({ description: '按用户名或姓名模糊查找' })
  @IsOptional() @Trimmed() @IsString() q?: string;

  @ApiPropertyOptional({ enum: Object.keys(ROLES) })
  @IsOptional() @IsIn(Object.keys(ROLES), { message: '角色只能是 office 或 inspector' }) role?: Role;

  @ApiPropertyOptional()
  @IsOptional() @QueryBoolean() @IsBoolean({ message: 'active 只能是 true 或 false' }) active?: boolean;

  @ApiPropertyOptional()
  @IsOptional() @Type(() => Number) @IsInt({ message: 'inspectorId 必须是整数' }) inspectorId?: number;
}
