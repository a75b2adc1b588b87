/** Above this many cells a tally keeps a Map instead of an array (the codes space grows with data). */
const DENSE_MAX = 1 << 22

/** Counts per cell of a grid of codes: an Int32Array while small, a Map beyond. */
export class Tally {
  private readonly dense: Int32Array | null
  private readonly sparse: Map<number, number> | null

  constructor(readonly cells: number) {
    this.dense = cells <= DENSE_MAX ? new Int32Array(cells) : null
    this.sparse = this.dense ? null : new Map()
  }

  add(cell: number, n = 1): void {
    if (this.dense) this.dense[cell] += n
    else this.sparse!.set(cell, (this.sparse!.get(cell) ?? 0) + n)
  }

  get(cell: number): number {
    return this.dense ? this.dense[cell] : (this.sparse!.get(cell) ?? 0)
  }

  /** Each cell counted, in no particular order. */
  *entries(): Generator<[number, number]> {
    if (this.sparse) {
      yield* this.sparse
      return
    }
    const d = this.dense!
    for (let i = 0; i < d.length; i++) if (d[i] !== 0) yield [i, d[i]]
  }
}

/**
 * Per key, how many distinct hubs (or other codes) were seen: `see(key, hub)` counts a hub once.
 */
export class DistinctTally {
  private readonly seen: Tally
  readonly counts: Tally

  constructor(
    private readonly keys: number,
    private readonly members: number,
  ) {
    this.seen = new Tally(keys * members)
    this.counts = new Tally(keys)
  }

  see(key: number, member: number): void {
    const cell = key * this.members + member
    if (this.seen.get(cell) === 0) {
      this.seen.add(cell)
      this.counts.add(key)
    }
  }

  get(key: number): number {
    return key < this.keys ? this.counts.get(key) : 0
  }
}
