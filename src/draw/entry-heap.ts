/**
 * A min-heap of (load, rank, inspector index) in parallel typed arrays. Keys go stale when
 * an inspector's load rises; the owner re-keys them when they reach the top.
 */
export class EntryHeap {
  private loads = new Int32Array(64);
  private ranks = new Float64Array(64);
  private ids = new Int32Array(64);
  size = 0;

  private grow(): void {
    const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(a.length * 2);
      b.set(a);
      return b;
    };
    this.loads = grow(this.loads, (n) => new Int32Array(n));
    this.ranks = grow(this.ranks, (n) => new Float64Array(n));
    this.ids = grow(this.ids, (n) => new Int32Array(n));
  }

  push(load: number, rank: number, id: number): void {
    if (this.size === this.ids.length) this.grow();
    const { loads, ranks, ids } = this;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!(load < loads[p] || (load === loads[p] && (rank < ranks[p] || (rank === ranks[p] && id < ids[p]))))) break;
      loads[i] = loads[p];
      ranks[i] = ranks[p];
      ids[i] = ids[p];
      i = p;
    }
    loads[i] = load;
    ranks[i] = rank;
    ids[i] = id;
  }

  topLoad(): number {
    return this.loads[0];
  }
  topRank(): number {
    return this.ranks[0];
  }
  topId(): number {
    return this.ids[0];
  }

  pop(): void {
    const n = --this.size;
    if (n > 0) this.siftDown(this.loads[n], this.ranks[n], this.ids[n]);
  }

  /** Replaces the top entry (a re-key in place: cheaper than pop + push). */
  replaceTop(load: number, rank: number, id: number): void {
    this.siftDown(load, rank, id);
  }

  private siftDown(load: number, rank: number, id: number): void {
    const { loads, ranks, ids } = this;
    const n = this.size;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const d = c + 1;
      if (d < n && (loads[d] < loads[c] || (loads[d] === loads[c] && (ranks[d] < ranks[c] || (ranks[d] === ranks[c] && ids[d] < ids[c])))))
        c = d;
      if (!(loads[c] < load || (loads[c] === load && (ranks[c] < rank || (ranks[c] === rank && ids[c] < id))))) break;
      loads[i] = loads[c];
      ranks[i] = ranks[c];
      ids[i] = ids[c];
      i = c;
    }
    loads[i] = load;
    ranks[i] = rank;
    ids[i] = id;
  }
}
