import { Codes } from './codes.js'

/** What the roll-up reads of one projected item (server/rollup/facts/fact-rows.ts selects it). */
export interface Fact {
  id: string
  hubId: string
  kind: string
  scope: string
  crossCutting: boolean
  /** A thread over other entries (`linked_items` not empty): never counted as activity. */
  linked: boolean
  /** `YYYY-MM-DD` or null. */
  activeFrom: string | null
  activeTo: string | null
  status: string | null
  due: string | null
  inputStatus: string | null
  escalation: string | null
  actionKind: string | null
  partnership: string | null
  /** When input was asked for (or the item created), ms since the epoch; null when neither is known. */
  requestedMs: number | null
  themes: readonly string[]
  topThemes: readonly string[]
  participants: readonly string[]
  /** The item's forums and the parents of its sub-forums, each once. */
  forums: readonly string[]
  counterparts: readonly string[]
}

const DAY_MS = 86_400_000
/** Day numbers standing for "no date": never inside any period, never before any day. */
export const NO_DAY_FROM = 2 ** 31 - 1
export const NO_DAY_TO = -(2 ** 31)

/** Days since 1970-01-01 of a `YYYY-MM-DD` day. */
export function dayNumber(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS)
}
/** The `YYYY-MM-DD` of a day number. */
export function dayString(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10)
}

/** The multi-valued fields, in the order their lengths are stored per slot. */
export const LISTS = ['themes', 'topThemes', 'participants', 'forums', 'counterparts'] as const
export type ListField = (typeof LISTS)[number]
const LIST_COUNT = LISTS.length
const MAX_LIST = 4096

/** Flag bits. */
export const CROSS_CUTTING = 1
export const LINKED = 2

/**
 * Every item's roll-up facts, one slot per item in columns of typed arrays (≈ 60 bytes an item
 * plus its id), so that a roll-up over 300,000 items is a few tight loops instead of a dozen scans.
 * Slots of deleted items are reused; list values live in one pool, rewritten in place when they
 * fit and compacted when half of it is dead.
 */
export class FactTable {
  readonly hubs = new Codes()
  /** kind, scope, status, input status, escalation, action kind: few values, one vocabulary. */
  readonly words = new Codes()
  readonly themes = new Codes()
  readonly missions = new Codes()
  readonly forums = new Codes()
  readonly counterparts = new Codes()
  readonly partnerships = new Codes()

  ids: (string | undefined)[] = []
  /** 0 marks a free slot. */
  hub = new Uint32Array(0)
  kind = new Uint32Array(0)
  scope = new Uint32Array(0)
  flags = new Uint8Array(0)
  status = new Uint32Array(0)
  inputStatus = new Uint32Array(0)
  escalation = new Uint32Array(0)
  actionKind = new Uint32Array(0)
  partnership = new Uint32Array(0)
  activeFrom = new Int32Array(0)
  activeTo = new Int32Array(0)
  due = new Int32Array(0)
  requested = new Float64Array(0)
  /** Where a slot's lists start in `pool`, and each list's length (five per slot, in LISTS order). */
  listStart = new Uint32Array(0)
  listLen = new Uint16Array(0)
  /** How many values a slot may hold in place. */
  listRoom = new Uint16Array(0)
  pool = new Uint32Array(1024)

  private poolUsed = 0
  private poolDead = 0
  private readonly slotOf = new Map<string, number>()
  private readonly free: number[] = []
  /** Slots in use or freed: loops run to here. */
  end = 0

  get size(): number {
    return this.slotOf.size
  }

  has(id: string): boolean {
    return this.slotOf.has(id)
  }

  /** Adds or replaces an item's facts. */
  put(f: Fact): void {
    let s = this.slotOf.get(f.id)
    if (s === undefined) {
      s = this.free.pop() ?? this.end++
      if (s >= this.hub.length) this.grow(Math.max(1024, this.hub.length * 2))
      this.slotOf.set(f.id, s)
      this.ids[s] = f.id
    }
    this.hub[s] = this.hubs.code(f.hubId)
    this.kind[s] = this.words.code(f.kind)
    this.scope[s] = this.words.code(f.scope)
    this.flags[s] = (f.crossCutting ? CROSS_CUTTING : 0) | (f.linked ? LINKED : 0)
    this.status[s] = this.words.code(f.status)
    this.inputStatus[s] = this.words.code(f.inputStatus)
    this.escalation[s] = this.words.code(f.escalation)
    this.actionKind[s] = this.words.code(f.actionKind)
    this.partnership[s] = this.partnerships.code(f.partnership)
    this.activeFrom[s] = f.activeFrom === null ? NO_DAY_FROM : dayNumber(f.activeFrom)
    this.activeTo[s] = f.activeTo === null ? NO_DAY_TO : dayNumber(f.activeTo)
    this.due[s] = f.due === null ? NO_DAY_FROM : dayNumber(f.due)
    this.requested[s] = f.requestedMs ?? Number.NaN
    // Lengths are 16-bit: far above what the door lets a log entry carry.
    const codes = (values: readonly string[], codes: Codes) => values.slice(0, MAX_LIST).map((v) => codes.code(v))
    this.putLists(s, [
      codes(f.themes, this.themes),
      codes(f.topThemes, this.themes),
      codes(f.participants, this.missions),
      codes(f.forums, this.forums),
      codes(f.counterparts, this.counterparts),
    ])
  }

  delete(id: string): void {
    const s = this.slotOf.get(id)
    if (s === undefined) return
    this.slotOf.delete(id)
    this.ids[s] = undefined
    this.hub[s] = 0
    this.poolDead += this.listRoom[s]
    this.listRoom[s] = 0
    this.listLen.fill(0, s * LIST_COUNT, s * LIST_COUNT + LIST_COUNT)
    this.free.push(s)
  }

  private putLists(s: number, lists: number[][]): void {
    const total = lists.reduce((n, l) => n + l.length, 0)
    if (total > this.listRoom[s]) {
      this.poolDead += this.listRoom[s]
      this.listRoom[s] = 0
      this.makeRoom(total)
      this.listStart[s] = this.poolUsed
      this.listRoom[s] = total
      this.poolUsed += total
    }
    let at = this.listStart[s]
    const base = s * LIST_COUNT
    lists.forEach((l, i) => {
      this.listLen[base + i] = l.length
      this.pool.set(l, at)
      at += l.length
    })
  }

  /** Room for `more` values at the pool's end: compacts when half of it is dead, grows when still short. */
  private makeRoom(more: number): void {
    if (this.poolUsed + more <= this.pool.length) return
    if (this.poolDead * 2 >= this.poolUsed) {
      const packed = new Uint32Array(this.pool.length)
      let at = 0
      for (let s = 0; s < this.end; s++) {
        const room = this.listRoom[s]
        if (room === 0) continue
        packed.set(this.pool.subarray(this.listStart[s], this.listStart[s] + room), at)
        this.listStart[s] = at
        at += room
      }
      this.pool = packed
      this.poolUsed = at
      this.poolDead = 0
    }
    if (this.poolUsed + more > this.pool.length) {
      const bigger = new Uint32Array(Math.max(this.pool.length * 2, this.poolUsed + more))
      bigger.set(this.pool.subarray(0, this.poolUsed))
      this.pool = bigger
    }
  }

  private grow(capacity: number): void {
    const grown = <T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array>(a: T, n = capacity): T => {
      const b = new (a.constructor as new (n: number) => T)(n)
      b.set(a)
      return b
    }
    this.hub = grown(this.hub)
    this.kind = grown(this.kind)
    this.scope = grown(this.scope)
    this.flags = grown(this.flags)
    this.status = grown(this.status)
    this.inputStatus = grown(this.inputStatus)
    this.escalation = grown(this.escalation)
    this.actionKind = grown(this.actionKind)
    this.partnership = grown(this.partnership)
    this.activeFrom = grown(this.activeFrom)
    this.activeTo = grown(this.activeTo)
    this.due = grown(this.due)
    this.requested = grown(this.requested)
    this.listStart = grown(this.listStart)
    this.listLen = grown(this.listLen, capacity * LIST_COUNT)
    this.listRoom = grown(this.listRoom)
  }
}
