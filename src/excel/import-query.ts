import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { QueryBoolean } from '../common/query-transforms';

export class ImportQuery {
  @ApiPropertyOptional({ description: '只校验并报告将发生的变化，不写入' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: 'dryRun 只能是 true 或 false' })
  dryRun?: boolean;
}
