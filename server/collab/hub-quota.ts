import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

/** Default bound of what one hub's documents may occupy: stored updates, snapshots and versions. */
export const DEFAULT_HUB_MAX_BYTES = 200 * 1024 * 1024

/** A counted total is read again from the database after this long (compaction and pruning shrink it). */
const RECOUNT_AFTER_MS = 60_000

/**
 * Bytes stored per hub, so that one hub (one careless or hostile member) cannot fill the disk that
 * every hub shares. The total is counted from the database when a socket opens a hub's document
 * (at most once a minute) and grows with each accepted update in between; an update that would
 * take the hub past the bound is refused before anything of it is stored.
 */
export class HubQuota {
  private readonly used = new Map<string, { bytes: number; countedAt: number }>()

  constructor(
    private readonly db: Kysely<Database>,
    readonly maxBytes: number,
  ) {}

  /** Counts a hub's stored bytes unless counted recently. */
  async prime(hubId: string): Promise<void> {
    const known = this.used.get(hubId)
    if (known && Date.now() - known.countedAt < RECOUNT_AFTER_MS) return
    this.used.set(hubId, { bytes: await storedBytesOfHub(this.db, hubId), countedAt: Date.now() })
  }

  /** Whether `bytes` more still fit within the hub's bound. */
  fits(hubId: string, bytes: number): boolean {
    return (this.used.get(hubId)?.bytes ?? 0) + bytes <= this.maxBytes
  }

  add(hubId: string, bytes: number): void {
    const known = this.used.get(hubId)
    if (known) known.bytes += bytes
  }
}

/** Everything stored of a hub's documents (`hub/<hubId>/…`), in bytes. */
export async function storedBytesOfHub(db: Kysely<Database>, hubId: string): Promise<number> {
  const prefix = `hub/${hubId.replace(/[\\%_]/g, (c) => '\\' + c)}/%`
  const r = await sql<{ n: string | number | null }>`
    select
      (select coalesce(sum(octet_length(update)), 0) from doc_updates where doc like ${prefix}) +
      (select coalesce(sum(octet_length(state)), 0) from doc_snapshots where doc like ${prefix}) +
      (select coalesce(sum(octet_length(state)), 0) from doc_versions where doc like ${prefix}) as n`.execute(db)
  return Number(r.rows[0]?.n ?? 0)
}
