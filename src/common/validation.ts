import { ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { InvalidInputError } from './domain-error';

/** Chinese wording for class-validator's built-in messages, where a DTO gives none of its own. */
const CHINESE: Record<string, (field: string) => string> = {
  whitelistValidation: (f) => `不允许的字段：${f}`,
  isString: (f) => `${f} 必须是字符串`,
  isBoolean: (f) => `${f} 只能是 true 或 false`,
  isInt: (f) => `${f} 必须是整数`,
  isNumber: (f) => `${f} 必须是数字`,
  isArray: (f) => `${f} 必须是数组`,
  arrayUnique: (f) => `${f} 中不能有重复值`,
  isIn: (f) => `${f} 的取值不在允许范围内`,
  min: (f) => `${f} 小于允许的最小值`,
  max: (f) => `${f} 大于允许的最大值`,
  maxLength: (f) => `${f} 超过允许的最大长度`,
  minLength: (f) => `${f} 短于允许的最小长度`,
  isLength: (f) => `${f} 的长度不在允许范围内`,
  isEmail: (f) => `${f} 不是有效的电子邮箱`,
  isIso8601: (f) => `${f} 不是有效日期（YYYY-MM-DD）`,
  matches: (f) => `${f} 的格式不正确`,
  isDefined: (f) => `缺少 ${f}`,
};

const HAS_CHINESE = /[\u4e00-\u9fff]/;

function flatten(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({
      field,
      message: HAS_CHINESE.test(message) ? message : (CHINESE[rule]?.(field) ?? `${field} 不符合要求`),
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** whitelist + forbid unknown fields + transform, with field errors in the one error shape. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new InvalidInputError('请求参数有误', flatten(errors)),
  });
}
