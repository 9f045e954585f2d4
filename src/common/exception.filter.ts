import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { describeDatabaseError } from './database-errors';
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
  413: ['PAYLOAD_TOO_LARGE', '请求内容过大'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '请求的内容类型不受支持'],
};

/** Multer's error codes (kept as the exception's cause), in words for the person uploading. */
const UPLOAD_ERRORS: Record<string, (field: string) => string> = {
  LIMIT_FILE_SIZE: () => '上传的文件超过 1 GiB 的上限',
  LIMIT_UNEXPECTED_FILE: (f) => `表单字段“${f}”不是本接口接收文件的字段（导入文件请放在字段 file 中，一次一个文件）`,
  LIMIT_FILE_COUNT: () => '上传的文件过多：导入一次只接收一个文件',
  LIMIT_PART_COUNT: () => '表单中的字段过多',
  LIMIT_FIELD_COUNT: () => '表单中的字段过多',
  LIMIT_FIELD_KEY: () => '表单字段名过长',
  LIMIT_FIELD_VALUE: () => '表单字段的值过长',
};

/** Words for the English messages of Nest's pipes and the body parser, by their start. */
const ENGLISH_MESSAGES: [RegExp, string][] = [
  [/numeric string is expected/i, '路径中的编号应为整数'],
  [/^Multipart|boundary not found|Unexpected end of (form|file)/i, '上传的表单不完整或格式错误，请重新选择文件上传'],
  [/Unsupported content type/i, '请以 multipart/form-data 表单上传文件'],
  [/JSON|Unexpected token|in JSON at position/i, '请求体不是有效的 JSON'],
  [/request entity too large/i, '请求内容过大'],
];

function chineseFor(exception: HttpException, raw: unknown, fallback: string): string {
  const cause = exception.cause as { code?: string; field?: string } | undefined;
  const upload = cause?.code ? UPLOAD_ERRORS[cause.code] : undefined;
  if (upload) return upload(cause?.field ?? '');
  if (typeof raw !== 'string') return fallback;
  if (/[\u4e00-\u9fff]/.test(raw)) return raw;
  return ENGLISH_MESSAGES.find(([re]) => re.test(raw))?.[1] ?? fallback;
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
      const message = details ? '请求参数有误' : chineseFor(exception, raw, fallback);
      return details ? { statusCode: status, code, message, details } : { statusCode: status, code, message };
    }
    const db = describeDatabaseError(exception);
    if (db) return { statusCode: db.status, code: db.code, message: db.message };
    return { statusCode: 500, code: 'INTERNAL', message: '服务器内部错误，请稍后重试或联系管理员' };
  }
}
