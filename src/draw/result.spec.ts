import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { runDraw } from './draw';
import { hashResult, resultLines, serialiseResult } from './result';
import { goldenSnapshot, SEED } from './testing';

describe('canonical result', () => {
  const r = runDraw(goldenSnapshot(), SEED);
  const lines = [...resultLines(r)];

  it('writes hand-built lines equal to the generic canonical JSON', () => {
    const n = r.inspections.length;
    const u = r.unstaffed.length;
    expect(lines).toHaveLength(1 + n + u + r.exclusions.length);
    r.inspections.forEach((i, k) =>
      expect(lines[1 + k]).toBe(`${canonicalJson({ uscc: i.uscc, team: i.team, matters: [...i.matters] })}\n`),
    );
    r.unstaffed.forEach((x, k) =>
      expect(lines[1 + n + k]).toBe(
        `${canonicalJson({ uscc: x.uscc, matters: x.matters, reason: x.reason, requirement: x.requirement && { ...x.requirement } })}\n`,
      ),
    );
    r.exclusions.forEach((e, k) =>
      expect(lines[1 + n + u + k]).toBe(`${canonicalJson({ uscc: e.uscc, matter: e.matter, reason: e.reason, tier: e.tier })}\n`),
    );
  });

  it('leaves the Chinese labels out of the hashed form', () => {
    expect(r.exclusions.some((e) => e.label === '已注销')).toBe(true);
    expect(serialiseResult(r)).not.toContain('已注销');
    expect(hashResult({ ...r, exclusions: r.exclusions.map((e) => ({ ...e, label: '改过的标签' })) })).toBe(hashResult(r));
  });

  it('hashes the UTF-8 bytes of the lines', () => {
    expect(hashResult(r)).toBe(
      createHash('sha256')
        .update(Buffer.from(lines.join(''), 'utf8'))
        .digest('hex'),
    );
  });
});
