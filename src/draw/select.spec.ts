import fc from 'fast-check';
import { orderByRank, usccOrder } from './order';
import { compareCandidates, mergeTopK, TopK, type Candidate } from './select';
import { uscc } from './testing';

// Few distinct ranks so that ties (broken by id / uscc) actually occur.
const rankArb = fc.oneof(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.constantFrom(0, 0.25, 0.5));

describe('TopK', () => {
  it('keeps exactly the k smallest (rank, id), whatever the arrival order', () => {
    fc.assert(
      fc.property(fc.array(rankArb, { maxLength: 80 }), fc.nat(90), (ranks, k) => {
        const heap = new TopK(k);
        ranks.forEach((r, id) => heap.offer(r, id));
        const expected = ranks
          .map((r, id) => ({ r, id }))
          .sort((a, b) => a.r - b.r || a.id - b.id)
          .slice(0, k);
        expect(Array.from(heap.sortedIndices(), (j) => ({ r: heap.ranks[j], id: heap.ids[j] }))).toEqual(expected);
      }),
    );
  });
});

describe('orderByRank', () => {
  it('equals a comparator sort by (rank, index), ties included', () => {
    fc.assert(
      fc.property(fc.array(rankArb, { maxLength: 200 }), (ranks) => {
        const expected = ranks.map((_, i) => i).sort((a, b) => ranks[a] - ranks[b] || a - b);
        expect(Array.from(orderByRank(Float64Array.from(ranks)))).toEqual(expected);
      }),
    );
  });
});

describe('usccOrder', () => {
  it('equals a code-unit sort and refuses duplicates', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(40000), { maxLength: 300 }), (ns) => {
        const codes = ns.map((n) => uscc(n * 7919));
        const expected = codes.map((_, i) => i).sort((a, b) => (codes[a] < codes[b] ? -1 : 1));
        expect(Array.from(usccOrder(codes))).toEqual(expected);
      }),
    );
    expect(() => usccOrder([uscc(2), uscc(1), uscc(2)])).toThrow(/重复/);
  });
});

describe('mergeTopK', () => {
  it('merging the top k of any partition equals the top k of the whole', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(rankArb, fc.nat(3)), { maxLength: 100 }), fc.nat(60), (rows, k) => {
        const all: Candidate[] = rows.map(([rank], i) => ({ rank, uscc: uscc(i) }));
        const parts = [0, 1, 2, 3].map((s) =>
          all
            .filter((_, i) => rows[i][1] === s)
            .sort(compareCandidates)
            .slice(0, k),
        );
        expect(mergeTopK(parts, k)).toEqual([...all].sort(compareCandidates).slice(0, k));
      }),
    );
  });
});
