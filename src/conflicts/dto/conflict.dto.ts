import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery } from '../../common/paging';
import { QueryBoolean } from '../../common/query-transforms';
import { describeChoices } from '../../common/validation';
import { CONFLICT_KINDS, type ConflictKind } from '../conflict.entity';

const KINDS = Object.keys(CONFLICT_KINDS);

export class CreateConflictDto {
  @IsInt({ message: '执法人员 ID 必须是整数' }) inspectorId!: number;
  @IsInt({ message: '企业 ID 必须是整数' }) enterpriseId!: number;

  @ApiPropertyOptional({ enum: KINDS })
  @IsIn(KINDS, { message: `回避类型只能是 ${describeChoices(CONFLICT_KINDS)}` })
  kind!: ConflictKind;

  @IsString() @Length(1, 300, { message: '回避理由长度应为 1–300 个字符' }) reason!: string;

  @IsOptional() @IsISO8601({ strict: true }, { message: '截止日期格式应为 YYYY-MM-DD' }) validUntil?: string | null;
}

export class UpdateConflictDto {
  @IsOptional() @IsIn(KINDS, { message: `回避类型只能是 ${describeChoices(CONFLICT_KINDS)}` }) kind?: ConflictKind;
  @IsOptional() @IsString() @Length(1, 300, { message: '回避理由长度应为 1–300 个字符' }) reason?: string;
  @IsOptional() @IsISO8601({ strict: true }, { message: '截止日期格式应为 YYYY-MM-DD' }) validUntil?: string | null;
  @IsOptional() @IsBoolean() active?: boolean;
}

export class ConflictQuery extends PageQuery {
  @IsOptional() @Type(() => Number) @IsInt() inspectorId?: number;
  @IsOptional() @Type(() => Number) @IsInt() enterpriseId?: number;
  @IsOptional() @QueryBoolean() @IsBoolean() active?: boolean;
}
