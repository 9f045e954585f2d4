import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsBoolean, IsEmail, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PageQuery } from '../../common/paging';
import { QueryBoolean, Trimmed } from '../../common/query-transforms';

export class CreateInspectorDto {
  @IsString()
  @Matches(/^[A-Za-z0-9-]{4,32}$/, { message: '执法证号应为 4–32 位字母、数字或短横线' })
  certNo!: string;

  @IsString()
  @Length(1, 50, { message: '姓名长度应为 1–50 个字符' })
  name!: string;

  @IsInt({ message: '所属部门 ID 必须是整数' })
  departmentId!: number;

  @IsOptional() @IsArray() @ArrayUnique() @IsString({ each: true }) @MaxLength(50, { each: true }) specialities?: string[];

  @IsOptional() @Matches(/^\d{6}$/, { message: '行政区划代码应为 6 位数字' }) regionCode?: string | null;

  @IsOptional() @IsISO8601({ strict: true }, { message: '休假开始日期格式应为 YYYY-MM-DD' }) leaveFrom?: string | null;
  @IsOptional() @IsISO8601({ strict: true }, { message: '休假结束日期格式应为 YYYY-MM-DD' }) leaveUntil?: string | null;

  @IsOptional() @Matches(/^[0-9+\- ]{0,32}$/, { message: '联系电话格式不正确' }) phone?: string;
  @IsOptional() @ValidateIf((o: { email?: string }) => o.email !== '') @IsEmail({}, { message: '电子邮箱格式不正确' }) email?: string;
}

export class UpdateInspectorDto extends PartialType(CreateInspectorDto, { skipNullProperties: false }) {
  @IsOptional() @IsBoolean() active?: boolean;
}

export class InspectorQuery extends PageQuery {
  @ApiPropertyOptional({ description: '按执法证号或姓名查找' })
  @IsOptional() @Trimmed() @IsString() q?: string;

  @ApiPropertyOptional()
  @IsOptional() @Type(() => Number) @IsInt() departmentId?: number;

  @ApiPropertyOptional({ description: '具备某项专业' })
  @IsOptional() @Trimmed() @IsString() speciality?: string;

  @ApiPropertyOptional({ description: '该日（YYYY-MM-DD）是否可派：true 只列不在休假的人员' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'availableOn 格式应为 YYYY-MM-DD' }) availableOn?: string;

  @ApiPropertyOptional()
  @IsOptional() @QueryBoolean() @IsBoolean() active?: boolean;
}
