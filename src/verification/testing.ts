import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  canonicalJson,
  deriveSeed,
  hashSnapshot,
  makeReceipt,
  runDraw,
  serialiseResult,
  serialiseSnapshot,
  type DrawReceipt,
  type DrawResult,
  type DrawSnapshot,
} from '../draw';
import type { CanonicalValue } from '../draw/canonical-json';
import { enterprise, inspector, matter, seedInputs, snapshot } from '../draw/testing';

/** A committed, seeded, drawn and published task, for specs of the verifier; plain data, no test framework. */
export interface PublishedDraw {
  snapshot: DrawSnapshot;
  result: DrawResult;
  receipt: DrawReceipt;
}

/** A roster with something to choose (40 enterprises over four tiers, a key-supervision matter). */
export function publishedDraw(taskCode = '淮应急抽查〔2026〕3号'): PublishedDraw {
  const base = snapshot({
    matters: [matter('M01'), matter('M02', { baseRatioBp: 10000, keySupervision: true })],
    enterprises: Array.from({ length: 40 }, (_, i) =>
      enterprise(i, { tier: (['A', 'B', 'C', 'D'] as const)[i % 4], matters: i % 5 === 0 ? ['M01', 'M02'] : ['M01'] }),
    ),
    inspectors: Array.from({ length: 8 }, (_, i) => inspector(i)),
  });
  const s: DrawSnapshot = { ...base, task: { ...base.task, code: taskCode } };
  const inputs = seedInputs(hashSnapshot(s));
  const result = runDraw(s, deriveSeed(s.seedSources, inputs).seed);
  return { snapshot: s, result, receipt: makeReceipt(s, inputs, result) };
}

export const receiptText = (r: DrawReceipt): string => `${canonicalJson(r as unknown as CanonicalValue)}\n`;

export interface DrawFiles {
  receipt: string;
  snapshot: string;
  snapshotGz: string;
  result: string;
  resultGz: string;
}

/** Writes the published files of a draw into `dir` as the office publishes them. */
export async function writeDrawFiles(dir: string, d: PublishedDraw, snapshotOverride?: DrawSnapshot): Promise<DrawFiles> {
  const files: DrawFiles = {
    receipt: join(dir, 'receipt.json'),
    snapshot: join(dir, 'snapshot.txt'),
    snapshotGz: join(dir, 'snapshot.txt.gz'),
    result: join(dir, 'result.txt'),
    resultGz: join(dir, 'result.txt.gz'),
  };
  const snapshotText = serialiseSnapshot(snapshotOverride ?? d.snapshot);
  const resultText = serialiseResult(d.result);
  await writeFile(files.receipt, receiptText(d.receipt));
  await writeFile(files.snapshot, snapshotText);
  await writeFile(files.snapshotGz, gzipSync(snapshotText));
  await writeFile(files.result, resultText);
  await writeFile(files.resultGz, gzipSync(resultText));
  return files;
}
