import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  Min,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
  type ValidationArguments,
} from 'class-validator';
import { PageQuery } from '../../common/paging';
import { QueryBoolean, Trimmed } from '../../common/query-transforms';
import { usccProblem } from '../../common/uscc';
import { describeChoices } from '../../common/validation';
import { CREDIT_TIERS, type CreditTier, ENTERPRISE_STATUSES, type EnterpriseStatus, TRIGGER_KINDS, type TriggerKind } from '../enterprise-status';

@ValidatorConstraint({ name: 'uscc' })
export class UsccConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && usccProblem(value) === null;
  }
  defaultMessage(args: ValidationArguments): string {
    return typeof args.value === 'string' ? (usccProblem(args.value) ?? '') : '统一社会信用代码必须是字符串';
  }
}

const STATUS_KEYS = Object.keys(ENTERPRISE_STATUSES);
const TRIGGER_KEYS = Object.keys(TRIGGER_KINDS);

export class CreateEnterpriseDto {
  @Validate(UsccConstraint)
  uscc!: string;

  @IsString()
  @Length(1, 200, { message: '企业名称长度应为 1–200 个字符' })
  name!: string;

  @Matches(/^\d{6}$/, { message: '行政区划代码应为 6 位数字' })
  regionCode!: string;

  @IsOptional() @IsString() @MaxLength(300) address?: string;
  @IsOptional() @IsString() @MaxLength(100) industry?: string;

  @ApiPropertyOptional({ enum: STATUS_KEYS })
  @IsOptional()
  @IsIn(STATUS_KEYS, { message: `经营状态只能是 ${describeChoices(ENTERPRISE_STATUSES)}` })
  status?: EnterpriseStatus;

  @ApiPropertyOptional({ enum: CREDIT_TIERS })
  @IsOptional()
  @IsIn(CREDIT_TIERS, { message: '信用等级只能是 A、B、C、D' })
  creditTier?: CreditTier;

  @IsOptional() @IsBoolean() newEconomy?: boolean;

  @IsOptional() @IsISO8601({ strict: true }, { message: '观察期开始日期格式应为 YYYY-MM-DD' }) observationStart?: string | null;
  @IsOptional() @IsISO8601({ strict: true }, { message: '观察期结束日期格式应为 YYYY-MM-DD' }) observationEnd?: string | null;

  @ApiPropertyOptional({ enum: TRIGGER_KEYS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(TRIGGER_KEYS, { each: true, message: `触发事由只能是 ${describeChoices(TRIGGER_KINDS)}` })
  triggerKinds?: TriggerKind[];

  @IsOptional() @IsInt() @Min(0) accidentCount?: number;
  @IsOptional() @IsISO8601({ strict: true }, { message: '最近事故日期格式应为 YYYY-MM-DD' }) lastAccidentOn?: string | null;

  @ApiPropertyOptional({ description: '适用的监管事项编码', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  matterCodes?: string[];
}

export class UpdateEnterpriseDto extends PartialType(CreateEnterpriseDto, { skipNullProperties: false }) {
  @IsOptional() @IsBoolean() active?: boolean;
}

export class EnterpriseQuery extends PageQuery {
  @ApiPropertyOptional({ description: '按统一社会信用代码前缀或名称查找' })
  @IsOptional() @Trimmed() @IsString() q?: string;

  @ApiPropertyOptional({ description: '行政区划代码前缀，如 3208 或 320803' })
  @IsOptional() @Trimmed() @Matches(/^\d{2,6}$/, { message: '行政区划代码前缀应为 2–6 位数字' }) region?: string;

  @ApiPropertyOptional({ enum: CREDIT_TIERS })
  @IsOptional() @IsIn(CREDIT_TIERS, { message: '信用等级只能是 A、B、C、D' }) creditTier?: CreditTier;

  @ApiPropertyOptional({ enum: STATUS_KEYS })
  @IsOptional() @IsIn(STATUS_KEYS, { message: `经营状态只能是 ${describeChoices(ENTERPRISE_STATUSES)}` }) status?: EnterpriseStatus;

  @ApiPropertyOptional({ description: '适用某监管事项（编码）' })
  @IsOptional() @Trimmed() @IsString() matterCode?: string;

  @ApiPropertyOptional()
  @IsOptional() @QueryBoolean() @IsBoolean() newEconomy?: boolean;

  @ApiPropertyOptional()
  @IsOptional() @QueryBoolean() @IsBoolean() active?: boolean;
}

