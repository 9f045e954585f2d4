import { compareUtf16 } from './canonical-json';
import { runDraw } from './draw';
import { DrawInputError } from './errors';
import { ALGORITHM_VERSION } from './plan';
import { hashResult, resultLines } from './result';
import { deriveSeed } from './seed';
import { hashSnapshot } from './serialise';
import type { DrawReceipt, DrawResult, DrawSnapshot, SeedInputs } from './types';

/** The receipt published with a draw: enough, with the snapshot, to recompute it. */
/** The receipt of a draw; `resultHash` when the caller has already hashed the result's lines. */
export function makeReceipt(snapshot: Pick<DrawSnapshot, 'task'>, inputs: SeedInputs, result: DrawResult, resultHash = hashResult(result)): DrawReceipt {
  return {
    format: 'ssj-draw-receipt/1',
    algorithm: result.algorithm,
    taskCode: snapshot.task.code,
    snapshotHash: inputs.snapshotHash,
    committedAt: inputs.committedAt,
    seedValues: [...inputs.values].sort((a, b) => compareUtf16(a.sourceId, b.sourceId)),
    seed: result.seed,
    resultHash,
  };
}

export type VerifyStep = 'algorithm' | 'taskCode' | 'snapshotHash' | 'seed' | 'resultHash' | 'resultLine';

export interface Difference {
  step: VerifyStep;
  /** What the receipt (or published result) says. */
  claimed: string;
  /** What recomputing gives. */
  recomputed: string;
  /** 1-based line of the canonical result, for step 'resultLine'. */
  line?: number;
  message: string;
}

export type Verification = { match: true; resultHash: string; result: DrawResult } | { match: false; difference: Difference };

const mismatch = (step: VerifyStep, claimed: string, recomputed: string, message: string, line?: number): Verification => ({
  match: false,
  difference: { step, claimed, recomputed, message, ...(line === undefined ? {} : { line }) },
});

/** First differing line of two canonical results, or null when they agree. */
function firstDifferentLine(
  published: Iterable<string>,
  recomputed: DrawResult,
): { line: number; claimed: string; recomputed: string } | null {
  const a = [...published].map((l) => l.replace(/\n$/, ''));
  const b = [...resultLines(recomputed)].map((l) => l.replace(/\n$/, ''));
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return { line: i + 1, claimed: a[i] ?? '(无)', recomputed: b[i] ?? '(无)' };
  }
  return null;
}

/**
 * Recomputes a draw from its receipt and snapshot: snapshot hash, seed (with every refusal
 * rule), result hash. With the published result lines, a mismatch names the first line that
 * differs.
 */
export function verifyDraw(receipt: DrawReceipt, snapshot: DrawSnapshot, publishedResult?: Iterable<string>): Verification {
  if (receipt.algorithm !== ALGORITHM_VERSION) {
    return mismatch(
      'algorithm',
      receipt.algorithm,
      ALGORITHM_VERSION,
      `本验证程序实现 ${ALGORITHM_VERSION}，不能验证 ${receipt.algorithm}`,
    );
  }
  if (receipt.taskCode !== snapshot.task.code)
    return mismatch('taskCode', receipt.taskCode, snapshot.task.code, '凭证与快照不属于同一抽查任务');
  let snapshotHash: string;
  try {
    snapshotHash = hashSnapshot(snapshot);
  } catch (e) {
    if (!(e instanceof DrawInputError)) throw e;
    return mismatch('snapshotHash', receipt.snapshotHash, '', `快照不符合规范，无法计算摘要：${e.message}`);
  }
  if (snapshotHash !== receipt.snapshotHash)
    return mismatch('snapshotHash', receipt.snapshotHash, snapshotHash, '快照内容与提交时公布的摘要不符');
  let seed: string;
  try {
    seed = deriveSeed(snapshot.seedSources, { snapshotHash, committedAt: receipt.committedAt, values: receipt.seedValues }).seed;
  } catch (e) {
    return mismatch('seed', receipt.seed, '', `无法由公布的种子来源得出种子：${(e as Error).message}`);
  }
  if (seed !== receipt.seed) return mismatch('seed', receipt.seed, seed, '由公布的种子来源计算出的种子与凭证不符');
  const result = runDraw(snapshot, seed);
  const resultHash = hashResult(result);
  if (publishedResult !== undefined) {
    const diff = firstDifferentLine(publishedResult, result);
    if (diff)
      return mismatch('resultLine', diff.claimed, diff.recomputed, `公布的抽取结果第 ${diff.line} 行与重新计算的结果不同`, diff.line);
  }
  if (resultHash !== receipt.resultHash) return mismatch('resultHash', receipt.resultHash, resultHash, '重新计算的抽取结果摘要与凭证不符');
  return { match: true, resultHash, result };
}
