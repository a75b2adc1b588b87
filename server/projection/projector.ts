import { EventEmitter } from 'node:events'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Logger } from '../logger.js'
import type { Taxonomy } from '../../shared/taxonomy.js'
import { parseDocName } from '../../shared/doc-names.js'
import { docsBehind, projectDoc } from './project-doc.js'
import { liveDocsOf, type LiveDocs } from '../db/live-docs.js'

const RETRY_FIRST_MS = 2_000
const RETRY_MAX_MS = 5 * 60_000

/** Emitted after a document's projection is committed. */
export interface ProjectedEvent {
  doc: string
  seq: number
}

/** Hub logs and the text documents (briefs, notes) are projected in lanes of their own. */
type LaneName = 'log' | 'text'

interface Lane {
  /** Dirty documents whose debounce is over, in the order they came due. */
  due: Set<string>
  running: Promise<void>
}

const laneOf = (doc: string): LaneName => (parseDocName(doc)?.type === 'log' ? 'log' : 'text')

/**
 * Follows stored edits into the projection. Edits of a document within `debounceMs`
 * are projected once; per lane, one document is projected at a time per process (and each
 * document once at a time per database, by an advisory lock in projectDoc). Logs have their own
 * lane: the items everyone lists must not wait behind a hundred notes' search text (at 500
 * clients a log edit waited 3–11 s in one shared queue). A failure is logged and retried: the
 * documents stay the truth.
 */
export class Projector {
  readonly events = new EventEmitter()
  private readonly timers = new Map<string, NodeJS.Timeout>()
  /** Per brief or note waiting: when its first and its last unprojected edit were stored. */
  private readonly textEdits = new Map<string, { first: number; last: number }>()
  private readonly dirty = new Set<string>()
  private readonly lanes: Record<LaneName, Lane> = {
    log: { due: new Set(), running: Promise.resolve() },
    text: { due: new Set(), running: Promise.resolve() },
  }
  /** Documents whose projection failed, with how many times in a row. */
  private readonly failures = new Map<string, number>()
  private stopped = false
  /** This process's open rooms: briefs and notes are read there (see projectTextDoc). */
  private readonly live: LiveDocs
  private readonly unfollowRemote: () => void

  constructor(
    private readonly db: Kysely<Database>,
    private readonly taxonomy: Taxonomy,
    private readonly logger: Logger,
    private readonly debounceMs = 150,
    /**
     * Briefs and notes only feed search: they are projected once their edits pause this long, and
     * at the latest `textMaxWaitMs` after the first unprojected edit. Re-reading a document edited
     * without pause every second was most of the database's work under load (one state read and
     * one transaction per document per second, against one small INSERT per group commit).
     */
    private readonly textDebounceMs = 700,
    private readonly textMaxWaitMs = 5_000,
  ) {
    this.events.setMaxListeners(100)
    this.live = liveDocsOf(db)
    // A text read from the room before another process's update reached it may lack that update
    // while its seq is past it: once the room has it, the text is read again. Logs are read from
    // storage under their lock, never from the room: nothing to do for them.
    this.unfollowRemote = this.live.onRemoteApplied((doc) => {
      if (laneOf(doc) === 'text') this.schedule(doc)
    })
  }

  /** Projects what was stored while no projector ran (a crash, a seed, another version). */
  async catchUp(): Promise<number> {
    const behind = await docsBehind(this.db)
    for (const doc of behind) this.dirty.add(doc)
    await this.flush()
    return behind.length
  }

  /** A document changed: project it after the debounce. */
  schedule(doc: string): void {
    const name = this.stopped ? null : parseDocName(doc)
    if (!name) return
    this.dirty.add(doc)
    if (name.type === 'log') {
      // A log feeds the items everyone lists: projected within its short debounce however busy.
      if (!this.timers.has(doc)) this.arm(doc, this.debounceMs)
      return
    }
    const now = Date.now()
    const edits = this.textEdits.get(doc)
    if (edits) edits.last = now
    else this.textEdits.set(doc, { first: now, last: now })
    // One timer per projection, not per edit: when it fires it re-arms itself if edits went on.
    if (!this.timers.has(doc)) this.arm(doc, this.textDebounceMs)
  }

  private arm(doc: string, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(doc)
      const edits = this.textEdits.get(doc)
      if (edits) {
        const due = Math.min(edits.last + this.textDebounceMs, edits.first + this.textMaxWaitMs)
        if (due > Date.now() && !this.stopped) return this.arm(doc, due - Date.now())
        this.textEdits.delete(doc)
      }
      const lane = laneOf(doc)
      this.lanes[lane].due.add(doc)
      void this.projectDue(lane)
    }, ms)
    t.unref()
    this.timers.set(doc, t)
  }

  /** Projects every dirty document now; resolves when done (tests and shutdown wait on it). */
  async flush(): Promise<void> {
    for (const doc of this.dirty) this.lanes[laneOf(doc)].due.add(doc)
    await Promise.all([this.projectDue('log'), this.projectDue('text')])
  }

  /** Projects a lane's documents whose wait is over, one at a time; the others keep waiting. */
  private projectDue(name: LaneName): Promise<void> {
    const lane = this.lanes[name]
    lane.running = lane.running.then(async () => {
      while (lane.due.size > 0 && !this.stopped) {
        const [doc] = lane.due
        lane.due.delete(doc)
        if (!this.dirty.delete(doc)) continue
        this.textEdits.delete(doc)
        try {
          const seq = await projectDoc(this.db, doc, this.taxonomy, this.live)
          if (this.failures.delete(doc)) this.logger.info({ doc }, 'projection recovered')
          if (seq !== null) this.events.emit('projected', { doc, seq } satisfies ProjectedEvent)
        } catch (err) {
          // Flagged once, then retried ever less often: a document that cannot be projected must
          // not keep the projector (and the database) busy.
          const failures = (this.failures.get(doc) ?? 0) + 1
          this.failures.set(doc, failures)
          const retryMs = Math.min(RETRY_FIRST_MS * 2 ** (failures - 1), RETRY_MAX_MS)
          if (failures === 1) this.logger.warn({ err: (err as Error).message, doc, retryMs }, 'projection failed; retrying with backoff')
          else this.logger.debug({ err: (err as Error).message, doc, failures, retryMs }, 'projection failed again')
          setTimeout(() => this.schedule(doc), retryMs).unref()
        }
      }
    })
    return lane.running
  }

  /** Documents whose projection is failing now, with the number of failures in a row. */
  failing(): ReadonlyMap<string, number> {
    return this.failures
  }

  /**
   * Finishes the document being projected and stops. What is still dirty stays behind its cursor
   * and is projected by the next start's catch-up: a stop after a seed must not wait for hundreds.
   */
  async stop(): Promise<void> {
    this.stopped = true
    this.unfollowRemote()
    for (const t of this.timers.values()) clearTimeout(t)
    this.timers.clear()
    this.textEdits.clear()
    for (const lane of Object.values(this.lanes)) lane.due.clear()
    await Promise.all(Object.values(this.lanes).map((lane) => lane.running))
  }
}

/**
 * Rebuilds every projection from the stored documents (`npm run reproject`): the same code path
 * as the incremental projection, from empty tables.
 * @returns how many documents were projected
 */
export async function reprojectAll(db: Kysely<Database>, taxonomy: Taxonomy): Promise<number> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('items').execute()
    await trx.deleteFrom('doc_text').execute()
    await trx.deleteFrom('projection_cursors').execute()
  })
  const docs = await sql<{ doc: string }>`
    select doc from doc_updates union select doc from doc_snapshots order by doc`.execute(db)
  let projected = 0
  for (const { doc } of docs.rows) if ((await projectDoc(db, doc, taxonomy)) !== null) projected++
  return projected
}
