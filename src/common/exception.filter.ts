import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, type ErrorCode } from './domain-error';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  IMPORT_REJECTED: HttpStatus.UNPROCESSABLE_ENTITY,
  UNSUPPORTED_FILE: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
};

/** The one error shape: { statusCode, code, message, details? }. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

const HTTP_CODES: Record<number, [string, string]> = {
  400: ['VALIDATION_FAILED', '请求参数有误'],
  401: ['UNAUTHENTICATED', '请先登录'],
  403: ['FORBIDDEN', '无权执行此操作'],
  404: ['NOT_FOUND', '请求的资源不存在'],
  413: ['PAYLOAD_TOO_LARGE', '上传的文件过大'],
};

/** PostgreSQL errors that bad input can cause, so they never surface as a bare 500. */
function fromDatabase(err: QueryFailedError): ErrorBody | null {
  const pgCode = (err.driverError as { code?: string } | undefined)?.code;
  const constraint = (err.driverError as { constraint?: string } | undefined)?.constraint ?? '';
  switch (pgCode) {
    case '23505':
      return { statusCode: 409, code: 'CONFLICT', message: `数据重复，违反唯一约束（${constraint}）` };
    case '23503':
      return { statusCode: 409, code: 'CONFLICT', message: `引用的记录不存在或仍被引用（${constraint}）` };
    case '23514':
      return { statusCode: 400, code: 'VALIDATION_FAILED', message: `数据不符合规则（${constraint}）` };
    case 'P0001':
      return { statusCode: 409, code: 'CONFLICT', message: '抽取结果一经产生不可更改或删除' };
    case '23502': {
      const column = (err.driverError as { column?: string } | undefined)?.column ?? '';
      return { statusCode: 400, code: 'VALIDATION_FAILED', message: `缺少必填的值（${column}），不能为空` };
    }
    case '22P02':
    case '22007':
    case '22008':
    case '22001':
    case '22003':
      return { statusCode: 400, code: 'VALIDATION_FAILED', message: '数据格式或长度不正确' };
    default:
      return null;
  }
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    if (!res.headersSent) res.status(body.statusCode).json(body);
    else res.end();
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      const b: ErrorBody = { statusCode: STATUS[exception.code], code: exception.code, message: exception.message };
      if (exception.details !== undefined) b.details = exception.details;
      return b;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const [code, fallback] = HTTP_CODES[status] ?? ['HTTP_ERROR', '请求无法处理'];
      const response = exception.getResponse();
      const raw = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : response;
      const details = Array.isArray(raw) ? raw : undefined;
      const message = details ? '请求参数有误' : typeof raw === 'string' && /[\u4e00-\u9fff]/.test(raw) ? raw : fallback;
      return details ? { statusCode: status, code, message, details } : { statusCode: status, code, message };
    }
    if (exception instanceof QueryFailedError) {
      const b = fromDatabase(exception);
      if (b) return b;
    }
    return { statusCode: 500, code: 'INTERNAL', message: '服务器内部错误，请稍后重试或联系管理员' };
  }
}
