import type { VerifyStep } from '../draw';
import type { VerificationReport } from './verify-files';

export const STEP_LABELS: Record<VerifyStep, string> = {
  algorithm: '算法版本',
  taskCode: '任务编号',
  snapshotHash: '快照摘要',
  seed: '随机种子',
  resultHash: '结果摘要',
  resultLine: '公布的抽取结果',
};

export interface ReportOptions {
  /** A published result file was compared line by line. */
  resultChecked?: boolean;
}

/** The verdict as Chinese text for people: first line "一致：…" or "不一致：…", then the details. */
export function formatReport(report: VerificationReport, opts: ReportOptions = {}): string {
  if (report.match) {
    const lines = [
      '一致：用公布的快照和随机种子来源重新计算，得到的抽取结果与凭证完全相同。',
      `  任务编号：${report.taskCode}`,
      `  快照摘要（SHA-256）：${report.snapshotHash}`,
      `  随机种子：${report.seed}`,
      `  结果摘要（SHA-256）：${report.resultHash}`,
      `  检查对象：已配齐检查组 ${report.inspections} 户${report.unstaffed > 0 ? `，另有 ${report.unstaffed} 户被抽中但无法配齐符合规定的检查组（见结果文件）` : ''}`,
    ];
    lines.push(opts.resultChecked ? '  公布的抽取结果文件已逐行核对，全部相同。' : '  未提供抽取结果文件：只核对了结果摘要。');
    return `${lines.join('\n')}\n`;
  }
  const d = report.difference;
  const claimedLabel = d.step === 'resultLine' ? '公布的内容' : '凭证所载';
  const lines = [
    `不一致：${STEP_LABELS[d.step]}（${d.step}）${d.line === undefined ? '' : `第 ${d.line} 行`}`,
    `  ${claimedLabel}：${d.claimed === '' ? '（空）' : d.claimed}`,
    `  重新计算：${d.recomputed === '' ? '（无法计算）' : d.recomputed}`,
    `  说明：${d.message}`,
  ];
  return `${lines.join('\n')}\n`;
}
