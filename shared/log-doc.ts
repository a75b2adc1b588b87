import * as Y from 'yjs'
import {
  byNewest,
  logMap,
  viewAction,
  viewExchange,
  type Action,
  type ActionStatus,
  type Exchange,
  type InputStatus,
  type LogItem,
  type LogKind,
} from './log-doc-view.js'
import { LOG_KINDS } from './item-statuses.js'
import type { ActionKind, Counterpart, Escalation, ExchangeType, StatusChangeView } from './records.js'

/**
 * THE typed helpers of the log document `hub/<hubId>/log` and `hub/<hubId>/log/hub`: the browser, the seed and
 * the projection read and write exchanges and actions through these; nothing else touches the
 * document's maps directly. Writes are one Yjs transaction each (one update on the wire).
 * Reading is tolerant (see log-doc-view.ts). History (snapshots, restores, diffs) is in
 * log-doc-history.ts, the third and last file allowed to touch the maps.
 */

export {
  ACTION_STATUSES,
  INPUT_STATUSES,
  VIEW_ID_CAP,
  VIEW_LIST_CAP,
  VIEW_TEXT_CAP,
  VIEW_TITLE_CAP,
} from './log-doc-view.js'
export type { Action, ActionStatus, Exchange, InputStatus, LogItem, LogKind } from './log-doc-view.js'

/** A value an extra key may hold (unknown keys are kept; lists become Y.Arrays). */
export type ExtraValue = string | number | boolean | null | string[]

/** Fields of a new exchange. */
export interface NewExchange {
  /** Given by the seed to keep the source's ids; otherwise generated. */
  id?: string
  title: string
  body?: string
  themes?: string[]
  forums?: string[]
  mission: string
  authorId: string
  /** ISO 8601; now when absent. */
  createdAt?: string
  crossCutting?: boolean
  missions?: string[]
  /** Structured fields: written only when given, so old-style entries stay as they were. */
  exchangeType?: ExchangeType | null
  counterparts?: Counterpart[]
  partnership?: string | null
  /** Cross-cutting entries only; the door lets only the hub's coordinators change it. */
  escalation?: Escalation | null
  /** Extra keys beyond the documented schema (e.g. `inputStatus`, `relatedHubs`), stored as given. */
  extra?: Record<string, ExtraValue>
}

/** Fields of a new action. */
export interface NewAction extends NewExchange {
  status?: ActionStatus
  due?: string | null
  /** Defaults to `mission`. */
  leadMission?: string | null
  /** ISO 8601; `createdAt` when absent (the seed gives the source's last status change). */
  updatedAt?: string
  actionKind?: ActionKind | null
  owner?: string | null
  ggProject?: string | null
  sourceExchange?: string | null
  outcome?: string | null
  dropReason?: string | null
  /** Only the server (the seed) writes it: the door refuses it from clients. */
  statusHistory?: StatusChangeView[]
}

/** What `updateItem` may change. Action-only fields are ignored on exchanges. */
export interface LogItemPatch {
  title?: string
  /** Replaces the body's text (as a minimal edit, so concurrent edits elsewhere in it survive). */
  body?: string
  themes?: string[]
  forums?: string[]
  crossCutting?: boolean
  status?: ActionStatus
  due?: string | null
  missions?: string[]
  leadMission?: string | null
  inputStatus?: InputStatus | null
  inputRequestedAt?: string | null
  inputProvidedAt?: string | null
  exchangeType?: ExchangeType | null
  counterparts?: Counterpart[]
  partnership?: string | null
  escalation?: Escalation | null
  actionKind?: ActionKind | null
  owner?: string | null
  ggProject?: string | null
  outcome?: string | null
  dropReason?: string | null
}

/** Patch fields → document keys (the action's kind is `kind` in the document). */
const PLAIN_KEYS = { exchangeType: 'type', partnership: 'partnership', escalation: 'escalation' } as const
const ACTION_KEYS = { actionKind: 'kind', owner: 'owner', ggProject: 'ggProject', outcome: 'outcome', dropReason: 'dropReason' } as const

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_'

/** A random url-safe id for a new entry (72 random bits; `ex-…` or `ac-…`). */
export function newItemId(kind: LogKind): string {
  const bytes = new Uint8Array(12)
  globalThis.crypto.getRandomValues(bytes)
  let s = ''
  for (const b of bytes) s += ID_ALPHABET[b & 63]
  return `${kind === 'exchange' ? 'ex' : 'ac'}-${s}`
}

/** Every exchange, newest first, invalid ones included and flagged. */
export function readExchanges(doc: Y.Doc): Exchange[] {
  return [...logMap(doc, 'exchange').entries()].map(([id, e]) => viewExchange(id, e)).sort(byNewest)
}

/** Every action, newest first, invalid ones included and flagged. */
export function readActions(doc: Y.Doc): Action[] {
  return [...logMap(doc, 'action').entries()].map(([id, e]) => viewAction(id, e)).sort(byNewest)
}

/** One entry by id (exchange or action), or null. */
export function readLogItem(doc: Y.Doc, id: string): LogItem | null {
  const ex = logMap(doc, 'exchange').get(id)
  if (ex !== undefined) return viewExchange(id, ex)
  const ac = logMap(doc, 'action').get(id)
  return ac !== undefined ? viewAction(id, ac) : null
}

function fill(entry: Y.Map<unknown>, id: string, input: NewExchange): void {
  for (const [k, v] of Object.entries(input.extra ?? {})) entry.set(k, Array.isArray(v) ? Y.Array.from(v) : v)
  entry.set('id', id)
  entry.set('title', input.title)
  entry.set('body', new Y.Text(input.body ?? ''))
  entry.set('themes', Y.Array.from(input.themes ?? []))
  entry.set('forums', Y.Array.from(input.forums ?? []))
  entry.set('mission', input.mission)
  entry.set('authorId', input.authorId)
  entry.set('createdAt', input.createdAt ?? new Date().toISOString())
  entry.set('crossCutting', input.crossCutting ?? false)
  entry.set('missions', Y.Array.from(input.missions ?? []))
  if (input.exchangeType != null) entry.set('type', input.exchangeType)
  if (input.counterparts) entry.set('counterparts', Y.Array.from(input.counterparts))
  if (input.partnership != null) entry.set('partnership', input.partnership)
  if (input.escalation != null) entry.set('escalation', input.escalation)
}

/** Adds an exchange in one transaction. @returns its id */
export function createExchange(doc: Y.Doc, input: NewExchange): string {
  const id = input.id ?? newItemId('exchange')
  doc.transact(() => {
    const entry = new Y.Map<unknown>()
    logMap(doc, 'exchange').set(id, entry)
    fill(entry, id, input)
  })
  return id
}

/** Adds an action in one transaction; `updatedAt` starts as `createdAt`. @returns its id */
export function createAction(doc: Y.Doc, input: NewAction): string {
  const id = input.id ?? newItemId('action')
  const createdAt = input.createdAt ?? new Date().toISOString()
  doc.transact(() => {
    const entry = new Y.Map<unknown>()
    logMap(doc, 'action').set(id, entry)
    fill(entry, id, { ...input, createdAt })
    entry.set('status', input.status ?? 'planned')
    entry.set('due', input.due ?? null)
    entry.set('leadMission', input.leadMission ?? input.mission)
    entry.set('updatedAt', input.updatedAt ?? createdAt)
    const fields = { kind: input.actionKind, owner: input.owner, ggProject: input.ggProject, sourceExchange: input.sourceExchange, outcome: input.outcome, dropReason: input.dropReason }
    for (const [k, v] of Object.entries(fields)) if (v != null) entry.set(k, v)
    if (input.statusHistory?.length) entry.set('statusHistory', Y.Array.from(input.statusHistory.map((c) => ({ ...c }))))
  })
  return id
}

/** Replaces a list's values; edits the existing Y.Array so the entry map's key is not rewritten. */
function setList(entry: Y.Map<unknown>, key: string, values: string[]): void {
  const current = entry.get(key)
  if (!(current instanceof Y.Array)) {
    entry.set(key, Y.Array.from(values))
    return
  }
  const old = current.toArray()
  if (old.length === values.length && old.every((v, i) => v === values[i])) return
  current.delete(0, current.length)
  current.insert(0, values)
}

/**
 * Replaces a Y.Text's content with the smallest edit (common prefix and suffix kept), so
 * concurrent edits elsewhere in it survive. Exported for log-doc-history.ts.
 */
export function setText(entry: Y.Map<unknown>, key: string, value: string): void {
  const current = entry.get(key)
  if (!(current instanceof Y.Text)) {
    entry.set(key, new Y.Text(value))
    return
  }
  const old = current.toString()
  let start = 0
  while (start < old.length && start < value.length && old[start] === value[start]) start++
  let end = 0
  while (end < old.length - start && end < value.length - start && old[old.length - 1 - end] === value[value.length - 1 - end]) end++
  if (old.length - start - end > 0) current.delete(start, old.length - start - end)
  if (value.length - start - end > 0) current.insert(start, value.slice(start, value.length - end))
}

/**
 * Changes an entry's fields in one transaction; on an action it also sets `updatedAt`, and
 * `completedAt` when the status becomes `done`.
 * @returns false when no entry has this id (e.g. deleted meanwhile by someone else)
 */
export function updateItem(doc: Y.Doc, id: string, patch: LogItemPatch, now = new Date()): boolean {
  const isAction = logMap(doc, 'action').has(id)
  const entry = logMap(doc, isAction ? 'action' : 'exchange').get(id)
  if (!(entry instanceof Y.Map)) return false
  doc.transact(() => {
    if (patch.title !== undefined) entry.set('title', patch.title)
    if (patch.body !== undefined) setText(entry, 'body', patch.body)
    if (patch.themes) setList(entry, 'themes', patch.themes)
    if (patch.forums) setList(entry, 'forums', patch.forums)
    if (patch.missions) setList(entry, 'missions', patch.missions)
    if (patch.crossCutting !== undefined) entry.set('crossCutting', patch.crossCutting)
    for (const key of ['inputStatus', 'inputRequestedAt', 'inputProvidedAt'] as const) {
      if (patch[key] !== undefined) entry.set(key, patch[key])
    }
    if (patch.counterparts) setList(entry, 'counterparts', patch.counterparts)
    for (const [field, key] of Object.entries(PLAIN_KEYS) as [keyof typeof PLAIN_KEYS, string][]) {
      if (patch[field] !== undefined && entry.get(key) !== patch[field]) entry.set(key, patch[field])
    }
    if (!isAction) return
    for (const [field, key] of Object.entries(ACTION_KEYS) as [keyof typeof ACTION_KEYS, string][]) {
      if (patch[field] !== undefined && entry.get(key) !== patch[field]) entry.set(key, patch[field])
    }
    if (patch.status !== undefined && patch.status !== entry.get('status')) {
      // `completedAt` (extra key) dates the roll-up's "done in the period".
      if (patch.status === 'done') entry.set('completedAt', now.toISOString().slice(0, 10))
      else if (entry.get('status') === 'done') entry.set('completedAt', null)
      entry.set('status', patch.status)
    }
    if (patch.due !== undefined) entry.set('due', patch.due)
    if (patch.leadMission !== undefined) entry.set('leadMission', patch.leadMission)
    entry.set('updatedAt', now.toISOString())
  })
  return true
}

/** One status change of an action, as the server records it. */
export interface StatusChangeRecord {
  at: string
  by: string
  from: string | null
  to: string
}

/**
 * Appends to an action's `statusHistory` (the server's own write, after it stored the change).
 * @returns false when no action has this id
 */
export function appendStatusHistory(doc: Y.Doc, id: string, change: StatusChangeRecord): boolean {
  const entry = logMap(doc, 'action').get(id)
  if (!(entry instanceof Y.Map)) return false
  doc.transact(() => {
    const history = entry.get('statusHistory')
    if (history instanceof Y.Array) history.push([{ ...change }])
    else entry.set('statusHistory', Y.Array.from([{ ...change }]))
  })
  return true
}

/**
 * Sets an entry's `scope` key (the server's own write: a client may not change it).
 * @returns false when no entry has this id
 */
export function setEntryScope(doc: Y.Doc, id: string, scope: 'hub' | 'hq' | 'network'): boolean {
  for (const kind of ['exchange', 'action'] as const) {
    const entry = logMap(doc, kind).get(id)
    if (entry instanceof Y.Map) {
      if (entry.get('scope') !== scope) entry.set('scope', scope)
      return true
    }
  }
  return false
}

/** Removes an entry. @returns false when no entry has this id */
export function deleteItem(doc: Y.Doc, id: string): boolean {
  for (const kind of LOG_KINDS) {
    const map = logMap(doc, kind)
    if (map.has(id)) {
      map.delete(id)
      return true
    }
  }
  return false
}

/** Calls `cb` after any change to the log, local or remote (deep). @returns unsubscribe */
export function observeLog(doc: Y.Doc, cb: () => void): () => void {
  const maps = [logMap(doc, 'exchange'), logMap(doc, 'action')]
  const handler = () => cb()
  for (const m of maps) m.observeDeep(handler)
  return () => {
    for (const m of maps) m.unobserveDeep(handler)
  }
}

