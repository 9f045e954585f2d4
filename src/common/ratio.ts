/**
 * Sampling ratios are exact decimals with at most 4 places (0.2, 0.0125), stored as
 * numeric(5,4). Parsing works on the decimal text, never through float arithmetic.
 */
export class RatioParseError extends Error {}

function toBasisPoints(whole: string, frac: string, places: number, raw: unknown): number {
  if (frac.replace(/0+$/, '').length > places) {
    throw new RatioParseError(`抽查比例“${raw}”精度过高（最多精确到 0.01%）`);
  }
  return Number(whole) * 10 ** places + Number(frac.padEnd(places, '0').slice(0, places) || '0');
}

/**
 * Reads "20%", "0.2", a numeric cell 0.2, or "20" (a bare number above 1 is taken as a
 * percentage, as staff often type it) into basis points, 0–10000.
 */
export function parseRatioToBasisPoints(raw: string | number): number {
  // Numeric cells may carry binary noise (0.35000000000000003); 10 places removes it.
  const text = (typeof raw === 'number' ? String(Number(raw.toFixed(10))) : raw).trim().replace(/％/g, '%');
  if (/^-\s*\d/.test(text)) throw new RatioParseError(`抽查比例“${raw}”超出 0–100% 范围`);
  const percent = text.endsWith('%');
  const m = /^(\d+)(?:\.(\d+))?$/.exec(percent ? text.slice(0, -1).trim() : text);
  if (!m) throw new RatioParseError(`抽查比例“${raw}”不是百分比或 0–1 之间的小数`);
  const [, whole, frac = ''] = m;
  const asPercent = percent || Number(whole) > 1;
  const bp = asPercent ? toBasisPoints(whole, frac, 2, raw) : toBasisPoints(whole, frac, 4, raw);
  if (bp > 10000) throw new RatioParseError(`抽查比例“${raw}”超出 0–100% 范围`);
  return bp;
}

export function parseRatio(raw: string | number): number {
  return parseRatioToBasisPoints(raw) / 10000;
}

/** numeric(5,4) column <-> JSON number. */
export const ratioTransformer = {
  to: (v: number | null | undefined) => (v === null || v === undefined ? v : (Math.round(v * 10000) / 10000).toFixed(4)),
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/** 0.2 -> "20%", 0.125 -> "12.5%". */
export function formatRatioPercent(ratio: number): string {
  const bp = Math.round(ratio * 10000);
  const frac = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return frac ? `${Math.trunc(bp / 100)}.${frac}%` : `${bp / 100}%`;
}
