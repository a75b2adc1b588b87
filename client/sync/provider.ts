import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { IndexeddbPersistence } from 'y-indexeddb'
import { CloseCode } from '../../shared/close-codes'
import { parseDocName } from '../../shared/doc-names'
import { reportSignedOut } from '../api/request'
import * as decoding from 'lib0/decoding'
import { SyncSocket, sentOn, transportName, type TransportName } from './transport'
import { messageStored, STORED_ACKS_PARAM } from '../../shared/stored-acks'
import { copyName, copyOwner, markUnsent, onCopyOwnerChange, registerCopy, unsentOf } from './local-copies'

/** What the connection indicator shows. */
export interface SyncStatus {
  state: 'connecting' | 'syncing' | 'connected' | 'offline' | 'refused'
  /** Local changes not yet confirmed by the server (made offline or in flight). */
  waiting: number
  /** Why the server refused (4401: sign in again, 4403: no access). */
  refusal: { code: number; reason: string } | null
  /** How the sync reaches the server (HTTP where WebSockets are blocked). */
  transport?: TransportName
}

/** A document opened for editing: local copy in IndexedDB, live link to the server. */
export interface OpenDoc {
  docName: string
  doc: Y.Doc
  provider: WebsocketProvider
  status(): SyncStatus
  onStatus(cb: (s: SyncStatus) => void): () => void
  /** Starts the IndexedDB copy (when opened with `deferLocal`). */
  startLocal(): void
  /** Resolves once the IndexedDB copy is loaded (at once when there is none). */
  localReady(): Promise<void>
  destroy(): void
}

export interface OpenOptions {
  /** Connect to the server at once (the editor's CollaborationPlugin connects by itself). */
  connect?: boolean
  /**
   * Load the IndexedDB copy only when `startLocal()` is called. The Lexical binding renders only
   * changes it observes: content loaded into the Y.Doc before it observes would stay invisible
   * (an empty or partial editor over a full document), so the local copy starts with the first
   * `provider.connect()`, which CollaborationPlugin calls once its binding observes.
   */
  deferLocal?: boolean
  /**
   * Connect at once but hold what the server sends until `provider.connect()` is called: a socket
   * opened before the editor exists gets the document on its way, and the editor's binding, which
   * renders only the changes it observes, still receives all of it (the first sync included).
   */
  hold?: boolean
}

/** Every document open now (on a page, or still syncing in the background). */
const live = new Map<OpenDoc, () => Promise<void>>()
const pendingListeners = new Set<() => void>()

export const liveDocs = (): OpenDoc[] => [...live.keys()]

export function onPendingChange(cb: () => void): () => void {
  pendingListeners.add(cb)
  return () => pendingListeners.delete(cb)
}

/**
 * Resolves once every open socket has handed what it queued to the network (at most ~2 s): the
 * server keeps the frames a client sent before it closed, so closing after this loses nothing.
 */
export async function whenFlushed(): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const busy = [...live.keys()].some(({ provider: { ws } }) => ws !== null && ws.readyState === WebSocket.OPEN && ws.bufferedAmount > 0)
    if (!busy) return
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Closes every open document at once (no background sync); their copies stay in IndexedDB. */
export async function closeAllDocs(): Promise<void> {
  await Promise.all([...live.values()].map((close) => close()))
}

// A copy opened for one person must never sync over another person's session.
onCopyOwnerChange(() => void closeAllDocs())

/** A pause in typing longer than this starts a new change (in the count of changes waiting). */
const CHANGE_PAUSE_MS = 1_500

const serverUrl = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`

/**
 * Opens a document: y-indexeddb keeps every edit in the browser (offline edits survive a reload
 * and merge on reconnect), y-websocket syncs it with the server.
 */
export function openDoc(docName: string, doc = new Y.Doc(), { connect = true, deferLocal = false, hold = false }: OpenOptions = {}): OpenDoc {
  let local: IndexeddbPersistence | null = null
  // Fixed at opening: the copy is this person's, even if someone else signs in before it starts.
  const owner = copyOwner()
  let closed = false
  const startLocal = () => {
    // Nobody signed in: nothing is kept in the browser.
    if (local || closed || owner === null || owner !== copyOwner()) return
    const name = copyName(owner, docName)
    registerCopy(owner, name)
    local = new IndexeddbPersistence(name, doc)
  }
  if (!deferLocal) startLocal()
  const gate = hold ? holdMessages() : null
  // SyncSocket falls back to plain HTTP by itself where WebSockets are blocked (transport.ts).
  const provider = new WebsocketProvider(serverUrl(), docName, doc, {
    connect,
    disableBc: true,
    WebSocketPolyfill: gate ? gate.socket : SyncSocket,
    // The server says when this socket's changes are stored (shared/stored-acks.ts).
    params: { [STORED_ACKS_PARAM]: '1' },
  })
  // The socket alone, for reconnecting: neither the local copy nor held messages may reach the
  // Y.Doc before the editor's binding observes it.
  const connectNow = provider.connect.bind(provider)
  if (deferLocal || gate) {
    // CollaborationPlugin connects right after its binding starts observing the Y.Doc: that is
    // the moment the local copy may load, and what the server sent meanwhile may be applied.
    provider.connect = () => {
      if (deferLocal) startLocal()
      gate?.release()
      connectNow()
    }
  }
  // Changes made before a reload (or in a tab since closed) are still waiting: counted from the start.
  let status: SyncStatus = { state: 'connecting', waiting: owner ? (unsentOf(owner)[docName] ?? 0) : 0, refusal: null }
  const listeners = new Set<(s: SyncStatus) => void>()
  // Closed by its page while changes were still waiting: linked in the background until stored.
  let closeWhenStored = false
  const set = (patch: Partial<SyncStatus>) => {
    status = { ...status, ...patch }
    // Counted across reloads, so sign-out can warn of changes no open page knows of.
    if (patch.waiting !== undefined && owner !== null) markUnsent(owner, docName, patch.waiting)
    listeners.forEach((l) => l(status))
    pendingListeners.forEach((l) => l())
    if (closeWhenStored && (status.waiting === 0 || status.state === 'refused')) void finalDestroy()
  }
  // Changes as a person counts them: in a text, a burst of typing is one change (a phrase, not its
  // keystrokes); in the log every update is one act (an entry posted, a status set).
  const burstsJoin = parseDocName(docName)?.type !== 'log'
  let lastLocalAt = 0
  const onUpdate = (_u: Uint8Array, origin: unknown) => {
    if (origin === provider || origin === local) return
    const now = Date.now()
    if (!burstsJoin || status.waiting === 0 || now - lastLocalAt > CHANGE_PAUSE_MS) set({ waiting: status.waiting + 1 })
    lastLocalAt = now
  }
  doc.on('update', onUpdate)
  provider.on('status', ({ status: s }: { status: string }) => {
    if (status.state === 'refused') return
    set({ state: s === 'connected' ? 'syncing' : navigator.onLine ? 'connecting' : 'offline', transport: transportName() })
  })
  // The handshake says the server's state reached this copy, not that this copy's changes are
  // stored: they count as waiting until the server acknowledges every update frame this socket
  // sent, its sync step 2 (all the server lacked, offline changes included) among them.
  provider.on('sync', (synced: boolean) => {
    if (synced) set({ state: 'connected' })
  })
  provider.messageHandlers[messageStored] = (_encoder, decoder) => {
    const stored = decoding.readVarUint(decoder)
    const sent = sentOn(provider.ws)
    if (sent?.step2 && stored >= sent.updates && status.waiting > 0) set({ waiting: 0 })
  }
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event && event.code >= 4400 && event.code < 4500) {
      set({ state: 'refused', refusal: { code: event.code, reason: event.reason } })
      // The session ended while editing: the app asks to sign in again; edits stay in IndexedDB.
      if (event.code === CloseCode.unauthenticated) reportSignedOut()
    } else if (status.state !== 'refused') set({ state: navigator.onLine ? 'connecting' : 'offline' })
  })
  const goOffline = () => set({ state: 'offline' })
  // A socket that outlived a short network loss carries on: it is not "offline" any more.
  const goOnline = () => {
    if (status.state === 'offline') set({ state: provider.wsconnected ? (provider.synced ? 'connected' : 'syncing') : 'connecting' })
    // The link is back: reconnect now rather than after y-websocket's back-off (up to 2.5 s), and
    // drop an attempt still hanging on the dead link.
    if (!provider.wsconnected && provider.shouldConnect && status.state !== 'refused') {
      provider.disconnect()
      connectNow()
    }
  }
  window.addEventListener('offline', goOffline)
  window.addEventListener('online', goOnline)
  const open: OpenDoc = {
    docName,
    doc,
    provider,
    status: () => status,
    startLocal,
    localReady: async () => {
      await local?.whenSynced
    },
    onStatus(cb) {
      listeners.add(cb)
      return () => listeners.delete(cb)
    },
    destroy() {
      listeners.clear()
      // Deferred: the editor's own unmount disconnects the provider after this runs.
      setTimeout(() => {
        // Closed already (sign-out, or someone else signed in): nothing may reconnect.
        if (closed) return
        if (status.waiting > 0 && status.state !== 'refused') {
          // Changes are in IndexedDB but not stored on the server yet: keep this copy linked in the
          // background until the server acknowledges them, even if the person moved on.
          closeWhenStored = true
          provider.connect()
        } else void finalDestroy()
      }, 0)
    },
  }
  live.set(open, finalDestroy)
  return open
  async function finalDestroy() {
    if (closed) return
    closed = true
    live.delete(open)
    window.removeEventListener('offline', goOffline)
    window.removeEventListener('online', goOnline)
    doc.off('update', onUpdate)
    provider.destroy()
    pendingListeners.forEach((l) => l())
    await local?.destroy()
  }
}

/**
 * A WebSocket constructor for y-websocket whose sockets hold each message they receive until
 * `release()`, then deliver them in order (and every later one at once). Sockets made after the
 * release (reconnections) are plain.
 */
function holdMessages() {
  let held: (() => void)[] | null = []
  const socket = function HeldSocket(url: string, protocols?: string | string[]) {
    const ws = new SyncSocket(url, protocols)
    if (held === null) return ws
    let handler: ((e: MessageEvent) => void) | null = null
    const deliver = (e: MessageEvent) => {
      if (held) held.push(() => handler?.(e))
      else handler?.(e)
    }
    // y-websocket sets `onmessage` after construction: it lands in `handler`, behind `deliver`.
    ws.onmessage = deliver
    Object.defineProperty(ws, 'onmessage', {
      configurable: true,
      get: () => deliver,
      set: (h: ((e: MessageEvent) => void) | null) => (handler = h),
    })
    return ws
  } as unknown as typeof WebSocket
  const release = () => {
    const queue = held
    held = null
    queue?.forEach((deliver) => deliver())
  }
  return { socket, release }
}
