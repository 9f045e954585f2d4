import { applyDecorators, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { ImportPipeline, ImportReport } from './import-pipeline';
import type { ImportQuery } from './import-query';
import type { ImportTarget } from './import-target';
import { ImportFileInterceptor, removeUpload, requireUpload } from './upload';

/** `POST import` of a list: one multipart field `file`, described as such in the OpenAPI document. */
export function ImportRoute() {
  return applyDecorators(
    Post('import'),
    HttpCode(200),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: ['file'],
        properties: {
          file: { type: 'string', format: 'binary', description: '.xlsx 工作簿或 .csv 文件（UTF-8 或 GB18030），表头同导入模板' },
        },
      },
    }),
    UseInterceptors(ImportFileInterceptor()),
  );
}

/** Runs the uploaded file through the pipeline; the temporary upload is removed whatever happens. */
export async function importUpload<Row>(
  pipeline: ImportPipeline,
  target: ImportTarget<Row>,
  file: Express.Multer.File | undefined,
  q: ImportQuery,
): Promise<ImportReport> {
  try {
    return await pipeline.run(target, requireUpload(file), { dryRun: q.dryRun });
  } finally {
    await removeUpload(file);
  }
}
