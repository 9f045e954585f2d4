import { compareUtf16 } from './canonical-json';
import { orderByRank } from './order';

/** An enterprise's place in one stratum's draw: smaller rank first, ties by uscc. */
export interface Candidate {
  rank: number;
  uscc: string;
}

/** Rank of candidates in strata drawn at 100%: they are all taken, so no rank is computed. */
export const UNRANKED = -1;

export const compareCandidates = (a: Candidate, b: Candidate): number => a.rank - b.rank || compareUtf16(a.uscc, b.uscc);

/**
 * The k best (smallest rank, then smallest id) of a stream in O(k) memory: a max-heap whose
 * root is the worst kept entry, in two typed arrays rather than one object per row. Ids are
 * positions in uscc order, so comparing ids compares usccs.
 */
export class TopK {
  readonly ranks: Float64Array;
  readonly ids: Int32Array;
  size = 0;

  constructor(readonly k: number) {
    this.ranks = new Float64Array(k);
    this.ids = new Int32Array(k);
  }

  offer(rank: number, id: number): void {
    const { ranks, ids } = this;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!(rank > ranks[p] || (rank === ranks[p] && id > ids[p]))) break;
        ranks[i] = ranks[p];
        ids[i] = ids[p];
        i = p;
      }
      ranks[i] = rank;
      ids[i] = id;
      return;
    }
    if (this.k === 0 || !(rank < ranks[0] || (rank === ranks[0] && id < ids[0]))) return;
    const n = this.size;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && (ranks[c + 1] > ranks[c] || (ranks[c + 1] === ranks[c] && ids[c + 1] > ids[c]))) c++;
      if (!(ranks[c] > rank || (ranks[c] === rank && ids[c] > id))) break;
      ranks[i] = ranks[c];
      ids[i] = ids[c];
      i = c;
    }
    ranks[i] = rank;
    ids[i] = id;
  }

  /** Positions in ranks/ids of the kept entries, best first (ties by id). */
  sortedIndices(): Int32Array {
    const ids = this.ids.subarray(0, this.size);
    // Sort by id first, then stably by rank: ties end up in id order.
    const byId = Int32Array.from(ids.keys()).sort((a, b) => ids[a] - ids[b]);
    const ranks = Float64Array.from(byId, (j) => this.ranks[j]);
    return Int32Array.from(orderByRank(ranks), (k) => byId[k]);
  }
}

/** Merges per-shard top-k lists of one stratum (each best first) into the top k of the whole. */
export function mergeTopK(lists: readonly (readonly Candidate[])[], k: number): Candidate[] {
  return lists.flat().sort(compareCandidates).slice(0, k);
}
