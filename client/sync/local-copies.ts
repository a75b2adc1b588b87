/**
 * Offline copies belong to one person. A browser may be shared (an embassy's front-desk computer):
 * each copy's IndexedDB name carries its owner's user id, only the signed-in person's copies are
 * opened, and sign-out deletes every copy of the person leaving. The names are also kept in
 * localStorage, because `indexedDB.databases()` is missing in some browsers.
 */

const REGISTRY = 'hubwork:copies'
const PREFIX = 'hubwork:'

/** Whose copies may be opened now; null: nobody's (signed out, or not known yet). */
let owner: string | null = null
const ownerListeners = new Set<(previous: string | null, next: string | null) => void>()

export const copyOwner = () => owner

/** Sets whose copies may open; everything opened for someone else is closed first (see provider.ts). */
export function setCopyOwner(userId: string | null): void {
  if (userId === owner) return
  const previous = owner
  owner = userId
  ownerListeners.forEach((l) => l(previous, userId))
}

export function onCopyOwnerChange(cb: (previous: string | null, next: string | null) => void): () => void {
  ownerListeners.add(cb)
  return () => ownerListeners.delete(cb)
}

/** The IndexedDB name of `userId`'s copy of a document. */
export const copyName = (userId: string, docName: string) => `${PREFIX}${userId}:${docName}`

function readRegistry(): Record<string, string[]> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(REGISTRY) ?? '{}')
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string[]>) : {}
  } catch {
    return {}
  }
}

function writeRegistry(r: Record<string, string[]>): void {
  try {
    localStorage.setItem(REGISTRY, JSON.stringify(r))
  } catch {
    // Storage full or disabled: databases() still finds the copies where it exists.
  }
}

/** Remembers a copy's name before it is created, so sign-out can find it. */
export function registerCopy(userId: string, name: string): void {
  const r = readRegistry()
  const names = r[userId] ?? []
  if (names.includes(name)) return
  r[userId] = [...names, name]
  writeRegistry(r)
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(name)
    req.onsuccess = req.onerror = () => resolve()
    // Blocked: a connection is still open; the deletion completes once it closes.
    req.onblocked = () => resolve()
  })
}

/**
 * Deletes every offline copy of `userId`, and copies named without an owner (made before copies
 * were per person: nobody can tell whose unsent edits they hold, so they are never opened).
 */
export async function deleteCopies(userId: string): Promise<void> {
  const r = readRegistry()
  const names = new Set(r[userId] ?? [])
  const listed = await indexedDB.databases?.().catch(() => []) ?? []
  for (const db of listed) {
    if (!db.name) continue
    if (db.name.startsWith(`${PREFIX}${userId}:`) || db.name.startsWith(`${PREFIX}hub/`)) names.add(db.name)
  }
  await Promise.all([...names].map(deleteDatabase))
  delete r[userId]
  writeRegistry(r)
  forgetUnsent(userId)
}

const UNSENT = 'hubwork:unsent'

function readUnsent(): Record<string, Record<string, number>> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(UNSENT) ?? '{}')
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, Record<string, number>>) : {}
  } catch {
    return {}
  }
}

/**
 * Remembers how many of `userId`'s changes to a document the server has not confirmed (0: none).
 * It outlives the page: after a reload the copy still holds them, though no open document counts them.
 */
export function markUnsent(userId: string, docName: string, n: number): void {
  const all = readUnsent()
  const mine = { ...all[userId] }
  if ((mine[docName] ?? 0) === n) return
  if (n > 0) mine[docName] = n
  else delete mine[docName]
  all[userId] = mine
  if (Object.keys(mine).length === 0) delete all[userId]
  try {
    localStorage.setItem(UNSENT, JSON.stringify(all))
  } catch {
    // Storage full or disabled: only the open documents are counted.
  }
}

/** `userId`'s documents with changes not yet confirmed, and how many. */
export const unsentOf = (userId: string): Record<string, number> => readUnsent()[userId] ?? {}

function forgetUnsent(userId: string): void {
  const all = readUnsent()
  delete all[userId]
  localStorage.setItem(UNSENT, JSON.stringify(all))
}
