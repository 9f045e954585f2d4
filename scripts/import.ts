/**
 * Imports a list from the command line, with progress, into the product's database:
 *   npm run import -- enterprises roster.csv [--dry-run]
 * Lists: departments, matters, enterprises, inspectors, conflicts. All or nothing, as over HTTP; when
 * rows are bad, the marked workbook is written next to the file.
 */
import { createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { ConflictImportTarget } from '../src/conflicts/conflict-import.target';
import { DomainError } from '../src/common/domain-error';
import { DepartmentImportTarget } from '../src/departments/department-import.target';
import { EnterpriseImportTarget } from '../src/enterprises/enterprise-import.target';
import type { ImportIssue } from '../src/excel/import-issue';
import { ImportPipeline } from '../src/excel/import-pipeline';
import { ImportReports } from '../src/excel/import-reports';
import type { ImportTarget } from '../src/excel/import-target';
import { InspectorImportTarget } from '../src/inspectors/inspector-import.target';
import { MatterImportTarget } from '../src/matters/matter-import.target';
import { progressLine } from './support/progress';
import { openProductDatabase } from './support/script-database';

const TARGETS: Record<string, () => ImportTarget<unknown>> = {
  departments: () => new DepartmentImportTarget() as ImportTarget<unknown>,
  matters: () => new MatterImportTarget() as ImportTarget<unknown>,
  enterprises: () => new EnterpriseImportTarget() as ImportTarget<unknown>,
  inspectors: () => new InspectorImportTarget() as ImportTarget<unknown>,
  conflicts: () => new ConflictImportTarget() as ImportTarget<unknown>,
};

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { 'dry-run': { type: 'boolean', default: false } } });
  const [list, file] = positionals;
  if (!list || !file || !TARGETS[list]) {
    process.stderr.write(`用法：npm run import -- <${Object.keys(TARGETS).join('|')}> <文件.xlsx|文件.csv> [--dry-run]\n`);
    return 2;
  }
  const product = await openProductDatabase();
  const reports = new ImportReports();
  const pipeline = new ImportPipeline(product.ds, reports);
  const progress = progressLine(`导入 ${basename(file)}`);
  try {
    const report = await pipeline.run(TARGETS[list](), { path: file, originalName: basename(file) }, { dryRun: values['dry-run'], onProgress: (n) => progress.update(n) });
    progress.done(report.total);
    process.stdout.write(`${report.dryRun ? '试导入（未写入）' : '导入完成'}：共 ${report.total} 行，新增 ${report.created}，更新 ${report.updated}，未变 ${report.unchanged}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    process.stderr.write(`\n${err.message}\n`);
    const details = err.details as { errors?: ImportIssue[]; markedWorkbookUrl?: string } | undefined;
    for (const e of details?.errors?.slice(0, 20) ?? []) process.stderr.write(`  第 ${e.row} 行 ${e.column}：${e.reason}\n`);
    const id = details?.markedWorkbookUrl?.split('/')[3];
    if (id) {
      const out = `${file}.错误标注.xlsx`;
      await reports.writeMarked(id, createWriteStream(out));
      process.stderr.write(`已写出标注错误的工作簿：${out}\n`);
    }
    return 1;
  } finally {
    await product.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
