import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { authoringMission, decide, membershipOf, type Actor } from '../../shared/access.js'
import { isAllowedOrigin, lookupSession } from '../auth/request-identity.js'
import type { SessionPolicy } from '../auth/session-store.js'
import { parseDocName } from '../../shared/doc-names.js'
import { docFacts } from '../db/doc-exists.js'
import { CloseCode } from '../../shared/close-codes.js'

/** What the door needs to know of an upgrade request, read from it by the HTTP adapter. */
export interface DoorRequest {
  /** The document name as it appears in the URL after `/collab/` (still percent-encoded). */
  rawDocName: string
  origin: string | undefined
  /** The session cookie's value, if any. */
  sessionId: string | undefined
}

export interface DoorDeps {
  db: Kysely<Database>
  publicOrigin: string
  sessions: SessionPolicy
}

/** The door's answer: a close code and reason, or who may open which document and how. */
export type Verdict =
  | { refuse: number; reason: string }
  | {
      actor: Actor
      doc: string
      readOnly: boolean
      sessionHash: string
      stamp: { id: string; name: string; mission: string }
      /** The mission the connection writes for. */
      mission: string
    }

/**
 * Decides whether a socket may open a document, before anything is loaded: a known document name,
 * an allowed Origin, a live session, a permission from the access authority, and a document that exists.
 */
export async function authorize(req: DoorRequest, deps: DoorDeps): Promise<Verdict> {
  let name: string
  try {
    name = decodeURIComponent(req.rawDocName)
  } catch {
    return { refuse: CloseCode.unknownDocument, reason: 'unknown document' }
  }
  const doc = parseDocName(name)
  if (!doc) return { refuse: CloseCode.unknownDocument, reason: 'unknown document' }
  if (!isAllowedOrigin(req.origin, deps.publicOrigin, 'allow')) return { refuse: CloseCode.forbidden, reason: 'origin not allowed' }
  const session = await lookupSession(deps.db, req.sessionId, deps.sessions)
  if (!session) return { refuse: CloseCode.unauthenticated, reason: 'sign in first' }
  const facts = await docFacts(deps.db, doc)
  const permission = decide(session.actor, facts.resource)
  if (permission === 'none') return { refuse: CloseCode.forbidden, reason: 'you may not open this document' }
  // A well-formed name of nothing (a note without its row, a hub that does not exist) is refused
  // like an unknown name: otherwise each visit would create and keep a document nobody lists.
  // Asked after the permission, so that whoever may not open it learns nothing of its existence.
  if (!facts.exists) return { refuse: CloseCode.unknownDocument, reason: 'no such document' }
  const { actor } = session
  return {
    actor,
    doc: doc.name,
    readOnly: permission !== 'write',
    sessionHash: session.idHash,
    stamp: { id: actor.id, name: actor.name, mission: missionLabel(actor, doc.hubId) },
    mission: authoringMission(actor, doc.hubId),
  }
}

/** What presence shows as a person's mission: their mission in the hub, else their role. */
function missionLabel(actor: Actor, hubId: string): string {
  return membershipOf(actor, hubId)?.mission ?? (actor.role === 'hq' ? 'HQ' : actor.role === 'admin' ? 'Admin' : actor.role)
}
