import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../../common/paging';
import { QueryBoolean, Trimmed } from '../../common/query-transforms';

export class CreateMatterDto {
  @ApiPropertyOptional({ description: '事项编码；不填则按序号生成，如 M001' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: '事项编码只能含字母、数字、下划线和短横线，最长 32 位' })
  code?: string;

  @IsInt({ message: '序号必须是整数' })
  @Min(1, { message: '序号最小为 1' })
  seq!: number;

  @IsString()
  @Length(1, 200, { message: '监管事项名称长度应为 1–200 个字符' })
  name!: string;

  @IsOptional() @IsString() targetDescription?: string;
  @IsOptional() @IsString() legalBasis?: string;
  @IsOptional() @IsString() responsibility?: string;
  @IsOptional() @IsString() @MaxLength(200) measures?: string;

  @ApiProperty({ description: '抽查比例，0–1 的小数（0.2 表示 20%），最多 4 位小数', example: 0.2 })
  @IsNumber({ maxDecimalPlaces: 4 }, { message: '抽查比例必须是最多 4 位小数的数字（0.2 表示 20%）' })
  @Min(0, { message: '抽查比例不能小于 0' })
  @Max(1, { message: '抽查比例不能大于 1（100%）' })
  samplingRatio!: number;

  @IsOptional()
  @IsInt({ message: '每年抽查轮次必须是整数' })
  @Min(1, { message: '每年抽查轮次最少 1 次' })
  @Max(12, { message: '每年抽查轮次最多 12 次' })
  roundsPerYear?: number;

  @IsOptional() @IsBoolean() keySupervision?: boolean;
  @IsOptional() @IsBoolean() highRisk?: boolean;

  @IsInt({ message: '牵头部门 ID 必须是整数' })
  leadDepartmentId!: number;

  @IsOptional() @IsString() @MaxLength(200) cooperatingUnits?: string;
  @IsOptional() @IsString() @MaxLength(50) requiredSpeciality?: string | null;
}

export class UpdateMatterDto extends PartialType(CreateMatterDto, { skipNullProperties: false }) {
  @IsOptional() @IsBoolean() active?: boolean;
}

export class MatterQuery extends PageQuery {
  @ApiPropertyOptional({ description: '按编码或名称模糊查找' })
  @IsOptional() @Trimmed() @IsString() q?: string;

  @ApiPropertyOptional()
  @IsOptional() @Type(() => Number) @IsInt() leadDepartmentId?: number;

  @ApiPropertyOptional()
  @IsOptional() @QueryBoolean() @IsBoolean() keySupervision?: boolean;

  @ApiPropertyOptional({ description: 'true 只列启用的事项，false 只列停用的；不填列出全部' })
  @IsOptional() @QueryBoolean() @IsBoolean() active?: boolean;
}
