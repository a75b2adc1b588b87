import { EventEmitter } from 'node:events'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { CollabServer } from '../collab/collab-server.js'
import type { DocName } from '../../shared/doc-names.js'
import type { LogKind } from '../../shared/log-doc.js'
import { LOG_KINDS } from '../../shared/item-statuses.js'
import { diffLogSnapshots, logEntryIds, readEntryFields } from '../../shared/log-doc-history.js'
import { docOf, logSnapshotOf, splitKey, withoutEntries } from './log-states.js'
import type { VersionDiffView } from '../../shared/schemas/history-views.js'
import { refusalError, runHeavy } from '../cpu/cpu-pool.js'
import { NotFoundError } from '../errors.js'
import { restoreLexicalContent } from './lexical-restore.js'
import { everyonesNames } from '../mentions/mention-names.js'
import { restoreLogContent, restoreLogEntry } from './log-restore.js'

/**
 * Version history of documents: list, preview, diff and restore versions, and
 * find and bring back deleted log entries. Restores are ordinary edits applied through the sync
 * server (persisted before relay, attributed to the restoring user), so everyone connected sees
 * them live and nothing is rolled back behind anyone's back. Knows nothing of HTTP.
 *
 * Events (`history.events`), for the audit trail and anyone else who wants them:
 * - `'restored'` {@link RestoredEvent}: a whole version was restored;
 * - `'entry-restored'` {@link EntryRestoredEvent}: one deleted log entry was brought back.
 */

/** A stored version with its editors' names (server/api/present/history.ts makes it a view). */
export interface VersionRow {
  id: number
  created_at: Date
  reason: string
  editors: { id: string; name: string }[]
}

/** A version with its content: plain text (or the log as JSON) and the Yjs state. */
export interface VersionContentRow extends VersionRow {
  text: string
  state: Uint8Array
}

/** A log entry found in a version but no longer in the live log. */
export interface DeletedEntryRow {
  kind: LogKind
  id: string
  title: string
  /** The newest version holding it. */
  version_id: number
  version_created_at: Date
}

/** How the live document differs from a version: computed, not stored, so already in its API shape. */
export type VersionDiff = VersionDiffView

/** Emitted as `'restored'` after a whole version was restored (for the audit trail). */
export interface RestoredEvent {
  doc: string
  versionId: number
  /** The version holding the state the restore replaced. */
  beforeVersionId: number
  userId: string
  at: string
}

/** Emitted as `'entry-restored'` after one deleted log entry was brought back. */
export interface EntryRestoredEvent {
  doc: string
  kind: LogKind
  entryId: string
  versionId: number
  userId: string
  at: string
}

/** How many versions, newest first, a search for deleted entries looks through. */
const DELETED_SCAN_LIMIT = 2_000
const SCAN_PAGE = 20
/** How many versions' entry keys are kept in memory. */
const KEY_CACHE_VERSIONS = 20_000

/** History of documents over the stored versions and the live rooms of `collab`. */
export class HistoryService {
  readonly events = new EventEmitter()
  /** Version id → its log entry keys; versions are immutable (see versionEntryKeys). */
  private readonly keyCache = new Map<number, string[]>()

  constructor(
    private readonly db: Kysely<Database>,
    private readonly collab: CollabServer,
  ) {}

  /** The document's versions, newest first. */
  async list(doc: DocName): Promise<VersionRow[]> {
    const rows = await this.db
      .selectFrom('doc_versions')
      .select(['id', 'created_at', 'reason', 'editors'])
      .where('doc', '=', doc.name)
      .orderBy('id', 'desc')
      .execute()
    const names = await this.editorNames(rows.flatMap((r) => r.editors))
    return rows.map((r) => ({
      id: r.id,
      created_at: r.created_at,
      reason: r.reason,
      editors: r.editors.map((id) => ({ id, name: names.get(id) ?? 'unknown user' })),
    }))
  }

  /** One version with its text and state. @throws NotFoundError */
  async get(doc: DocName, id: number): Promise<VersionContentRow> {
    const row = await this.versionRow(doc, id)
    const names = await this.editorNames(row.editors)
    return {
      id: row.id,
      created_at: row.created_at,
      reason: row.reason,
      editors: row.editors.map((e) => ({ id: e, name: names.get(e) ?? 'unknown user' })),
      ...(await this.readable(doc, new Uint8Array(row.state))),
    }
  }

  /**
   * A version's text and state as they may be shown: without the entries that have since moved to
   * the hub's other log document. A shared log's history must not show HQ an entry now kept among
   * the hub's missions; those entries live on, with their own history, in the other document.
   */
  private async readable(doc: DocName, state: Uint8Array): Promise<{ text: string; state: Uint8Array }> {
    if (doc.type !== 'log') return { text: await this.textOf(doc, state), state }
    const moved = await this.movedAway(doc)
    const kept = withoutEntries(state, moved)
    return { text: JSON.stringify(logSnapshotOf(kept)), state: kept }
  }

  /** Entry ids of the hub's entries that live in its other log document now. */
  private async movedAway(doc: DocName): Promise<Set<string>> {
    if (doc.type !== 'log') return new Set()
    const rows = await this.db
      .selectFrom('items')
      .select('entry_id')
      .where('hub_id', '=', doc.hubId)
      .where('scope', doc.hubOnly ? '<>' : '=', 'hub')
      .execute()
    return new Set(rows.map((r) => r.entry_id))
  }

  /** How the live document differs from a version. @throws NotFoundError */
  async diff(doc: DocName, id: number): Promise<VersionDiff> {
    const row = await this.versionRow(doc, id)
    const current = await this.collab.currentState(doc.name)
    if (doc.type === 'log') {
      const moved = await this.movedAway(doc)
      return { kind: 'log', ...diffLogSnapshots(logSnapshotOf(withoutEntries(new Uint8Array(row.state), moved)), logSnapshotOf(withoutEntries(current, moved))) }
    }
    // Word diff is quadratic in the worst case: on the worker, within the diff's caps.
    const segments = await runHeavy('textDiff', { before: new Uint8Array(row.state), after: current, names: await everyonesNames(this.db) })
    if (!Array.isArray(segments)) throw refusalError(segments)
    return { kind: 'text', segments }
  }

  /**
   * Restores a version as a new edit by `userId`. The state it replaces is kept as a version
   * first ('before restore'), so a restore can itself be undone by restoring that one. Resolves
   * once the edit is durable and applied to the live document.
   */
  async restore(doc: DocName, id: number, userId: string): Promise<{ beforeVersionId: number; restoredVersionId: number }> {
    const row = await this.versionRow(doc, id)
    const beforeVersionId = await this.collab.forceVersion(doc.name, 'before restore')
    // Entries moved to the other log document since stay there: a restore never brings them back here.
    const target = doc.type === 'log' ? withoutEntries(new Uint8Array(row.state), await this.movedAway(doc)) : new Uint8Array(row.state)
    await this.collab.editDoc(doc.name, { id: userId }, (live) =>
      doc.type === 'log' ? restoreLogContent(live, target) : restoreLexicalContent(live, target),
    )
    const restoredVersionId = await this.collab.forceVersion(doc.name, `restored version ${id}`)
    this.events.emit('restored', {
      doc: doc.name,
      versionId: id,
      beforeVersionId,
      userId,
      at: new Date().toISOString(),
    } satisfies RestoredEvent)
    return { beforeVersionId, restoredVersionId }
  }

  /** Log entries found in versions but not in the live log, each with the newest version holding it. */
  async deletedEntries(doc: DocName): Promise<DeletedEntryRow[]> {
    const liveDoc = docOf(await this.collab.currentState(doc.name))
    const live = new Set(KINDS.flatMap((kind) => logEntryIds(liveDoc, kind).map((id) => `${kind}/${id}`)))
    liveDoc.destroy()
    // Moved to the other log document is not deleted.
    for (const id of await this.movedAway(doc)) for (const kind of KINDS) live.add(`${kind}/${id}`)
    const found = new Map<string, { kind: LogKind; id: string; versionId: number; createdAt: Date }>()
    for (const v of await this.versionEntryKeys(doc)) {
      for (const key of v.keys) {
        if (live.has(key) || found.has(key)) continue
        const [kind, id] = splitKey(key)
        found.set(key, { kind, id, versionId: v.id, createdAt: v.createdAt })
      }
    }
    // Titles come from the versions that hold the entries: usually a handful of states to read.
    const titles = new Map<string, string>()
    for (const versionId of new Set([...found.values()].map((f) => f.versionId))) {
      const version = docOf((await this.versionRow(doc, versionId)).state)
      for (const f of found.values()) {
        if (f.versionId !== versionId) continue
        const title = readEntryFields(version, f.kind, f.id)?.title
        titles.set(`${f.kind}/${f.id}`, typeof title === 'string' ? title : '')
      }
      version.destroy()
    }
    return [...found.entries()].map(([key, f]) => ({
      kind: f.kind,
      id: f.id,
      title: titles.get(key) ?? '',
      version_id: f.versionId,
      version_created_at: f.createdAt,
    }))
  }

  /**
   * Brings back one deleted log entry from the newest version holding it, touching nothing else.
   * @throws NotFoundError when no version holds it
   */
  async restoreEntry(doc: DocName, kind: LogKind, entryId: string, userId: string): Promise<{ versionId: number }> {
    const key = `${kind}/${entryId}`
    if ((await this.movedAway(doc)).has(entryId)) throw new NotFoundError(`${kind} ${entryId} among this document's deleted entries`)
    const holder = (await this.versionEntryKeys(doc)).find((v) => v.keys.includes(key))
    if (!holder) throw new NotFoundError(`${kind} ${entryId} in this document's history`)
    const source = new Uint8Array((await this.versionRow(doc, holder.id)).state)
    await this.collab.editDoc(doc.name, { id: userId }, (live) => restoreLogEntry(live, source, kind, entryId))
    this.events.emit('entry-restored', {
      doc: doc.name,
      kind,
      entryId,
      versionId: holder.id,
      userId,
      at: new Date().toISOString(),
    } satisfies EntryRestoredEvent)
    return { versionId: holder.id }
  }

  /**
   * The entry keys (`kind/id`) of a log's newest versions, newest first. Versions never change,
   * so each one's keys are read from its state once and kept (bounded); reading every state is
   * what makes a search through history slow.
   */
  private async versionEntryKeys(doc: DocName): Promise<{ id: number; createdAt: Date; keys: string[] }[]> {
    const rows = await this.db
      .selectFrom('doc_versions')
      .select(['id', 'created_at'])
      .where('doc', '=', doc.name)
      .orderBy('id', 'desc')
      .limit(DELETED_SCAN_LIMIT)
      .execute()
    const missing = rows.map((r) => r.id).filter((id) => !this.keyCache.has(id))
    for (let i = 0; i < missing.length; i += SCAN_PAGE) {
      const page = await this.db
        .selectFrom('doc_versions')
        .select(['id', 'state'])
        .where('doc', '=', doc.name)
        .where('id', 'in', missing.slice(i, i + SCAN_PAGE))
        .execute()
      // Reading thousands of states is CPU work: on the worker, a page at a time.
      const keys = await runHeavy('logKeys', page.map((row) => new Uint8Array(row.state)))
      page.forEach((row, j) => this.remember(row.id, keys[j]!))
    }
    return rows.map((r) => ({ id: r.id, createdAt: r.created_at, keys: this.keyCache.get(r.id) ?? [] }))
  }

  private remember(versionId: number, keys: string[]): void {
    this.keyCache.set(versionId, keys)
    if (this.keyCache.size > KEY_CACHE_VERSIONS) this.keyCache.delete(this.keyCache.keys().next().value!)
  }

  private async versionRow(doc: DocName, id: number) {
    const row = await this.db
      .selectFrom('doc_versions')
      .select(['id', 'created_at', 'reason', 'editors', 'state'])
      .where('doc', '=', doc.name)
      .where('id', '=', id)
      .executeTakeFirst()
    if (!row) throw new NotFoundError('version')
    return row
  }

  private async textOf(doc: DocName, state: Uint8Array): Promise<string> {
    if (doc.type === 'log') return JSON.stringify(logSnapshotOf(state))
    return runHeavy('lexicalText', new Uint8Array(state))
  }

  private async editorNames(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)]
    if (unique.length === 0) return new Map()
    const rows = await this.db.selectFrom('users').select(['id', 'name']).where('id', 'in', unique).execute()
    return new Map(rows.map((r) => [r.id, r.name]))
  }
}

const KINDS = LOG_KINDS
