import { asRoles } from '../../shared/roles.js'
import { Hono } from 'hono'
import { randomBytes } from 'node:crypto'
import type { AppEnv } from '../app-env.js'
import { can, canSeeHub, hasRole, readScope, type Actor } from '../../shared/access.js'
import { DEFAULT_SCOPE, SCOPES } from '../../shared/scopes.js'
import { requireActor } from '../auth/session-middleware.js'
import { ForbiddenError, NotFoundError } from '../errors.js'
import {
  deleteMembership,
  findHub,
  findHubMission,
  hubActivity,
  listHubs,
  listMembers,
  setFocalPoint,
  upsertMembership,
} from '../db/hub-repo.js'
import { createNote, listNotes, noteScope, renameNote, setNoteScope } from '../db/note-repo.js'
import { findUser, findUserByEmail } from '../db/user-repo.js'
import { logDocName, noteDocName, parseDocName } from '../../shared/doc-names.js'
import { HubParams } from '../../shared/schemas/common.js'
import {
  FocalPointInput,
  MemberParams,
  NewMemberInput,
  NoteInput,
  NoteUpdateInput,
  NoteParams,
} from '../../shared/schemas/hubs.js'
import { presentFocalPoint, presentHubDetail, presentHubSummary, presentMembershipSet } from './present/hubs.js'
import { presentNote, presentNoteRef } from './present/notes.js'
import { validate } from './validate.js'
import { readableBy } from '../db/read-scope.js'
import { audit } from './audit-context.js'

/** Asks the access authority; 403 unless `actor` has `needed` on the hub's resource. */
function ensure(actor: Actor, ok: boolean, what: string): void {
  if (!ok) throw new ForbiddenError(`you may not ${what}`)
}

/** `/api/hubs`: hubs, their members and focal point, their notes. */
export const hubs = new Hono<AppEnv>()
  .get('/', async (c) => {
    const actor = requireActor(c)
    const scope = readScope(actor)
    const rows = (await listHubs(c.var.db, scope.kind === 'hubs' ? scope.hubIds : null)).filter((h) => canSeeHub(actor, h.id))
    // Hub content is not the cyber ambassadors' to see, not even as a latest title.
    const activity = scope.kind === 'cross-cutting' ? null : await hubActivity(c.var.db, rows.map((h) => h.id), readableBy(actor, 'items'))
    return c.json(rows.map((h) => presentHubSummary(h, activity?.get(h.id))))
  })
  .get('/:hubId', validate('param', HubParams), async (c) => {
    const actor = requireActor(c)
    const { hubId } = c.req.valid('param')
    const hub = await findHub(c.var.db, hubId)
    ensure(actor, canSeeHub(actor, hubId), 'see this hub')
    const [withMissions] = await listHubs(c.var.db, [hub.id])
    return c.json(presentHubDetail(withMissions, await listMembers(c.var.db, hubId)))
  })
  .get('/:hubId/notes', validate('param', HubParams), async (c) => {
    const actor = requireActor(c)
    const { hubId } = c.req.valid('param')
    await findHub(c.var.db, hubId)
    const doc = parseDocName(noteDocName(hubId, 'list'))!
    ensure(actor, can(actor, { kind: 'doc', doc }, 'read'), "read this hub's notes")
    // Each note listed only to those who may read it: a hub-only one stays among the hub's missions.
    const notes = (await listNotes(c.var.db, hubId)).filter((n) => can(actor, { kind: 'doc', doc: parseDocName(noteDocName(hubId, n.id))!, scope: n.scope }, 'read'))
    return c.json(notes.map(presentNote))
  })
  .post('/:hubId/notes', validate('param', HubParams), validate('json', NoteInput), async (c) => {
    const actor = requireActor(c)
    const { hubId } = c.req.valid('param')
    await findHub(c.var.db, hubId)
    const id = randomBytes(9).toString('base64url')
    const doc = parseDocName(noteDocName(hubId, id))!
    ensure(actor, can(actor, { kind: 'doc', doc }, 'write'), 'write notes in this hub')
    const { title, scope } = c.req.valid('json')
    await createNote(c.var.db, { id, hubId, title, userId: actor.id, scope })
    // Searchable by its title before anyone writes in it.
    c.var.deps.services.projection.schedule(doc.name)
    // Colleagues see it in their list at once, on whichever process they are.
    c.var.deps.services.live.live({ type: 'note', hubId, noteId: id, scope: scope ?? DEFAULT_SCOPE })
    return c.json(presentNoteRef(hubId, id), 201)
  })
  .patch('/:hubId/notes/:noteId', validate('param', NoteParams), validate('json', NoteUpdateInput), async (c) => {
    const actor = requireActor(c)
    const { hubId, noteId } = c.req.valid('param')
    await findHub(c.var.db, hubId)
    const doc = parseDocName(noteDocName(hubId, noteId))!
    ensure(actor, can(actor, { kind: 'doc', doc }, 'write'), 'change notes in this hub')
    const { title, scope } = c.req.valid('json')
    const before = await noteScope(c.var.db, hubId, noteId)
    if (before === null) throw new NotFoundError('note')
    if (title !== undefined) await renameNote(c.var.db, hubId, noteId, title, actor.id)
    if (scope !== undefined && scope !== before) {
      await setNoteScope(c.var.db, hubId, noteId, scope)
      // Whoever loses access loses it now: their open sockets on the note close with 4403.
      c.var.deps.services.live.docScopeChanged(doc.name, scope)
      await audit(c, { action: 'note.scope_changed', target: { type: 'note', id: noteId }, hubId, details: { from: before, to: scope } })
    }
    c.var.deps.services.projection.schedule(doc.name)
    // Heard by whoever could read it before or can now: the wider of the two scopes.
    const after = scope ?? before
    c.var.deps.services.live.live({ type: 'note', hubId, noteId, scope: SCOPES.indexOf(after) > SCOPES.indexOf(before) ? after : before })
    return c.json(presentNoteRef(hubId, noteId))
  })
  .post('/:hubId/members', validate('param', HubParams), validate('json', NewMemberInput), async (c) => {
    const actor = requireActor(c)
    const { hubId } = c.req.valid('param')
    await findHub(c.var.db, hubId)
    ensure(actor, can(actor, { kind: 'hub-members', hubId }, 'write'), "manage this hub's members")
    const input = c.req.valid('json')
    const user = input.userId ? await findUser(c.var.db, input.userId) : await findUserByEmail(c.var.db, input.email!)
    if (!hasRole({ role: user.role, roles: asRoles(user.roles, user.role) }, 'staff')) throw new ForbiddenError('only staff accounts can be hub members')
    const mission = await findHubMission(c.var.db, hubId, { missionId: input.missionId, code: input.mission })
    const existing = await c.var.db.selectFrom('memberships').select(['mission_id', 'coordinator']).where('user_id', '=', user.id).where('hub_id', '=', hubId).executeTakeFirst()
    await upsertMembership(c.var.db, {
      userId: user.id,
      hubId,
      missionId: mission.id,
      coordinator: input.coordinator ?? false,
    })
    // An action's owner must be a member: the hub's log is projected again against the new list.
    c.var.deps.services.projection.schedule(logDocName(hubId))
    c.var.deps.logger.info({ actorId: actor.id, hubId, userId: user.id }, 'membership set')
    await audit(c, {
      action: existing ? 'membership.changed' : 'membership.added',
      target: { type: 'user', id: user.id },
      hubId,
      details: { mission: mission.code, coordinator: input.coordinator ?? false, ...(existing && { before: { missionId: existing.mission_id, coordinator: existing.coordinator } }) },
    })
    return c.json(presentMembershipSet({ user_id: user.id, hub_id: hubId, mission_id: mission.id, code: mission.code }), 201)
  })
  .delete('/:hubId/members/:userId', validate('param', MemberParams), async (c) => {
    const actor = requireActor(c)
    const { hubId, userId } = c.req.valid('param')
    await findHub(c.var.db, hubId)
    ensure(actor, can(actor, { kind: 'hub-members', hubId }, 'write'), "manage this hub's members")
    await deleteMembership(c.var.db, hubId, userId)
    // No longer a member: their open sockets to this hub's documents close at once.
    c.var.deps.services.live.accessLost(userId, hubId)
    // The actions they own are flagged (`owner: not a member of this hub`) once the log is projected again.
    c.var.deps.services.projection.schedule(logDocName(hubId))
    c.var.deps.logger.info({ actorId: actor.id, hubId, userId }, 'membership removed')
    await audit(c, { action: 'membership.removed', target: { type: 'user', id: userId }, hubId })
    return c.body(null, 204)
  })
  .put('/:hubId/focal-point', validate('param', HubParams), validate('json', FocalPointInput), async (c) => {
    const actor = requireActor(c)
    const { hubId } = c.req.valid('param')
    await findHub(c.var.db, hubId)
    ensure(actor, can(actor, { kind: 'hub-members', hubId }, 'write'), "set this hub's focal point")
    const input = c.req.valid('json')
    // The latest day it is anywhere (UTC+14): a post in the Pacific may state its own today.
    const latestToday = new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10)
    const set = await setFocalPoint(c.var.db, hubId, input, latestToday)
    await audit(c, { action: 'focal_point.set', target: { type: 'user', id: input.userId ?? '' }, hubId, details: { trained: set.trained, trainedOn: set.trainedOn } })
    return c.json(presentFocalPoint(hubId, set))
  })
