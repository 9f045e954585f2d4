import { canonicalJson, jsonString as str, type CanonicalValue } from './canonical-json';
import { sha256OfLines } from './serialise';
import type { DrawResult } from './types';

/**
 * The canonical result, like the snapshot: UTF-8, one JCS object per "\n"-terminated line.
 * Header, then inspections by uscc, unstaffed inspections by uscc, exclusions by
 * (uscc, matter). Labels are left out: the codes carry the meaning.
 */
export const RESULT_FORMAT = 'ssj-draw-result/1';

export function* resultLines(r: DrawResult): Generator<string> {
  const header: CanonicalValue = {
    algorithm: r.algorithm,
    counts: { exclusions: r.exclusions.length, inspections: r.inspections.length, unstaffed: r.unstaffed.length },
    format: RESULT_FORMAT,
    seed: r.seed,
    strata: r.strata.map((s) => ({
      eligible: s.eligible,
      excluded: s.excluded,
      matter: s.matter,
      ratioBp: s.ratioBp,
      roundsPerYear: s.roundsPerYear,
      sampleSize: s.sampleSize,
      tier: s.tier,
    })),
    taskCode: r.taskCode,
  };
  yield `${canonicalJson(header)}\n`;
  const list = (xs: readonly string[]): string => `[${xs.map(str).join(',')}]`;
  // Hand-written in JCS key order (checked against canonicalJson in result.spec.ts).
  for (const i of r.inspections) yield `{"matters":${list(i.matters)},"team":${list(i.team)},"uscc":${str(i.uscc)}}\n`;
  for (const u of r.unstaffed) {
    const requirement = u.requirement === null ? null : { department: u.requirement.department, speciality: u.requirement.speciality };
    yield `${canonicalJson({ matters: u.matters, reason: u.reason, requirement, uscc: u.uscc })}\n`;
  }
  for (const e of r.exclusions) yield `{"matter":${str(e.matter)},"reason":${str(e.reason)},"tier":${str(e.tier)},"uscc":${str(e.uscc)}}\n`;
}

export function hashResult(r: DrawResult): string {
  return sha256OfLines(resultLines(r));
}

export function serialiseResult(r: DrawResult): string {
  return [...resultLines(r)].join('');
}
