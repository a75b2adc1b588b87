import * as Y from 'yjs'

/**
 * Typed read/write of the log document `hub/<hubId>/log` (CONTRACT §6). The browser, the seed and
 * the projection go through these helpers; nothing else touches the log's maps directly.
 * Reading is tolerant: unknown keys are kept and ignored, and an entry with a missing or invalid
 * field is still returned, with the problem named in `issues`, never thrown.
 */

export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]
export type LogKind = 'exchange' | 'action'

/** Longest text a view carries; longer content stays in the document and is flagged. */
export const VIEW_TEXT_CAP = 100_000
const VIEW_ID_CAP = 200

/** An information exchange as read from the log. */
export interface Exchange {
  kind: 'exchange'
  id: string
  title: string
  body: string
  themes: string[]
  forums: string[]
  mission: string
  authorId: string
  createdAt: string
  crossCutting: boolean
  /** Extra keys the seed and later features use (input requests, related hubs). */
  inputStatus: string | null
  inputRequestedAt: string | null
  relatedHubs: string[]
  /** Missions taking part (actions: CONTRACT §6; exchanges: an extra key, may be empty). */
  missions: string[]
  /** Fields that are missing or invalid: the entry needs attention. */
  issues: string[]
}

/** An action of the action log. */
export interface Action extends Omit<Exchange, 'kind'> {
  kind: 'action'
  status: ActionStatus | null
  due: string | null
  leadMission: string | null
  updatedAt: string
}

export type LogItem = Exchange | Action

/** Fields a new exchange needs. */
export interface NewExchange {
  id?: string
  missions?: string[]
  title: string
  body?: string
  themes?: string[]
  forums?: string[]
  mission: string
  authorId: string
  createdAt?: string
  crossCutting?: boolean
  extra?: Record<string, string | number | boolean | null | string[]>
}

/** Fields a new action needs. */
export interface NewAction extends NewExchange {
  status?: ActionStatus
  due?: string | null
  missions?: string[]
  leadMission?: string | null
}

/** What `updateItem` may change. */
export interface LogItemPatch {
  title?: string
  body?: string
  themes?: string[]
  forums?: string[]
  crossCutting?: boolean
  status?: ActionStatus
  due?: string | null
  missions?: string[]
  leadMission?: string | null
  inputStatus?: string | null
  inputRequestedAt?: string | null
  inputRequestedBy?: string | null
}

const mapOf = (doc: Y.Doc, kind: LogKind) => doc.getMap<Y.Map<unknown>>(kind === 'exchange' ? 'exchanges' : 'actions')
const DATE = /^\d{4}-\d{2}-\d{2}$/
const isIsoTime = (v: string) => !Number.isNaN(Date.parse(v))

/** A random url-safe id for a new entry. */
export function newItemId(kind: LogKind): string {
  const bytes = new Uint8Array(9)
  globalThis.crypto.getRandomValues(bytes)
  let s = ''
  for (const b of bytes) s += 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_'[b & 63]
  return `${kind === 'exchange' ? 'ex' : 'ac'}-${s}`
}

function readString(entry: Y.Map<unknown>, key: string, issues: string[], opts: { required?: boolean; cap?: number } = {}): string {
  const v = entry.get(key)
  if (v === undefined || v === null) {
    if (opts.required !== false) issues.push(`${key}: missing`)
    return ''
  }
  const s = v instanceof Y.Text ? v.toString() : typeof v === 'string' ? v : null
  if (s === null) {
    issues.push(`${key}: not text`)
    return ''
  }
  const cap = opts.cap ?? VIEW_TEXT_CAP
  if (s.length > cap) {
    issues.push(`${key}: longer than ${cap} characters`)
    return s.slice(0, cap)
  }
  return s
}

function readStrings(entry: Y.Map<unknown>, key: string, issues: string[], required = true): string[] {
  const v = entry.get(key)
  if (v === undefined || v === null) {
    if (required) issues.push(`${key}: missing`)
    return []
  }
  const arr = v instanceof Y.Array ? v.toArray() : Array.isArray(v) ? v : null
  if (!arr) {
    issues.push(`${key}: not a list`)
    return []
  }
  const ok = arr.filter((x): x is string => typeof x === 'string' && x.length <= VIEW_ID_CAP)
  if (ok.length !== arr.length) issues.push(`${key}: has invalid values`)
  return ok.slice(0, 200)
}

function readBase(id: string, entry: Y.Map<unknown>, issues: string[]) {
  const storedId = entry.get('id')
  if (storedId !== id) issues.push('id: does not match the entry key')
  const createdAt = readString(entry, 'createdAt', issues, { cap: 40 })
  if (createdAt && !isIsoTime(createdAt)) issues.push('createdAt: not a date')
  const cross = entry.get('crossCutting')
  if (cross !== undefined && typeof cross !== 'boolean') issues.push('crossCutting: not a boolean')
  const inputStatus = entry.get('inputStatus')
  const inputRequestedAt = entry.get('inputRequestedAt')
  return {
    id,
    title: readString(entry, 'title', issues, { cap: 2_000 }),
    body: readString(entry, 'body', issues, { required: false }),
    themes: readStrings(entry, 'themes', issues),
    forums: readStrings(entry, 'forums', issues, false),
    mission: readString(entry, 'mission', issues, { cap: 10 }),
    authorId: readString(entry, 'authorId', issues, { cap: VIEW_ID_CAP }),
    createdAt: createdAt && isIsoTime(createdAt) ? createdAt : '',
    crossCutting: cross === true,
    inputStatus: typeof inputStatus === 'string' ? inputStatus.slice(0, 40) : null,
    inputRequestedAt: typeof inputRequestedAt === 'string' && isIsoTime(inputRequestedAt) ? inputRequestedAt : null,
    relatedHubs: readStrings(entry, 'relatedHubs', issues, false),
    missions: readStrings(entry, 'missions', issues, false),
    issues,
  }
}

function readExchange(id: string, entry: unknown): Exchange {
  if (!(entry instanceof Y.Map)) return { ...emptyBase(id), kind: 'exchange', issues: ['entry: not a map'] }
  return { kind: 'exchange', ...readBase(id, entry, []) }
}

function readAction(id: string, entry: unknown): Action {
  if (!(entry instanceof Y.Map)) {
    return { ...emptyBase(id), kind: 'action', status: null, due: null, leadMission: null, updatedAt: '', issues: ['entry: not a map'] }
  }
  const issues: string[] = []
  const base = readBase(id, entry, issues)
  const status = entry.get('status')
  const validStatus = (ACTION_STATUSES as readonly unknown[]).includes(status) ? (status as ActionStatus) : null
  if (!validStatus) issues.push('status: missing or invalid')
  const due = entry.get('due')
  const validDue = typeof due === 'string' && DATE.test(due) ? due : null
  if (due !== undefined && due !== null && !validDue) issues.push('due: not a YYYY-MM-DD date')
  const lead = entry.get('leadMission')
  const updatedAt = entry.get('updatedAt')
  return {
    kind: 'action',
    ...base,
    status: validStatus,
    due: validDue,
    leadMission: typeof lead === 'string' ? lead.slice(0, 10) : null,
    updatedAt: typeof updatedAt === 'string' && isIsoTime(updatedAt) ? updatedAt : base.createdAt,
  }
}

function emptyBase(id: string) {
  return {
    id, title: '', body: '', themes: [], forums: [], mission: '', authorId: '', createdAt: '',
    crossCutting: false, inputStatus: null, inputRequestedAt: null, relatedHubs: [], missions: [],
  }
}

const byNewest = (a: LogItem, b: LogItem) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id.localeCompare(b.id))

/** Every exchange, newest first. */
export function readExchanges(doc: Y.Doc): Exchange[] {
  return [...mapOf(doc, 'exchange').entries()].map(([id, e]) => readExchange(id, e)).sort(byNewest)
}

/** Every action, newest first. */
export function readActions(doc: Y.Doc): Action[] {
  return [...mapOf(doc, 'action').entries()].map(([id, e]) => readAction(id, e)).sort(byNewest) as Action[]
}

/** One entry by id, or null. */
export function readLogItem(doc: Y.Doc, id: string): LogItem | null {
  const ex = mapOf(doc, 'exchange').get(id)
  if (ex !== undefined) return readExchange(id, ex)
  const ac = mapOf(doc, 'action').get(id)
  return ac !== undefined ? readAction(id, ac) : null
}

function fill(entry: Y.Map<unknown>, id: string, input: NewExchange): void {
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
  for (const [k, v] of Object.entries(input.extra ?? {})) entry.set(k, Array.isArray(v) ? Y.Array.from(v) : v)
}

/** Adds an exchange in one transaction. @returns its id */
export function createExchange(doc: Y.Doc, input: NewExchange): string {
  const id = input.id ?? newItemId('exchange')
  doc.transact(() => {
    const entry = new Y.Map<unknown>()
    mapOf(doc, 'exchange').set(id, entry)
    fill(entry, id, input)
  })
  return id
}

/** Adds an action in one transaction. @returns its id */
export function createAction(doc: Y.Doc, input: NewAction): string {
  const id = input.id ?? newItemId('action')
  doc.transact(() => {
    const entry = new Y.Map<unknown>()
    mapOf(doc, 'action').set(id, entry)
    fill(entry, id, input)
    entry.set('status', input.status ?? 'planned')
    entry.set('due', input.due ?? null)
    entry.set('leadMission', input.leadMission ?? input.mission)
    entry.set('updatedAt', input.createdAt ?? new Date().toISOString())
  })
  return id
}

function replaceArray(entry: Y.Map<unknown>, key: string, values: string[]): void {
  const current = entry.get(key)
  if (current instanceof Y.Array) {
    current.delete(0, current.length)
    current.insert(0, values)
  } else {
    entry.set(key, Y.Array.from(values))
  }
}

/**
 * Changes an entry's fields in one transaction. The body is edited in place (a minimal text
 * change) so concurrent edits of other parts of it survive.
 * @returns false when no entry has this id
 */
export function updateItem(doc: Y.Doc, id: string, patch: LogItemPatch, now = new Date()): boolean {
  const isAction = mapOf(doc, 'action').has(id)
  const entry = (isAction ? mapOf(doc, 'action') : mapOf(doc, 'exchange')).get(id)
  if (!(entry instanceof Y.Map)) return false
  doc.transact(() => {
    if (patch.title !== undefined) entry.set('title', patch.title)
    if (patch.body !== undefined) setText(entry, 'body', patch.body)
    if (patch.themes) replaceArray(entry, 'themes', patch.themes)
    if (patch.forums) replaceArray(entry, 'forums', patch.forums)
    if (patch.crossCutting !== undefined) entry.set('crossCutting', patch.crossCutting)
    if (patch.missions) replaceArray(entry, 'missions', patch.missions)
    for (const key of ['inputStatus', 'inputRequestedAt', 'inputRequestedBy'] as const) {
      if (patch[key] !== undefined) entry.set(key, patch[key])
    }
    if (isAction) {
      if (patch.status !== undefined) entry.set('status', patch.status)
      if (patch.due !== undefined) entry.set('due', patch.due)
      if (patch.leadMission !== undefined) entry.set('leadMission', patch.leadMission)
      entry.set('updatedAt', now.toISOString())
    }
  })
  return true
}

function setText(entry: Y.Map<unknown>, key: string, value: string): void {
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
  current.delete(start, old.length - start - end)
  current.insert(start, value.slice(start, value.length - end))
}

/** Removes an entry. @returns false when no entry has this id */
export function deleteItem(doc: Y.Doc, id: string): boolean {
  for (const kind of ['exchange', 'action'] as const) {
    if (mapOf(doc, kind).has(id)) {
      mapOf(doc, kind).delete(id)
      return true
    }
  }
  return false
}

/** Calls `cb` after any change to the log. @returns unsubscribe */
export function observeLog(doc: Y.Doc, cb: () => void): () => void {
  const ex = mapOf(doc, 'exchange')
  const ac = mapOf(doc, 'action')
  const handler = () => cb()
  ex.observeDeep(handler)
  ac.observeDeep(handler)
  return () => {
    ex.unobserveDeep(handler)
    ac.unobserveDeep(handler)
  }
}
