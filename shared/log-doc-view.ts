import * as Y from 'yjs'
import { SCOPES, type Scope } from './scopes.js'
import { ACTION_STATUSES, INPUT_STATUSES, type ActionStatus, type InputStatus, type LogKind } from './item-statuses.js'

/**
 * Reading the log document `hub/<hubId>/log` (and `…/log/hub`) into plain views. Tolerant by design:
 * the document is edited by many clients, so an entry with a missing or wrongly typed field is
 * still returned, with each problem named in `issues` (shown as "needs attention"), never thrown;
 * unknown keys are ignored; overlong text is cut in the VIEW only (the document keeps it).
 * Import through shared/log-doc.ts.
 */

export { ACTION_STATUSES, INPUT_STATUSES }
export type { ActionStatus, InputStatus, LogKind }

/** Longest body a view carries; longer content stays in the document and is flagged. */
export const VIEW_TEXT_CAP = 100_000
/** Longest title a view carries. */
export const VIEW_TITLE_CAP = 2_000
/** Longest id or code a view carries (ids, mission codes, theme ids). */
export const VIEW_ID_CAP = 200
/** Most values a list (themes, forums, missions, related hubs) carries in a view. */
export const VIEW_LIST_CAP = 200

/** An information exchange as read from the log. */
export interface Exchange {
  kind: 'exchange'
  id: string
  title: string
  body: string
  themes: string[]
  forums: string[]
  /** The author's mission code (`EU` or an ISO 3166-1 alpha-2 code). */
  mission: string
  authorId: string
  /** ISO 8601 instant, '' when missing or invalid (then flagged). */
  createdAt: string
  crossCutting: boolean
  /** Missions taking part (actions: part of the schema; exchanges: extra key, may be empty). */
  missions: string[]
  /** Extra keys of cross-cutting items (see the seed's report): the cyber board reads them. */
  inputStatus: InputStatus | null
  inputRequestedAt: string | null
  inputProvidedAt: string | null
  relatedHubs: string[]
  /**
   * Extra key: ids of the log entries a cross-cutting item is about. Such an item is a thread over
   * those entries, so roll-ups count the entries, not the item again.
   */
  linkedItems: string[]
  /** The `scope` key as written (`hq` or `network` in the shared log); null when absent. Where an entry lives decides `hub`. */
  scope: Scope | null
  /** Fields that are missing or invalid: the entry needs attention. Empty when all is well. */
  issues: string[]
}

/** An action of the action log. */
export interface Action extends Omit<Exchange, 'kind'> {
  kind: 'action'
  status: ActionStatus | null
  due: string | null
  /** Extra key: the mission leading the action (falls back to `mission` when absent). */
  leadMission: string | null
  /** Extra key: the day the action was done (`YYYY-MM-DD`), when known. */
  completedAt: string | null
  /** ISO instant of the last change; `createdAt` when missing. */
  updatedAt: string
}

export type LogItem = Exchange | Action

/** The two maps of the log document. */
export const logMap = (doc: Y.Doc, kind: LogKind) =>
  doc.getMap<unknown>(kind === 'exchange' ? 'exchanges' : 'actions')

const DAY = /^\d{4}-\d{2}-\d{2}$/
const isInstant = (v: string) => v.length <= 40 && !Number.isNaN(Date.parse(v))

/** A required or optional text field (plain string or Y.Text), capped in the view. */
function text(e: Y.Map<unknown>, key: string, issues: string[], cap: number, required = true): string {
  const v = e.get(key)
  if (v === undefined || v === null) {
    if (required) issues.push(`${key}: missing`)
    return ''
  }
  const s = v instanceof Y.Text ? v.toString() : typeof v === 'string' ? v : null
  if (s === null) {
    issues.push(`${key}: not text`)
    return ''
  }
  if (s.length > cap) {
    issues.push(`${key}: longer than ${cap} characters`)
    return s.slice(0, cap)
  }
  return s
}

/** A list of short strings (Y.Array or plain array). */
function list(e: Y.Map<unknown>, key: string, issues: string[], required = true): string[] {
  const v = e.get(key)
  if (v === undefined || v === null) {
    if (required) issues.push(`${key}: missing`)
    return []
  }
  const arr = v instanceof Y.Array ? v.toArray() : Array.isArray(v) ? v : null
  if (!arr) {
    issues.push(`${key}: not a list`)
    return []
  }
  const ok = arr.filter((x): x is string => typeof x === 'string' && x.length > 0 && x.length <= VIEW_ID_CAP)
  if (ok.length !== arr.length) issues.push(`${key}: has invalid values`)
  if (ok.length > VIEW_LIST_CAP) issues.push(`${key}: more than ${VIEW_LIST_CAP} values`)
  return ok.slice(0, VIEW_LIST_CAP)
}

/** An optional ISO instant; flagged when present but not one. */
function instant(e: Y.Map<unknown>, key: string, issues: string[]): string | null {
  const v = e.get(key)
  if (v === undefined || v === null) return null
  if (typeof v === 'string' && isInstant(v)) return v
  issues.push(`${key}: not a date`)
  return null
}

/** An optional short code from a fixed set or free (mission codes); flagged when wrongly typed. */
function code<T extends string>(e: Y.Map<unknown>, key: string, issues: string[], allowed?: readonly T[]): T | null {
  const v = e.get(key)
  if (v === undefined || v === null) return null
  if (typeof v === 'string' && v.length <= VIEW_ID_CAP && (!allowed || allowed.includes(v as T))) return v as T
  issues.push(`${key}: invalid`)
  return null
}

function readBase(id: string, e: Y.Map<unknown>, issues: string[]): Omit<Exchange, 'kind'> {
  if (e.get('id') !== id) issues.push('id: does not match the entry key')
  const createdAt = text(e, 'createdAt', issues, 40)
  const validCreated = createdAt !== '' && isInstant(createdAt)
  if (createdAt !== '' && !validCreated) issues.push('createdAt: not a date')
  const cross = e.get('crossCutting')
  if (cross === undefined || cross === null) issues.push('crossCutting: missing')
  else if (typeof cross !== 'boolean') issues.push('crossCutting: not a boolean')
  return {
    id,
    title: text(e, 'title', issues, VIEW_TITLE_CAP),
    body: text(e, 'body', issues, VIEW_TEXT_CAP, false),
    themes: list(e, 'themes', issues),
    forums: list(e, 'forums', issues, false),
    mission: text(e, 'mission', issues, 10),
    authorId: text(e, 'authorId', issues, VIEW_ID_CAP),
    createdAt: validCreated ? createdAt : '',
    crossCutting: cross === true,
    missions: list(e, 'missions', issues, false),
    inputStatus: code(e, 'inputStatus', issues, INPUT_STATUSES),
    inputRequestedAt: instant(e, 'inputRequestedAt', issues),
    inputProvidedAt: instant(e, 'inputProvidedAt', issues),
    relatedHubs: list(e, 'relatedHubs', issues, false),
    linkedItems: linkedIds(e.get('linkedItems')),
    scope: code(e, 'scope', issues, SCOPES),
    issues,
  }
}

const EMPTY_BASE: Omit<Exchange, 'kind' | 'id' | 'issues'> = {
  title: '', body: '', themes: [], forums: [], mission: '', authorId: '', createdAt: '',
  crossCutting: false, missions: [], inputStatus: null, inputRequestedAt: null, inputProvidedAt: null,
  relatedHubs: [], linkedItems: [], scope: null,
}

/** `linkedItems` as the seed writes it (`type:id` strings or `{type, id}` maps) or plain ids. */
function linkedIds(v: unknown): string[] {
  const arr = v instanceof Y.Array ? v.toArray() : Array.isArray(v) ? v : []
  return arr
    .map((x) => (typeof x === 'string' ? x : x instanceof Y.Map ? x.get('id') : x && typeof x === 'object' ? (x as { id?: unknown }).id : null))
    .filter((x): x is string => typeof x === 'string' && x.length > 0 && x.length <= VIEW_ID_CAP)
    .slice(0, VIEW_LIST_CAP)
}

/** One exchange entry as a view (`entry` is whatever the map holds under `id`). */
export function viewExchange(id: string, entry: unknown): Exchange {
  if (!(entry instanceof Y.Map)) return { kind: 'exchange', ...EMPTY_BASE, id, issues: ['entry: not a map'] }
  return { kind: 'exchange', ...readBase(id, entry, []) }
}

/** One action entry as a view. */
export function viewAction(id: string, entry: unknown): Action {
  if (!(entry instanceof Y.Map)) {
    return {
      kind: 'action', ...EMPTY_BASE, id, status: null, due: null, leadMission: null, completedAt: null,
      updatedAt: '', issues: ['entry: not a map'],
    }
  }
  const issues: string[] = []
  const base = readBase(id, entry, issues)
  const status = code(entry, 'status', issues, ACTION_STATUSES)
  if (status === null && !issues.includes('status: invalid')) issues.push('status: missing')
  const due = entry.get('due')
  const validDue = typeof due === 'string' && DAY.test(due) ? due : null
  if (due === undefined) issues.push('due: missing')
  else if (due !== null && !validDue) issues.push('due: not a YYYY-MM-DD date')
  const completed = entry.get('completedAt')
  const validCompleted = typeof completed === 'string' && DAY.test(completed) ? completed : null
  if (completed !== undefined && completed !== null && !validCompleted) issues.push('completedAt: not a YYYY-MM-DD date')
  const updatedAt = instant(entry, 'updatedAt', issues)
  return {
    kind: 'action',
    ...base,
    status,
    due: validDue,
    leadMission: code(entry, 'leadMission', issues),
    completedAt: validCompleted,
    updatedAt: updatedAt ?? base.createdAt,
  }
}

/** Newest first; ties by id so every replica lists the same order. */
export const byNewest = (a: LogItem, b: LogItem) =>
  a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
