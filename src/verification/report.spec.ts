import { formatReport } from './report';

describe('formatReport', () => {
  const match = {
    match: true as const,
    taskCode: '淮应急抽查〔2026〕3号',
    snapshotHash: 'a'.repeat(64),
    seed: 'b'.repeat(64),
    resultHash: 'c'.repeat(64),
    inspections: 5,
    unstaffed: 2,
  };

  it('leads with 一致 and lists task code, hashes, seed and the number of inspections', () => {
    const text = formatReport(match, { resultChecked: true });
    expect(text.split('\n')[0]).toMatch(/^一致：/);
    expect(text).toContain('任务编号：淮应急抽查〔2026〕3号');
    expect(text).toContain(`快照摘要（SHA-256）：${'a'.repeat(64)}`);
    expect(text).toContain(`随机种子：${'b'.repeat(64)}`);
    expect(text).toContain(`结果摘要（SHA-256）：${'c'.repeat(64)}`);
    expect(text).toContain('检查对象：已配齐检查组 5 户，另有 2 户被抽中但无法配齐符合规定的检查组');
    expect(text).toContain('逐行核对');
    expect(formatReport({ ...match, unstaffed: 0 })).toContain('检查对象：已配齐检查组 5 户\n  未提供抽取结果文件');
  });

  it('leads with 不一致 and gives the step, both values and the explanation', () => {
    const text = formatReport({
      match: false,
      difference: { step: 'seed', claimed: 'f'.repeat(64), recomputed: 'e'.repeat(64), message: '由公布的种子来源计算出的种子与凭证不符' },
    });
    expect(text).toBe(
      [
        '不一致：随机种子（seed）',
        `  凭证所载：${'f'.repeat(64)}`,
        `  重新计算：${'e'.repeat(64)}`,
        '  说明：由公布的种子来源计算出的种子与凭证不符',
        '',
      ].join('\n'),
    );
    const line = formatReport({
      match: false,
      difference: {
        step: 'resultLine',
        claimed: '{"a":1}',
        recomputed: '(无)',
        line: 7,
        message: '公布的抽取结果第 7 行与重新计算的结果不同',
      },
    });
    expect(line).toMatch(/^不一致：公布的抽取结果（resultLine）第 7 行\n {2}公布的内容：\{"a":1\}\n/);
    expect(formatReport({ match: false, difference: { step: 'snapshotHash', claimed: 'x', recomputed: '', message: 'm' } })).toContain(
      '重新计算：（无法计算）',
    );
  });
});
