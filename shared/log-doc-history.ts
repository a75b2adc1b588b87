import * as Y from 'yjs'
import { logMap, type LogKind } from './log-doc-view.js'
import { setText } from './log-doc.js'

/**
 * History helpers of the log document: the log as JSON, restoring the whole log or one
 * entry from an older state as ordinary edits (field by field, so nothing else is touched), and
 * diffs between two states. Part of the log-doc family (log-doc.ts, log-doc-view.ts): the only
 * code touching the log maps.
 */

/** A JSON value, as an entry's fields read out of the document. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue }

/** Every key of an entry as plain JSON (Y.Text → string, Y.Array → array), unknown keys included. */
export type EntryFields = Record<string, JsonValue>

/** The log as plain JSON: per kind, entry id → fields. History's preview and diffs read this. */
export interface LogSnapshot {
  exchanges: Record<string, EntryFields>
  actions: Record<string, EntryFields>
}

const KINDS: { kind: LogKind; key: keyof LogSnapshot }[] = [
  { kind: 'exchange', key: 'exchanges' },
  { kind: 'action', key: 'actions' },
]

function toJson(value: unknown): JsonValue {
  if (value instanceof Y.Text) return value.toString()
  if (value instanceof Y.Array || value instanceof Y.Map) return value.toJSON() as JsonValue
  if (value instanceof Uint8Array) return null
  return (value ?? null) as JsonValue
}

/** One entry's fields as JSON; null when the map holds no Y.Map under this id. */
export function readEntryFields(doc: Y.Doc, kind: LogKind, id: string): EntryFields | null {
  const entry = logMap(doc, kind).get(id)
  if (!(entry instanceof Y.Map)) return null
  const out: EntryFields = {}
  for (const [k, v] of entry.entries()) out[k] = toJson(v)
  return out
}

/** The ids of a kind's entries (cheap: no field is read). */
export function logEntryIds(doc: Y.Doc, kind: LogKind): string[] {
  return [...logMap(doc, kind).keys()]
}

/** The whole log as JSON (a log version's `text` in the history API). */
export function snapshotLog(doc: Y.Doc): LogSnapshot {
  const snap: LogSnapshot = { exchanges: {}, actions: {} }
  for (const { kind, key } of KINDS) {
    for (const id of logMap(doc, kind).keys()) {
      const fields = readEntryFields(doc, kind, id)
      if (fields) snap[key][id] = fields
    }
  }
  return snap
}

/** A fresh Yjs value holding a copy of `source` (Y types are copied, never moved between docs). */
function copyValue(source: unknown): unknown {
  if (source instanceof Y.Text) return new Y.Text(source.toString())
  if (source instanceof Y.Array) {
    const array = new Y.Array<unknown>()
    array.insert(0, source.toArray().map(copyValue))
    return array
  }
  if (source instanceof Y.Map) {
    const map = new Y.Map<unknown>()
    for (const [k, v] of source.entries()) map.set(k, copyValue(v))
    return map
  }
  return source
}

const same = (a: unknown, b: unknown) => JSON.stringify(toJson(a)) === JSON.stringify(toJson(b))

/** Makes `entry` hold `source`'s fields, touching only the fields that differ. */
function syncEntry(entry: Y.Map<unknown>, source: Y.Map<unknown>): void {
  for (const key of [...entry.keys()]) if (!source.has(key)) entry.delete(key)
  for (const [key, value] of source.entries()) {
    const current = entry.get(key)
    if (entry.has(key) && same(current, value)) continue
    if (value instanceof Y.Text && current instanceof Y.Text) setText(entry, key, value.toString())
    else entry.set(key, copyValue(value))
  }
}

/**
 * Brings one entry back from `from` (an older state of the log) into `doc`, in one transaction,
 * touching nothing else: re-created when it was deleted, its differing fields reset when it exists.
 * @returns false when `from` has no such entry
 */
export function restoreEntry(doc: Y.Doc, from: Y.Doc, kind: LogKind, id: string): boolean {
  const source = logMap(from, kind).get(id)
  if (!(source instanceof Y.Map)) return false
  doc.transact(() => restoreEntryIn(doc, source, kind, id))
  return true
}

function restoreEntryIn(doc: Y.Doc, source: Y.Map<unknown>, kind: LogKind, id: string): void {
  const map = logMap(doc, kind)
  const entry = map.get(id)
  if (entry instanceof Y.Map) syncEntry(entry, source)
  else map.set(id, copyValue(source))
}

/**
 * Makes the log of `doc` hold exactly the entries of `from`, in one transaction: entries absent
 * from `from` are deleted, missing ones re-created, changed ones reset field by field.
 */
export function replaceLogContent(doc: Y.Doc, from: Y.Doc): void {
  doc.transact(() => {
    for (const { kind } of KINDS) {
      const target = logMap(doc, kind)
      const source = logMap(from, kind)
      for (const id of [...target.keys()]) if (!source.has(id)) target.delete(id)
      for (const [id, value] of source.entries()) {
        if (value instanceof Y.Map) restoreEntryIn(doc, value, kind, id)
        else if (!same(target.get(id), value)) target.set(id, copyValue(value))
      }
    }
  })
}

/** One entry in a log diff. */
export interface LogDiffEntry {
  kind: LogKind
  id: string
  title: string
}

/** A changed field: its value in the older state and now. */
export interface FieldChange {
  field: string
  before: JsonValue | undefined
  after: JsonValue | undefined
}

/** How `after` differs from `before`: entries added, removed, and changed field by field. */
export interface LogDiff {
  added: LogDiffEntry[]
  removed: LogDiffEntry[]
  changed: (LogDiffEntry & { fields: FieldChange[] })[]
}

const titleOf = (f: EntryFields) => (typeof f.title === 'string' ? f.title : '')

/** Compares two log snapshots (e.g. a version and the current state). */
export function diffLogSnapshots(before: LogSnapshot, after: LogSnapshot): LogDiff {
  const diff: LogDiff = { added: [], removed: [], changed: [] }
  for (const { kind, key } of KINDS) {
    const a = before[key]
    const b = after[key]
    for (const id of Object.keys(b)) if (!(id in a)) diff.added.push({ kind, id, title: titleOf(b[id]) })
    for (const id of Object.keys(a)) {
      if (!(id in b)) {
        diff.removed.push({ kind, id, title: titleOf(a[id]) })
        continue
      }
      const fields: FieldChange[] = []
      for (const field of new Set([...Object.keys(a[id]), ...Object.keys(b[id])])) {
        if (JSON.stringify(a[id][field]) !== JSON.stringify(b[id][field])) {
          fields.push({ field, before: a[id][field], after: b[id][field] })
        }
      }
      if (fields.length > 0) diff.changed.push({ kind, id, title: titleOf(b[id]), fields })
    }
  }
  return diff
}
