import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DomainError } from '../common/domain-error';
import type { InputFile } from './input-file';
import { formatReport } from './report';
import { verifyFiles, type VerificationStage } from './verify-files';

export const EXIT_MATCH = 0;
export const EXIT_MISMATCH = 1;
export const EXIT_BAD_INPUT = 2;

export const USAGE = `用法：npm run verify -- <凭证.json> <快照.txt|快照.txt.gz> [结果.txt|结果.txt.gz]
  用公布的快照和凭证重新计算一次抽取，核对快照摘要、随机种子和抽取结果。
  退出码：0 一致；1 不一致；2 文件或参数有误。
`;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Relative paths are read from here (npm run starts in the package root; INIT_CWD is where the user was). */
  cwd: string;
}

const STAGE_TEXT: Record<VerificationStage, string> = {
  receipt: '读取凭证……',
  result: '读取抽取结果……',
  snapshot: '读取快照（大文件需要一些时间）……',
  recompute: '重新计算快照摘要、随机种子和抽取结果……',
};

/** The verifier's command line, as a function: exit code 0 match, 1 mismatch, 2 bad input or usage. */
export async function runVerifyCli(args: readonly string[], io: CliIo): Promise<number> {
  let positionals: string[];
  let help: boolean | undefined;
  try {
    ({
      positionals,
      values: { help },
    } = parseArgs({ args: [...args], allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    io.stderr(`${(e as Error).message}\n${USAGE}`);
    return EXIT_BAD_INPUT;
  }
  if (help) {
    io.stdout(USAGE);
    return EXIT_MATCH;
  }
  if (positionals.length < 2 || positionals.length > 3) {
    io.stderr(USAGE);
    return EXIT_BAD_INPUT;
  }
  const file = (arg: string): InputFile => ({ path: resolve(io.cwd, arg), name: arg });
  const [receipt, snapshot, result] = positionals;
  try {
    const report = await verifyFiles(
      { receipt: file(receipt), snapshot: file(snapshot), ...(result === undefined ? {} : { result: file(result) }) },
      (stage) => io.stderr(`${STAGE_TEXT[stage]}\n`),
    );
    io.stdout(formatReport(report, { resultChecked: result !== undefined }));
    return report.match ? EXIT_MATCH : EXIT_MISMATCH;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    io.stderr(`无法验证：${e.message}\n`);
    return EXIT_BAD_INPUT;
  }
}
