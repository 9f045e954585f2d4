import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../common/paging';
import type { TierPolicy } from '../../draw';

export class PlanMatterDto {
  @IsInt({ message: '事项 ID 必须是整数' }) matterId!: number;

  @ApiPropertyOptional({ description: '本计划的抽查比例（0–1），不填沿用事项清单的比例' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 4 }, { message: '抽查比例必须是最多 4 位小数的数字（0.2 表示 20%）' })
  @Min(0, { message: '抽查比例不能小于 0' })
  @Max(1, { message: '抽查比例不能大于 1（100%）' })
  samplingRatio?: number;

  @IsOptional() @IsInt() @Min(1, { message: '每年抽查次数最少 1 次' }) @Max(12, { message: '每年抽查次数最多 12 次' }) roundsPerYear?: number;
}

export class CreatePlanDto {
  @IsInt({ message: '年度必须是整数' }) @Min(2000) @Max(2100) year!: number;
  @IsString() @Length(1, 100, { message: '机关名称长度应为 1–100 个字符' }) office!: string;

  @ApiPropertyOptional({ description: '文号前缀，如“淮应急”，任务编号为 淮应急抽查〔2026〕3号' })
  @IsString() @Matches(/^[\u4e00-\u9fffA-Za-z0-9]{1,20}$/, { message: '文号前缀应为 1–20 个汉字、字母或数字' }) docPrefix!: string;

  @IsString() @Length(1, 200, { message: '计划名称长度应为 1–200 个字符' }) title!: string;

  @ApiPropertyOptional({ description: '信用分级抽查政策；不填使用默认政策（见 docs/draw-algorithm.md §2）' })
  @IsOptional() @IsObject({ message: 'tierPolicy 必须是对象' }) tierPolicy?: TierPolicy;

  @IsArray() @ArrayMinSize(1, { message: '计划至少包含一个事项' }) @ValidateNested({ each: true }) @Type(() => PlanMatterDto)
  matters!: PlanMatterDto[];
}

export class TargetFilterDto {
  @IsOptional() @IsArray() @Matches(/^\d{2,6}$/, { each: true, message: '行政区划前缀应为 2–6 位数字' }) regionPrefixes?: string[];
  @IsOptional() @IsArray() @IsString({ each: true }) industries?: string[];
  @IsOptional() @IsArray() @IsIn(['A', 'B', 'C', 'D'], { each: true, message: '信用等级只能是 A、B、C、D' }) tiers?: ('A' | 'B' | 'C' | 'D')[];
}

export class CreateTaskDto {
  @IsOptional() @IsString() @Length(0, 200) title?: string;
  @IsInt({ message: '轮次必须是整数' }) @Min(1) @Max(12) round!: number;
  @IsISO8601({ strict: true }, { message: '开始日期格式应为 YYYY-MM-DD' }) windowStart!: string;
  @IsISO8601({ strict: true }, { message: '结束日期格式应为 YYYY-MM-DD' }) windowEnd!: string;

  @ApiPropertyOptional({ description: '本任务抽查的事项（须在计划内）；多个牵头部门的事项须为联合抽查' })
  @IsArray() @ArrayMinSize(1, { message: '任务至少包含一个事项' }) @ArrayUnique() @IsInt({ each: true }) matterIds!: number[];

  @IsOptional() @IsBoolean() targeted?: boolean;
  @IsOptional() @ValidateNested() @Type(() => TargetFilterDto) filter?: TargetFilterDto;
  @IsOptional() @IsBoolean() joint?: boolean;
  @IsOptional() @IsInt() @Min(2, { message: '每组执法人员不少于 2 人' }) @Max(10) teamSize?: number;
  @IsOptional() @IsInt() @Min(1, { message: '每人检查数上限至少为 1' }) maxPerInspector?: number;
}

export class PlanQuery extends PageQuery {
  @IsOptional() @Type(() => Number) @IsInt() year?: number;
}
