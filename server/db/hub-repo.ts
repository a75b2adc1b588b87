import { sql } from 'kysely'
import type { Kysely, RawBuilder } from 'kysely'
import type { Database, Hub, Mission, NewHub, NewMission } from './schema.js'
import { ConflictError, NotFoundError, ValidationError } from '../errors.js'
import type { LogKind } from '../../shared/item-statuses.js'

/** Hubs with their missions; all of them, or only `hubIds`. */
export async function listHubs(
  db: Kysely<Database>,
  hubIds: string[] | null,
): Promise<(Hub & { missions: Mission[] })[]> {
  if (hubIds && hubIds.length === 0) return []
  let hubsQuery = db.selectFrom('hubs').selectAll().orderBy('name')
  if (hubIds) hubsQuery = hubsQuery.where('id', 'in', hubIds)
  const hubs = await hubsQuery.execute()
  if (hubs.length === 0) return []
  const missions = await db
    .selectFrom('missions')
    .selectAll()
    .where(
      'hub_id',
      'in',
      hubs.map((h) => h.id),
    )
    .orderBy('kind')
    .orderBy('code')
    .execute()
  return hubs.map((h) => ({ ...h, missions: missions.filter((m) => m.hub_id === h.id) }))
}

/**
 * One hub.
 * @throws NotFoundError
 */
export async function findHub(db: Kysely<Database>, hubId: string): Promise<Hub> {
  return db
    .selectFrom('hubs')
    .selectAll()
    .where('id', '=', hubId)
    .executeTakeFirstOrThrow(() => new NotFoundError('hub'))
}

/** A hub's members with their mission. */
export async function listMembers(db: Kysely<Database>, hubId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .innerJoin('missions', 'missions.id', 'memberships.mission_id')
    .select([
      'users.id as user_id',
      'users.name',
      'users.email',
      'missions.id as mission_id',
      'missions.code',
      'memberships.coordinator',
    ])
    .where('memberships.hub_id', '=', hubId)
    .where('users.disabled_at', 'is', null)
    .orderBy('missions.code')
    .orderBy('users.name')
    .execute()
}

/** Creates a hub. @throws ConflictError when the id is taken */
export async function createHub(db: Kysely<Database>, hub: NewHub): Promise<void> {
  const taken = await db.selectFrom('hubs').select('id').where('id', '=', hub.id).executeTakeFirst()
  if (taken) throw new ConflictError(`hub ${hub.id} already exists`)
  await db.insertInto('hubs').values(hub).execute()
}

/** Adds a mission to a hub. @throws ConflictError when the hub already has that mission code */
export async function createMission(db: Kysely<Database>, mission: NewMission): Promise<void> {
  const clash = await db
    .selectFrom('missions')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('id', '=', mission.id),
        eb.and([eb('hub_id', '=', mission.hub_id), eb('code', '=', mission.code)]),
      ]),
    )
    .executeTakeFirst()
  if (clash) throw new ConflictError(`hub ${mission.hub_id} already has mission ${mission.code}`)
  await db.insertInto('missions').values(mission).execute()
}

/**
 * Resolves a mission of a hub by id or code.
 * @throws ValidationError when the hub has no such mission
 */
export async function findHubMission(
  db: Kysely<Database>,
  hubId: string,
  by: { missionId?: string; code?: string },
): Promise<Mission> {
  let q = db.selectFrom('missions').selectAll().where('hub_id', '=', hubId)
  q = by.missionId ? q.where('id', '=', by.missionId) : q.where('code', '=', by.code ?? '')
  const mission = await q.executeTakeFirst()
  if (!mission) throw new ValidationError(`mission: hub ${hubId} has no such mission`)
  return mission
}

/** Adds (or moves) a user's membership of a hub. */
export async function upsertMembership(
  db: Kysely<Database>,
  m: { userId: string; hubId: string; missionId: string; coordinator: boolean },
): Promise<void> {
  await db
    .insertInto('memberships')
    .values({ user_id: m.userId, hub_id: m.hubId, mission_id: m.missionId, coordinator: m.coordinator })
    .onConflict((oc) =>
      oc.columns(['user_id', 'hub_id']).doUpdateSet({ mission_id: m.missionId, coordinator: m.coordinator }),
    )
    .execute()
}

/** Removes a membership; the hub's focal point is cleared if it was that user. */
export async function deleteMembership(db: Kysely<Database>, hubId: string, userId: string) {
  const res = await db
    .deleteFrom('memberships')
    .where('hub_id', '=', hubId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  if (Number(res.numDeletedRows) === 0) throw new NotFoundError('membership')
  await db
    .updateTable('hubs')
    .set({ focal_point_user_id: null, focal_point_trained: false, focal_point_trained_on: null, focal_point_since: null })
    .where('id', '=', hubId)
    .where('focal_point_user_id', '=', userId)
    .execute()
}

/** The focal point's training as stated, and since when they hold the post. */
export interface FocalPointState {
  userId: string | null
  trained: boolean
  trainedOn: string | null
  since: Date | string | null
}

/**
 * Sets or clears a hub's digital focal point and their training (2023 ¶15). Training not stated is
 * kept for the same person and starts untrained for a new one; `since` is the server's time of the
 * change of person. @throws ValidationError if not a member, or a training date in the future
 */
export async function setFocalPoint(
  db: Kysely<Database>,
  hubId: string,
  input: { userId: string | null; trained?: boolean; trainedOn?: string | null },
  today: string,
): Promise<FocalPointState> {
  const { userId } = input
  if (userId) {
    const member = await db
      .selectFrom('memberships')
      .select('user_id')
      .where('hub_id', '=', hubId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    if (!member) throw new ValidationError('userId: the focal point must be a member of the hub')
  }
  if (input.trainedOn && input.trainedOn > today) throw new ValidationError('trainedOn: a training date cannot be in the future')
  return db.transaction().execute(async (tx) => {
    const now = await tx
      .selectFrom('hubs')
      .select(['focal_point_user_id', 'focal_point_trained', 'focal_point_trained_on', 'focal_point_since'])
      .where('id', '=', hubId)
      .forUpdate()
      .executeTakeFirstOrThrow()
    const samePerson = userId !== null && userId === now.focal_point_user_id
    const trained = userId === null ? false : (input.trained ?? (input.trainedOn ? true : samePerson && now.focal_point_trained))
    const trainedOn = !trained ? null : input.trainedOn !== undefined ? input.trainedOn : samePerson ? now.focal_point_trained_on : null
    const since = userId === null ? null : samePerson ? now.focal_point_since : new Date()
    await tx
      .updateTable('hubs')
      .set({ focal_point_user_id: userId, focal_point_trained: trained, focal_point_trained_on: trainedOn, focal_point_since: since })
      .where('id', '=', hubId)
      .execute()
    return { userId, trained, trainedOn, since }
  })
}

/** A hub's recent log activity: entries created in the last 30 days and the newest one. */
export interface HubActivityRow {
  last_30_days: number
  latest: { title: string; kind: LogKind; created_at: Date | string } | null
}

/** Per hub: log entries created in the last 30 days and the newest one (hub cards). */
export async function hubActivity(
  db: Kysely<Database>,
  hubIds: string[],
  /** Which items the reader may see named (the latest one); counts take every item of the hub. */
  readable: RawBuilder<boolean>,
  now = new Date(),
): Promise<Map<string, HubActivityRow>> {
  const out = new Map<string, HubActivityRow>()
  if (hubIds.length === 0) return out
  const since = new Date(now.getTime() - 30 * 86_400_000)
  const counts = await db
    .selectFrom('items')
    .select(['hub_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('hub_id', 'in', hubIds)
    .where('created_at', '>=', since)
    .groupBy('hub_id')
    .execute()
  const latest = await sql<{ hub_id: string; title: string; kind: LogKind; created_at: Date | string }>`
    select distinct on (hub_id) hub_id, title, kind, created_at from items
    where hub_id in (${sql.join(hubIds)}) and created_at is not null and created_at <= ${now} and ${readable}
    order by hub_id, created_at desc`.execute(db)
  for (const id of hubIds) out.set(id, { last_30_days: 0, latest: null })
  for (const c of counts) out.get(c.hub_id)!.last_30_days = Number(c.n)
  for (const l of latest.rows) out.get(l.hub_id)!.latest = { title: l.title, kind: l.kind, created_at: l.created_at }
  return out
}
