import type { Permission, Role } from './roles.js'
import { briefDocName, type DocName } from './doc-names.js'
import { DEFAULT_SCOPE, type Scope } from './scopes.js'
import type { Language } from './languages.js'

/**
 * THE access authority. Every REST route and every socket upgrade asks `decide`, and the client
 * asks the same functions before it offers a control; nothing else decides who may do what.
 * Pure: callers hand it the facts, it never queries.
 */

/** A hub membership as access needs it. */
export interface ActorMembership {
  hubId: string
  missionId: string
  /** The mission's code: `EU` or a Member State's ISO code. */
  mission: string
  coordinator: boolean
}

/** The signed-in user, as loaded by the session middleware. */
export interface Actor {
  id: string
  email: string
  name: string
  /** The first of `roles` (what single-role code and old clients read). */
  role: Role
  /** Every role the person holds; what they may see is the union. */
  roles?: Role[]
  memberships: ActorMembership[]
  /** The interface language the person chose (null: not chosen). Decides nothing about access. */
  language?: Language | null
}

/**
 * What access reads of an actor. The server passes its full `Actor`; the client passes what
 * `/api/me` answers, which has exactly these fields.
 */
export interface AccessActor {
  id: string
  role: Role
  /** Several roles: absent or empty means `[role]`. */
  roles?: readonly Role[]
  memberships: readonly { hubId: string; coordinator: boolean }[]
}

/** Every role an actor holds (`role` alone when `roles` is absent). */
export function rolesOf(actor: { role: Role; roles?: readonly Role[] }): readonly Role[] {
  return actor.roles && actor.roles.length ? actor.roles : [actor.role]
}

/** Whether the actor holds `role` among their roles. */
export function hasRole(actor: { role: Role; roles?: readonly Role[] }, role: Role): boolean {
  return rolesOf(actor).includes(role)
}

/** Everything access can be asked about. */
export type Resource =
  /** A hub's metadata: name, missions, members, focal point. */
  | { kind: 'hub'; hubId: string }
  /** A hub's membership list and focal point, as something to change. */
  | { kind: 'hub-members'; hubId: string }
  /** A collaborative document; a note's scope is the caller's to give (the hub-only log's is in its name). */
  | { kind: 'doc'; doc: DocName; scope?: Scope }
  /**
   * Comments anchored to passages of a brief or a note: whoever reads the document reads and
   * writes them (HQ too, though it cannot edit the document); a log has none.
   */
  | { kind: 'doc-comments'; doc: DocName; scope?: Scope }
  /** A projected log item (exchange or action) and its comment thread. */
  | { kind: 'item'; hubId: string; crossCutting: boolean; scope: Scope }
  /** Roll-ups across hubs (the caller's scope comes from `rollupScope`). */
  | { kind: 'rollup' }
  /** The Council progress report. */
  | { kind: 'report' }
  /** Users, hubs, missions: the platform's administration. */
  | { kind: 'admin' }

const RANK: Record<Permission, number> = { none: 0, read: 1, comment: 2, write: 3 }

/** Whether `granted` covers `needed` (write ⊇ comment ⊇ read ⊇ none). */
export function covers(granted: Permission, needed: Permission): boolean {
  return RANK[granted] >= RANK[needed]
}

/** The actor's membership of a hub, if any. */
export function membershipOf<M extends { hubId: string }>(actor: { memberships: readonly M[] }, hubId: string): M | undefined {
  return actor.memberships.find((m) => m.hubId === hubId)
}

/**
 * The mission a person writes for in a hub: their membership's; an admin without one writes as
 * the EU delegation. The sync server checks new log entries against it, and the browser fills it in.
 */
export function authoringMission(actor: { memberships: readonly { hubId: string; mission: string }[] }, hubId: string): string {
  return membershipOf(actor, hubId)?.mission ?? 'EU'
}

/** Decides what `actor` may do with `resource`: the most any of their roles grants (visibility is the union). */
export function decide(actor: AccessActor, resource: Resource): Permission {
  const roles = rolesOf(actor)
  if (roles.length === 1) return decideAs(roles[0], actor, resource)
  let best: Permission = 'none'
  for (const role of roles) {
    const p = decideAs(role, actor, resource)
    if (RANK[p] > RANK[best]) best = p
  }
  return best
}

/** What one role grants. */
function decideAs(role: Role, actor: AccessActor, resource: Resource): Permission {
  switch (resource.kind) {
    case 'hub': {
      if (role === 'admin') return 'write'
      if (role === 'staff') return membershipOf(actor, resource.hubId) ? 'write' : 'none'
      // hq reviews every hub; cyber needs hub names and missions to read cross-cutting items.
      return 'read'
    }
    case 'hub-members': {
      if (role === 'admin') return 'write'
      const membership = role === 'staff' ? membershipOf(actor, resource.hubId) : undefined
      if (membership?.coordinator) return 'write'
      return decideAs(role, actor, { kind: 'hub', hubId: resource.hubId }) === 'none' ? 'none' : 'read'
    }
    case 'doc': {
      if (role === 'admin') return 'write'
      if (role === 'staff') return membershipOf(actor, resource.doc.hubId) ? 'write' : 'none'
      // Documents stay with the hub (and HQ reading): network entries reach others as items only.
      if (role === 'hq') return docScope(resource) === 'hub' ? 'none' : 'read'
      return 'none'
    }
    case 'doc-comments': {
      if (resource.doc.type === 'log') return 'none'
      return covers(decide(actor, { kind: 'doc', doc: resource.doc, scope: resource.scope }), 'read') ? 'comment' : 'none'
    }
    case 'item': {
      if (role === 'admin') return 'comment'
      if (role === 'staff' && membershipOf(actor, resource.hubId)) return 'comment'
      const scope = resource.scope ?? DEFAULT_SCOPE
      // A hub entry is never cross-cutting for anyone outside the hub, whatever its flag.
      if (scope === 'hub') return 'none'
      if (scope === 'network') return 'comment'
      if (role === 'hq') return 'comment'
      if (role === 'cyber') return resource.crossCutting ? 'comment' : 'none'
      return 'none'
    }
    case 'rollup':
      // Staff get their own hubs only and cyber the cross-cutting view: see rollupScope.
      return 'read'
    case 'report':
      return role === 'hq' || role === 'admin' ? 'read' : 'none'
    case 'admin':
      return role === 'admin' ? 'write' : 'none'
  }
}

/** The scope a document's content has: the hub-only log's, a note's as given, else the default. */
function docScope(resource: { doc: DocName; scope?: Scope }): Scope {
  if (resource.doc.type === 'log') return resource.doc.hubOnly ? 'hub' : DEFAULT_SCOPE
  if (resource.doc.type === 'brief') return DEFAULT_SCOPE
  return resource.scope ?? DEFAULT_SCOPE
}

/** Whether `actor` has at least `needed` on `resource`. */
export function can(actor: AccessActor, resource: Resource, needed: Permission): boolean {
  return covers(decide(actor, resource), needed)
}

/** Which hubs' content a roll-up, search or item list may draw on for this actor. */
export type HubScope =
  | { kind: 'all' }
  | { kind: 'hubs'; hubIds: string[] }
  /** Every hub, cross-cutting items only (cyber ambassadors). */
  | { kind: 'cross-cutting' }

/** The scope of aggregate reads (items, search, roll-ups) for an actor. */
export function readScope(actor: AccessActor): HubScope {
  // Several roles: the widest scope (admin, hq) wins; staff and cyber together read as staff here
  // while `readableBy` (server/db/read-scope.ts) ORs both conditions row by row.
  const roles = rolesOf(actor)
  const role = (['admin', 'hq', 'staff', 'cyber'] as const).find((r) => roles.includes(r)) ?? actor.role
  switch (role) {
    case 'admin':
    case 'hq':
      return { kind: 'all' }
    case 'cyber':
      return { kind: 'cross-cutting' }
    case 'staff':
      return { kind: 'hubs', hubIds: actor.memberships.map((m) => m.hubId) }
  }
}

/** Whether the actor may see the hub in lists (`GET /api/hubs`). */
export function canSeeHub(actor: AccessActor, hubId: string): boolean {
  return can(actor, { kind: 'hub', hubId }, 'read')
}

/** Who may ask the cyber ambassadors for input on an item: members of its hub, and admins. */
export function canRequestInput(actor: AccessActor, hubId: string): boolean {
  return hasRole(actor, 'admin') || (hasRole(actor, 'staff') && !!membershipOf(actor, hubId))
}

/**
 * Who may resolve an item's thread: the hub's coordinators, admins, and whoever asked for input
 * while they still may ask (a member removed since then may not: having asked once grants nothing).
 */
export function canResolveThread(actor: AccessActor, hubId: string, requestedBy: string | null): boolean {
  if (hasRole(actor, 'admin')) return true
  if (requestedBy !== null && requestedBy === actor.id && canRequestInput(actor, hubId)) return true
  return hasRole(actor, 'staff') && !!membershipOf(actor, hubId)?.coordinator
}

/** Who may change a hub's members and focal point: the hub's coordinators and admins. */
export function canManageMembers(actor: AccessActor, hubId: string): boolean {
  return can(actor, { kind: 'hub-members', hubId }, 'write')
}

/**
 * Who may edit a hub's documents (brief, notes, log) and restore their versions. Every document
 * of a hub grants the same, so the brief stands for all of them.
 */
export function canEditHubDocs(actor: AccessActor, hubId: string): boolean {
  return can(actor, { kind: 'doc', doc: { type: 'brief', hubId, name: briefDocName(hubId) } }, 'write')
}

/** Who may comment on an item's thread (reading it needs no more than seeing the item). */
export function canComment(actor: AccessActor, item: { hubId: string; crossCutting: boolean; scope: Scope }): boolean {
  return can(actor, { kind: 'item', hubId: item.hubId, crossCutting: item.crossCutting, scope: item.scope }, 'comment')
}

/** Who may use the administration: users, hubs, missions, the audit trail. */
export function canAdminister(actor: AccessActor): boolean {
  return can(actor, { kind: 'admin' }, 'write')
}

/** Who may generate the Council progress report. */
export function canGenerateReport(actor: AccessActor): boolean {
  return can(actor, { kind: 'report' }, 'read')
}

/** Who submits a hub's brief for a period: the hub's coordinators and admins. */
export function canSubmitBrief(actor: AccessActor, hubId: string): boolean {
  if (hasRole(actor, 'admin')) return true
  return hasRole(actor, 'staff') && !!membershipOf(actor, hubId)?.coordinator
}

/** Who acknowledges or returns submitted briefs and follows every hub's cycle: HQ and admins. */
export function canReviewBriefs(actor: AccessActor): boolean {
  return hasRole(actor, 'hq') || hasRole(actor, 'admin')
}

/**
 * Who steers a hub's records: its coordinators and admins. They escalate cross-cutting items
 * (2025 ¶27) and reopen a done or dropped action; the sync server's door enforces both.
 */
export function canCoordinate(actor: AccessActor, hubId: string): boolean {
  if (hasRole(actor, 'admin')) return true
  return hasRole(actor, 'staff') && !!membershipOf(actor, hubId)?.coordinator
}

/**
 * Who reads and writes the comments anchored to passages of a brief or a note: the document's
 * readers (brief: the hub's staff, HQ, admins; a note: per its scope). Resolving and reopening a
 * thread is open to the same people: a thread is a conversation, not a sign-off.
 */
export function canCommentOnDoc(actor: AccessActor, doc: DocName, scope?: Scope): boolean {
  return can(actor, { kind: 'doc-comments', doc, scope }, 'comment')
}

/** Who hears of a submitted brief: those who review hubs' briefs (HQ, admins) and may read it. */
export function hearsOfSubmittedBriefs(actor: AccessActor, hubId: string): boolean {
  return canReviewBriefs(actor) && can(actor, { kind: 'doc', doc: { type: 'brief', hubId, name: briefDocName(hubId) } }, 'read')
}

/** Who hears of HQ's answer to a brief: the hub's coordinators (who submit it). */
export function hearsOfBriefAnswers(actor: AccessActor, hubId: string): boolean {
  return actor.role === 'staff' && !!membershipOf(actor, hubId)?.coordinator
}
