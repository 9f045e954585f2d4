import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery } from '../../common/paging';
import { QueryBoolean } from '../../common/query-transforms';
import { DEPARTMENT_CODE_PATTERN, DEPARTMENT_CODE_RULE } from '../department-sheet';

export class CreateDepartmentDto {
  @IsString()
  @Matches(DEPARTMENT_CODE_PATTERN, { message: `部门编码${DEPARTMENT_CODE_RULE}` })
  code!: string;

  @IsString()
  @Length(1, 100, { message: '部门名称长度应为 1–100 个字符' })
  name!: string;
}

export class UpdateDepartmentDto extends PartialType(CreateDepartmentDto, { skipNullProperties: false }) {
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class DepartmentQuery extends PageQuery {
  @ApiPropertyOptional({ description: '按编码或名称模糊查找' })
  @IsOptional()
  @IsString()
  q?: string;

  @ApiPropertyOptional({ description: '只看启用（true）或停用（false）的部门' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: 'active 只能是 true 或 false' })
  active?: boolean;
}
