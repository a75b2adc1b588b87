import * as Y from 'yjs'
import { SCOPES, type Scope } from './scopes.js'
import { ACTION_STATUSES, INPUT_STATUSES, type ActionStatus, type InputStatus, type LogKind } from './item-statuses.js'
import {
  ACTION_KINDS, COUNTERPARTS, ESCALATIONS, EXCHANGE_TYPES,
  type ActionKind, type Counterpart, type Escalation, type ExchangeType, type StatusChangeView,
} from './records.js'

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
  /** Exchanges: what it was (`type`); null when absent (old entries). */
  exchangeType: ExchangeType | null
  /** Exchanges: who the missions met. */
  counterparts: Counterpart[]
  /** A partnership or dialogue id of the taxonomy (checked against it by the projection). */
  partnership: string | null
  /** Cross-cutting entries: where the hub's coordinators escalated it (null on other entries). */
  escalation: Escalation | null
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
  /** The document's `kind` key (an item's `kind` is exchange or action, so the view says `actionKind`). */
  actionKind: ActionKind | null
  /** User id of the hub member who owns the action (checked against the hub's members by the projection). */
  owner: string | null
  /** A Global Gateway project id. */
  ggProject: string | null
  /** Entry id of the exchange the action was created from. */
  sourceExchange: string | null
  /** What came of it: expected once `done` (flagged when missing). */
  outcome: string | null
  /** Why it was dropped: expected once `dropped` (flagged when missing). */
  dropReason: string | null
  /** The server's record of status changes, oldest first. */
  statusHistory: StatusChangeView[]
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
    exchangeType: code(e, e.has('type') ? 'type' : 'exchangeType', issues, EXCHANGE_TYPES),
    counterparts: counterpartsOf(e, issues),
    partnership: code(e, e.has('partnership') ? 'partnership' : 'partnershipId', issues),
    escalation: cross === true ? code(e, 'escalation', issues, ESCALATIONS) : null,
    issues,
  }
}

/** Counterpart types the demo source names otherwise (`counterpartType`, one value; `none` = nobody). */
const LEGACY_COUNTERPART: Record<string, Counterpart | null> = {
  partner_government: 'government', academia_research: 'academia', international_organisation: 'international_org', none: null,
  industry: 'industry', civil_society: 'civil_society',
}

/** `counterparts` (a list of COUNTERPARTS), or an older entry's single `counterpartType`. */
function counterpartsOf(e: Y.Map<unknown>, issues: string[]): Counterpart[] {
  if (!e.has('counterparts')) {
    const legacy = e.get('counterpartType')
    const mapped = typeof legacy === 'string' ? LEGACY_COUNTERPART[legacy] : null
    return mapped ? [mapped] : []
  }
  const values = list(e, 'counterparts', issues, false)
  const ok = values.filter((v): v is Counterpart => (COUNTERPARTS as readonly string[]).includes(v))
  if (ok.length !== values.length) issues.push('counterparts: unknown values')
  return [...new Set(ok)]
}

/** `statusHistory` as the server writes it; malformed records are skipped and flagged. */
function historyOf(e: Y.Map<unknown>, issues: string[]): StatusChangeView[] {
  const v = e.get('statusHistory')
  if (v === undefined || v === null) return []
  const arr = v instanceof Y.Array ? v.toArray() : Array.isArray(v) ? v : null
  if (!arr) {
    issues.push('statusHistory: not a list')
    return []
  }
  const out: StatusChangeView[] = []
  for (const x of arr.slice(0, VIEW_LIST_CAP)) {
    const r = x instanceof Y.Map ? x.toJSON() : x
    if (r && typeof r === 'object' && typeof r.at === 'string' && typeof r.by === 'string' && typeof r.to === 'string' && (r.from === null || typeof r.from === 'string')) {
      out.push({ at: r.at.slice(0, 40), by: r.by.slice(0, VIEW_ID_CAP), from: r.from === null ? null : r.from.slice(0, 40), to: r.to.slice(0, 40) })
    } else if (!issues.includes('statusHistory: has invalid records')) issues.push('statusHistory: has invalid records')
  }
  return out
}

const EMPTY_BASE: Omit<Exchange, 'kind' | 'id' | 'issues'> = {
  title: '', body: '', themes: [], forums: [], mission: '', authorId: '', createdAt: '',
  crossCutting: false, missions: [], inputStatus: null, inputRequestedAt: null, inputProvidedAt: null,
  relatedHubs: [], linkedItems: [], scope: null, exchangeType: null, counterparts: [], partnership: null, escalation: null,
}

const EMPTY_ACTION = {
  status: null, due: null, leadMission: null, completedAt: null, updatedAt: '', actionKind: null, owner: null,
  ggProject: null, sourceExchange: null, outcome: null, dropReason: null, statusHistory: [],
} as const

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
    return { kind: 'action', ...EMPTY_BASE, ...EMPTY_ACTION, statusHistory: [], id, issues: ['entry: not a map'] }
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
  const outcome = text(entry, 'outcome', issues, VIEW_TEXT_CAP, false) || null
  const dropReason = text(entry, 'dropReason', issues, VIEW_TEXT_CAP, false) || null
  // The form asks for them; an entry written without them is flagged, never refused.
  if (status === 'done' && !outcome?.trim()) issues.push('outcome: missing (the action is done)')
  if (status === 'dropped' && !dropReason?.trim()) issues.push('dropReason: missing (the action is dropped)')
  // The source names them `actionKind`, `ggProjectId`, `sourceExchangeId`: read those when the contract's keys are absent.
  const either = (key: string, legacy: string) => (entry.has(key) ? key : legacy)
  return {
    kind: 'action',
    ...base,
    status,
    due: validDue,
    leadMission: code(entry, 'leadMission', issues),
    completedAt: validCompleted,
    updatedAt: updatedAt ?? base.createdAt,
    actionKind: code(entry, either('kind', 'actionKind'), issues, ACTION_KINDS),
    owner: code(entry, 'owner', issues),
    ggProject: code(entry, either('ggProject', 'ggProjectId'), issues),
    sourceExchange: code(entry, either('sourceExchange', 'sourceExchangeId'), issues),
    outcome,
    dropReason,
    statusHistory: historyOf(entry, issues),
  }
}

/** Newest first; ties by id so every replica lists the same order. */
export const byNewest = (a: LogItem, b: LogItem) =>
  a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
