import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';

export class SeedSourceDto {
  @ApiProperty({ example: 'ssq-2026140' })
  @Matches(/^[a-z0-9_.-]{1,64}$/, { message: '随机源编号只能含小写字母、数字、下划线、点和短横线，最长 64 位' })
  id!: string;

  @IsIn(['lottery', 'beacon', 'official'], { message: '随机源类型只能是 lottery（彩票开奖号码）、beacon（随机信标）或 official（官员秘密值）' })
  kind!: 'lottery' | 'beacon' | 'official';

  @ApiProperty({ example: '中国福利彩票双色球第2026140期开奖号码' })
  @IsString() @Length(1, 200, { message: '随机源说明长度应为 1–200 个字符' })
  description!: string;

  @ApiPropertyOptional({ description: '彩票号码是否按开奖顺序使用；false 时先排序' })
  @IsOptional() @IsBoolean() ordered?: boolean;

  @ApiPropertyOptional({ description: 'official：秘密值的 SHA-256（64 位小写十六进制），秘密值在抽取时揭示' })
  @IsOptional() @Matches(/^[0-9a-f]{64}$/, { message: 'secretSha256 应为 64 位小写十六进制' })
  secretSha256?: string;
}

export class CommitDto {
  @IsArray() @ArrayMinSize(1, { message: '至少声明一个随机源' }) @ValidateNested({ each: true }) @Type(() => SeedSourceDto)
  seedSources!: SeedSourceDto[];
}

export class SeedValueDto {
  @IsString() sourceId!: string;

  @ApiProperty({ description: 'lottery：号码数组；beacon：十六进制串；official：揭示的秘密值', oneOf: [{ type: 'array', items: { type: 'integer' } }, { type: 'string' }] })
  @Allow()
  value!: number[] | string;

  @ApiProperty({ example: '2026-12-01T21:30:00+08:00' })
  @IsString() availableAt!: string;
}

export class DrawDto {
  @IsArray() @ArrayMinSize(1, { message: '请提供随机源的取值' }) @ValidateNested({ each: true }) @Type(() => SeedValueDto)
  seedValues!: SeedValueDto[];
}

export class SupersedeDto {
  @IsString() @Length(5, 500, { message: '作废理由应为 5–500 个字符' }) reason!: string;
}
