/**
 * Roll-ups of recently asked periods, reused until the projection changes. The dashboard asks the
 * same few periods again and again while the items behind them change far less often; a roll-up
 * over hundreds of thousands of items costs a full scan. Entries die when this process projects
 * anything (version bump) and after `ttlMs` at most, which bounds staleness from projections made
 * by other processes on the same PostgreSQL.
 */
export class RollupCache<T> {
  private version = 0
  private readonly entries = new Map<string, { version: number; at: number; value: Promise<T> }>()

  constructor(
    private readonly maxEntries = 200,
    private readonly ttlMs = 30_000,
  ) {}

  /** The projection changed: every cached roll-up is stale. */
  invalidate(): void {
    this.version++
  }

  async get(key: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = this.entries.get(key)
    if (hit && hit.version === this.version && now - hit.at < this.ttlMs) return hit.value
    const value = compute()
    this.entries.delete(key)
    this.entries.set(key, { version: this.version, at: now, value })
    // Oldest first in a Map: drop from the front.
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!)
    value.catch(() => this.entries.get(key)?.value === value && this.entries.delete(key))
    return value
  }
}
