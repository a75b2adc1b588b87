import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { FactTable } from './fact-table.js'
import { allFacts, factsChangedSince, itemsDeletedSince, snapshotXmin } from './fact-rows.js'

/** Tombstones are kept this long; a table not brought up to date for half of it is read again whole. */
const TOMBSTONE_KEEP_MS = 24 * 3_600_000
const RELOAD_AFTER_MS = TOMBSTONE_KEEP_MS / 2
const PRUNE_EVERY_MS = 3_600_000

/**
 * The roll-up facts of the live `items`, kept in this process's memory and brought up to date from
 * the items' change feed (`rev_xid`, `item_tombstones`) before each use: one indexed read of what
 * changed, whichever process projected it. The first use reads every item (≈ 1–3 s at 300,000).
 */
export class LiveFacts {
  private table: FactTable | null = null
  /** Every transaction below this one was seen by the last read. */
  private xmin = ''
  private syncedAt = 0
  private prunedAt = 0
  private chain: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now = () => Date.now(),
  ) {}

  /**
   * Runs `use` over the facts with every item change committed before this call. Reads and updates
   * take turns: a roll-up that yields mid-count never sees the table change under it.
   */
  read<T>(use: (facts: FactTable) => Promise<T>): Promise<T> {
    const run = this.chain.then(async () => use(await this.sync()))
    this.chain = run.catch(() => undefined)
    return run
  }

  private async sync(): Promise<FactTable> {
    const xmin = await snapshotXmin(this.db)
    if (!this.table || this.now() - this.syncedAt > RELOAD_AFTER_MS) {
      const table = new FactTable()
      for await (const page of allFacts(this.db, sql`items`, true)) for (const f of page) table.put(f)
      this.table = table
    } else {
      // Deletions first: an item deleted and written again in between is then read as it is now.
      const gone = await itemsDeletedSince(this.db, this.xmin)
      const changed = await factsChangedSince(this.db, this.xmin)
      const alive = new Set(changed.map((f) => f.id))
      for (const id of gone) if (!alive.has(id)) this.table.delete(id)
      for (const f of changed) this.table.put(f)
    }
    this.xmin = xmin
    this.syncedAt = this.now()
    if (this.now() - this.prunedAt > PRUNE_EVERY_MS) {
      this.prunedAt = this.now()
      await sql`delete from item_tombstones where at < now() - ${`${TOMBSTONE_KEEP_MS / 1000} seconds`}::interval`.execute(this.db)
    }
    return this.table
  }
}
