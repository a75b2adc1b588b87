/**
 * The values one kind of field takes (hub ids, themes, mission codes…) as small integers, so that
 * hundreds of thousands of items fit in typed arrays and are counted into dense tallies. Code 0 is
 * "none" (SQL null). Codes are never reused: a value once seen keeps its code for the process's life.
 */
export class Codes {
  private readonly index = new Map<string, number>()
  readonly names: (string | null)[] = [null]

  /** The value's code, assigning the next one to a value not seen before. */
  code(value: string | null | undefined): number {
    if (value === null || value === undefined) return 0
    let c = this.index.get(value)
    if (c === undefined) {
      c = this.names.length
      this.names.push(value)
      this.index.set(value, c)
    }
    return c
  }

  /** The value's code, or undefined when no item ever had it. */
  find(value: string): number | undefined {
    return this.index.get(value)
  }

  get size(): number {
    return this.names.length
  }
}
