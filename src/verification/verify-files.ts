import { DomainError, InvalidInputError } from '../common/domain-error';
import { verifyDraw, type Difference, type DrawReceipt, type DrawSnapshot, type Verification } from '../draw';
import type { InputFile } from './input-file';
import { readResultFile, readSnapshotFile } from './read-files';
import { readReceiptFile } from './receipt';

export interface MatchReport {
  match: true;
  taskCode: string;
  snapshotHash: string;
  seed: string;
  resultHash: string;
  /** Staffed inspections (drawn enterprises with a lawful team). */
  inspections: number;
  /** Drawn enterprises for which no lawful team existed. */
  unstaffed: number;
}

export interface MismatchReport {
  match: false;
  difference: Difference;
}

/** What the CLI prints and the HTTP endpoint answers. */
export type VerificationReport = MatchReport | MismatchReport;

interface ResultCounts {
  inspections: number;
  unstaffed: number;
}


/**
 * verifyDraw plus the figures a reader wants to see. A snapshot that passed the file checks
 * can still hold rows of the wrong shape (a null where a list belongs) that the engine's
 * validator trips over: that is bad input, not a mismatch and not a server fault.
 */
export function verifyPublishedDraw(receipt: DrawReceipt, snapshot: DrawSnapshot, publishedResult?: readonly string[]): VerificationReport {
  let v: Verification;
  try {
    v = verifyDraw(receipt, snapshot, publishedResult);
  } catch (e) {
    if (e instanceof DomainError || !(e instanceof TypeError)) throw e;
    throw new InvalidInputError(`快照文件内容不符合规范，无法验证（${e.message}）`);
  }
  if (!v.match) return { match: false, difference: v.difference };
  const counts: ResultCounts = { inspections: v.result.inspections.length, unstaffed: v.result.unstaffed.length };
  return {
    match: true,
    taskCode: receipt.taskCode,
    snapshotHash: receipt.snapshotHash,
    seed: receipt.seed,
    resultHash: v.resultHash,
    ...counts,
  };
}

export interface VerificationFiles {
  receipt: InputFile;
  snapshot: InputFile;
  result?: InputFile;
}

export type VerificationStage = 'receipt' | 'result' | 'snapshot' | 'recompute';

/** Reads the three files (cheap and likely-wrong ones first, so mistakes show before the big read) and verifies. */
export async function verifyFiles(files: VerificationFiles, onStage?: (stage: VerificationStage) => void): Promise<VerificationReport> {
  onStage?.('receipt');
  const receipt = await readReceiptFile(files.receipt);
  let published: string[] | undefined;
  if (files.result) {
    onStage?.('result');
    published = await readResultFile(files.result);
  }
  onStage?.('snapshot');
  const snapshot = await readSnapshotFile(files.snapshot);
  onStage?.('recompute');
  return verifyPublishedDraw(receipt, snapshot, published);
}
