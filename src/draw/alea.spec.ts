import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { AleaKeyed, saltFor } from './alea';

describe('AleaKeyed', () => {
  it('equals seedrandom.alea(prefix + suffix).double() for typical keys', () => {
    const prefix = saltFor('ssj-draw/1', 'rank|M01', 'a'.repeat(64));
    for (let i = 0; i < 2000; i++) {
      const suffix = `91320800${String(i * 7919).padStart(9, '0')}X`;
      expect(new AleaKeyed(prefix).double(suffix)).toBe(seedrandom.alea(prefix + suffix).double());
    }
  });

  it('equals the library for arbitrary Unicode prefixes and suffixes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), (prefix, suffix) => {
        expect(new AleaKeyed(prefix).double(suffix)).toBe(seedrandom.alea(prefix + suffix).double());
      }),
      { numRuns: 500 },
    );
  });

  it('derives salts of 16 hex characters that change with each input', () => {
    const a = saltFor('v1', 'rank|M01', 'ff');
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(saltFor('v1', 'rank|M02', 'ff')).not.toBe(a);
    expect(saltFor('v1', 'rank|M01', 'fe')).not.toBe(a);
    expect(saltFor('v2', 'rank|M01', 'ff')).not.toBe(a);
  });
});
