import type {} from 'multer';
import { tmpdir } from 'node:os';
import { rm } from 'node:fs/promises';
import { FileInterceptor } from '@nestjs/platform-express';
import { DomainError } from '../common/domain-error';
import type { UploadedFile } from './import-pipeline';

export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

/** Uploads go to a temporary file, never into memory: a million-row roster is hundreds of MB. */
export const ImportFileInterceptor = () => FileInterceptor('file', { dest: tmpdir(), limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });

export function requireUpload(file: Express.Multer.File | undefined): UploadedFile {
  if (!file) throw new DomainError('UNSUPPORTED_FILE', '请上传文件（multipart 表单字段名为 file，支持 .xlsx 和 .csv）');
  // Browsers send UTF-8 names, multer reads them as latin1.
  return { path: file.path, originalName: Buffer.from(file.originalname, 'latin1').toString('utf8') };
}

export async function removeUpload(file: Express.Multer.File | undefined): Promise<void> {
  if (file) await rm(file.path, { force: true });
}
