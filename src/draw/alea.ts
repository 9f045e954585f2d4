import { createHash } from 'node:crypto';

/**
 * seedrandom's Alea (Johannes Baagøe, 2010), `seedrandom.alea(prefix + suffix).double()`,
 * computed without allocating a generator per key and with the prefix's first Mash pass
 * done once. Bit-identical to seedrandom 3.0.5 (alea.spec.ts checks it against the library).
 */
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;
const TWO_POW_MINUS_53 = 1.1102230246251565e-16;
const MASH_START = 0xefc8249d;
const MASH_FACTOR = 0.02519603282416938;

// Mash keeps 0 <= h < 2^32 at both truncations, so Math.floor equals seedrandom's `h >>> 0` here and is faster.
function mash(n: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    n += text.charCodeAt(i);
    let h = MASH_FACTOR * n;
    n = Math.floor(h);
    h -= n;
    h *= n;
    n = Math.floor(h);
    h -= n;
    n += h * 0x100000000;
  }
  return n;
}

const mashOut = (n: number): number => (n >>> 0) * TWO_POW_MINUS_32;

// Alea mashes ' ' three times before the seed: constant.
const SPACES = (() => {
  let n = mash(MASH_START, ' ');
  const a = mashOut(n);
  n = mash(n, ' ');
  const b = mashOut(n);
  return { a, b, n: mash(n, ' ') };
})();

export class AleaKeyed {
  private readonly afterPrefix: number;

  constructor(private readonly prefix: string) {
    this.afterPrefix = mash(SPACES.n, prefix);
  }

  /** seedrandom.alea(prefix + suffix).double(): a double in [0, 1) with 53 random bits. */
  double(suffix: string): number {
    return this.double2(suffix, '');
  }

  /** double(a + b) without building the string. */
  double2(a: string, b: string): number {
    let n = mash(mash(this.afterPrefix, a), b);
    let s0 = SPACES.a - mashOut(n);
    if (s0 < 0) s0 += 1;
    n = mash(mash(mash(n, this.prefix), a), b);
    let s1 = SPACES.b - mashOut(n);
    if (s1 < 0) s1 += 1;
    // The third Mash pass only sets s2, which the first two outputs never read: skipped.
    // Two steps of the generator, c starting at 1, then seedrandom's double().
    let t = 2091639 * s0 + TWO_POW_MINUS_32;
    let c = t | 0;
    const x = t - c;
    t = 2091639 * s1 + c * TWO_POW_MINUS_32;
    c = t | 0;
    const y = t - c;
    return x + ((y * 0x200000) | 0) * TWO_POW_MINUS_53;
  }
}

/**
 * A key prefix derived from the seed for one purpose: 16 lowercase hex characters of
 * SHA-256("<algorithm>|<purpose>|<seed>").
 */
export function saltFor(algorithm: string, purpose: string, seed: string): string {
  return createHash('sha256').update(`${algorithm}|${purpose}|${seed}`, 'utf8').digest('hex').slice(0, 16);
}
