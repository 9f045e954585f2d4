import { isValidUscc, usccCheckChar, usccProblem } from './uscc';

describe('USCC check character (GB 32100-2015)', () => {
  it.each(['91110000600037341L', '91350100M000100Y43', '11100000000013127D'])('accepts the real code %s', (code) => {
    expect(usccProblem(code)).toBeNull();
    expect(isValidUscc(code)).toBe(true);
  });

  it('names the expected check character when the last one is wrong', () => {
    expect(usccProblem('91110000600037341X')).toBe('统一社会信用代码校验位错误：第 18 位应为“L”，实为“X”');
  });

  it('rejects a wrong length, letters outside the charset and lower case', () => {
    expect(usccProblem('9111000060003734')).toContain('应为 18 位');
    expect(usccProblem('91110000600O37341L')).toContain('第 12 位“O”不是合法字符');
    expect(usccProblem('91110000600037341l')).toContain('不是合法字符');
  });

  it('computes a check character that makes any 17-character body valid', () => {
    const body = '9132080012345678X';
    expect(isValidUscc(body + usccCheckChar(body))).toBe(true);
  });

  it('returns no check character for a body with an illegal character', () => {
    expect(usccCheckChar('913208001234567IX')).toBeNull();
  });
});
