import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

export class ReplacementDto {
  @Matches(/^[0-9A-Z]{18}$/, { message: '统一社会信用代码应为 18 位' }) uscc!: string;
  @IsString() @Length(1, 32) certNo!: string;
  @IsIn(['illness', 'leave', 'late_conflict', 'other'], { message: '更换原因只能是 illness（因病）、leave（公务或请假）、late_conflict（抽取后发现应回避）或 other（其他）' })
  reason!: 'illness' | 'leave' | 'late_conflict' | 'other';
  @IsOptional() @IsString() @Length(0, 500) note?: string;
}

export class ExportQuery {
  @IsOptional() @IsIn(['task', 'department', 'inspector'], { message: 'by 只能是 task、department 或 inspector' }) by?: 'task' | 'department' | 'inspector';
}
