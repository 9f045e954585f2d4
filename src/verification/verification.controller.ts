import type {} from 'multer';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Controller, HttpCode, Post, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/roles.decorator';
import { DomainError } from '../common/domain-error';
import { MAX_UPLOAD_BYTES } from '../excel/upload';
import type { InputFile } from './input-file';
import { VerificationService } from './verification.service';
import type { VerificationReport } from './verify-files';

type Field = 'receipt' | 'snapshot' | 'result';
type UploadedFields = Partial<Record<Field, Express.Multer.File[]>>;

const FIELDS: { name: Field; maxCount: number }[] = [
  { name: 'receipt', maxCount: 1 },
  { name: 'snapshot', maxCount: 1 },
  { name: 'result', maxCount: 1 },
];

// Snapshots of a province-sized roster are hundreds of MB: to disk, never into memory.
const VerificationUploads = () =>
  FileFieldsInterceptor(FIELDS, { dest: tmpdir(), limits: { fileSize: MAX_UPLOAD_BYTES, files: FIELDS.length } });

function inputFile(files: UploadedFields | undefined, field: Field): InputFile | undefined {
  const file = files?.[field]?.[0];
  // Browsers send UTF-8 names, multer reads them as latin1.
  return file && { path: file.path, name: Buffer.from(file.originalname, 'latin1').toString('utf8') };
}

/** Anyone may check a published draw: upload its receipt and snapshot (and result), get match or the first difference. */
@ApiTags('抽取验证')
@Controller('api/verify')
export class VerificationController {
  constructor(private readonly verification: VerificationService) {}

  @Public()
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: '验证已公布的抽取：重新计算快照摘要、随机种子和抽取结果' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['receipt', 'snapshot'],
      properties: {
        receipt: { type: 'string', format: 'binary', description: '抽取凭证（JSON，ssj-draw-receipt/1）' },
        snapshot: { type: 'string', format: 'binary', description: '抽取快照（文本或 gzip，ssj-draw-snapshot/1）' },
        result: { type: 'string', format: 'binary', description: '可选：公布的抽取结果（文本或 gzip，ssj-draw-result/1），逐行核对' },
      },
    },
  })
  @ApiOkResponse({
    description: '{ match: true, taskCode, snapshotHash, seed, resultHash, inspections, unstaffed } 或 { match: false, difference }',
  })
  @UseInterceptors(VerificationUploads())
  async verify(@UploadedFiles() files: UploadedFields | undefined): Promise<VerificationReport> {
    try {
      const receipt = inputFile(files, 'receipt');
      const snapshot = inputFile(files, 'snapshot');
      const result = inputFile(files, 'result');
      if (!receipt) throw new DomainError('UNSUPPORTED_FILE', '请上传抽取凭证（multipart 表单字段 receipt，JSON 文件）');
      if (!snapshot) throw new DomainError('UNSUPPORTED_FILE', '请上传抽取快照（multipart 表单字段 snapshot，.txt 或 .txt.gz 文件）');
      return await this.verification.verify({ receipt, snapshot, ...(result ? { result } : {}) });
    } finally {
      await Promise.all(
        Object.values(files ?? {})
          .flat()
          .map((f) => rm(f.path, { force: true })),
      );
    }
  }
}
