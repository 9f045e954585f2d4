/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set; the last
 * is a check character over the first 17 with weights 3^i mod 31.
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
const VALUE = new Map([...USCC_CHARSET].map((c, i) => [c, i]));

/** The check character for the first 17 characters, or null when one is outside the charset. */
export function usccCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = VALUE.get(first17[i]);
    if (v === undefined) return null;
    sum += v * WEIGHTS[i];
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

/** Why a code is not a valid USCC, in Chinese, or null when it is valid. */
export function usccProblem(code: string): string | null {
  if (code.length !== 18) return `统一社会信用代码应为 18 位，实为 ${code.length} 位`;
  for (let i = 0; i < 18; i++) {
    if (!VALUE.has(code[i])) return `统一社会信用代码第 ${i + 1} 位“${code[i]}”不是合法字符（不得含 I、O、Z、S、V 及小写字母）`;
  }
  const expected = usccCheckChar(code.slice(0, 17));
  if (expected !== code[17]) return `统一社会信用代码校验位错误：第 18 位应为“${expected}”，实为“${code[17]}”`;
  return null;
}

export function isValidUscc(code: string): boolean {
  return usccProblem(code) === null;
}
