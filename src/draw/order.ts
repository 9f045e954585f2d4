import { USCC_CHARSET } from '../common/uscc';
import { DrawInputError } from './errors';

/**
 * Orderings without comparator sorts where rows are many: on this hardware a comparator
 * sort of 1M strings takes seconds, a linear check or a radix pass milliseconds.
 */

const duplicate = (what: string, key: string): DrawInputError => new DrawInputError([`${what}“${key}”重复`]);

/** Indices of `items` in ascending key order (UTF-16 code units); duplicate keys are refused. */
export function sortedOrder<T>(items: readonly T[], key: (item: T) => string, what: string): Int32Array {
  const n = items.length;
  const keys = items.map(key);
  const order = new Int32Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    if (i > 0 && !(keys[i - 1] < keys[i])) sorted = false;
  }
  if (sorted) return order;
  order.sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
  for (let i = 1; i < n; i++) if (keys[order[i - 1]] === keys[order[i]]) throw duplicate(what, keys[order[i]]);
  return order;
}

const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < USCC_CHARSET.length; i++) DIGIT[USCC_CHARSET.charCodeAt(i)] = i;

/**
 * Indices of USCCs (already checked to be 18 characters of the charset) in ascending order:
 * a linear check when they arrive sorted, else an LSD radix sort on digit pairs (base 961),
 * digits extracted once so the passes touch typed arrays only. The charset is in ASCII
 * order, so this is also UTF-16 order.
 */
export function usccOrder(usccs: readonly string[], what = '统一社会信用代码'): Int32Array {
  const n = usccs.length;
  let order = new Int32Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    if (sorted && i > 0 && !(usccs[i - 1] < usccs[i])) sorted = false;
  }
  if (sorted) return order;
  const digits = new Uint16Array(9 * n);
  for (let i = 0; i < n; i++) {
    const u = usccs[i];
    for (let pair = 0; pair < 9; pair++) digits[pair * n + i] = DIGIT[u.charCodeAt(2 * pair)] * 31 + DIGIT[u.charCodeAt(2 * pair + 1)];
  }
  let next = new Int32Array(n);
  const counts = new Int32Array(962);
  for (let pair = 8; pair >= 0; pair--) {
    const base = pair * n;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[digits[base + i] + 1]++;
    for (let d = 1; d < 962; d++) counts[d] += counts[d - 1];
    for (let i = 0; i < n; i++) {
      const idx = order[i];
      next[counts[digits[base + idx]]++] = idx;
    }
    const t = order;
    order = next;
    next = t;
  }
  for (let i = 1; i < n; i++) if (usccs[order[i - 1]] === usccs[order[i]]) throw duplicate(what, usccs[order[i]]);
  return order;
}

/**
 * Indices by ascending rank (non-negative doubles), ties by index: a stable LSD radix sort
 * on the IEEE-754 bit patterns, whose unsigned order is the numeric order for these values.
 */
export function orderByRank(ranks: Float64Array): Int32Array {
  const n = ranks.length;
  if (n < 512) return Int32Array.from(ranks.keys()).sort((a, b) => ranks[a] - ranks[b] || a - b); // cheaper for few
  const bits = new Uint32Array(Float64Array.from(ranks, (r) => r + 0).buffer); // + 0 turns -0 into 0
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const lo = little ? 0 : 1;
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Int32Array(n);
  const counts = new Int32Array(2049);
  // 64 bits as 11+11+10 of the low word and 11+11+10 of the high word.
  for (const [word, shift, width] of [
    [lo, 0, 11],
    [lo, 11, 11],
    [lo, 22, 10],
    [1 - lo, 0, 11],
    [1 - lo, 11, 11],
    [1 - lo, 22, 10],
  ]) {
    const mask = (1 << width) - 1;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((bits[2 * i + word] >>> shift) & mask) + 1]++;
    for (let d = 1; d <= mask + 1; d++) counts[d] += counts[d - 1];
    for (let i = 0; i < n; i++) {
      const idx = order[i];
      next[counts[(bits[2 * idx + word] >>> shift) & mask]++] = idx;
    }
    const t = order;
    order = next;
    next = t;
  }
  return order;
}
