import { readFileSync } from 'node:fs'
import path from 'node:path'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../server/db/schema.js'
import { hashPassword } from '../server/auth/passwords.js'
import { appendUpdates } from '../server/db/update-store.js'
import { taxonomyFromFile } from '../shared/taxonomy-file.js'
import { PROJECT_ROOT } from '../server/project-root.js'
import { loadDemoFiles, USERS_FILE } from './demo-files.js'
import { demoDocs, demoSubmissions } from './demo-content.js'
import { briefDocName } from '../shared/doc-names.js'
import { submittedReason } from '../server/periods/brief-cycle.js'
import { buildItemId } from '../shared/item-id.js'
import { demoShiftDays, shiftDate, shiftToInstant } from './demo-dates.js'
import { seedGgProjects } from '../server/references/gg-projects.js'

/** Where the demo accounts (with clear passwords, demo only) are listed. */
export const DEMO_USERS_FILE = USERS_FILE

/** Any fixed number: the advisory lock that makes two processes starting together seed once. */
const SEED_LOCK = 7_262_011

/**
 * Seeds the demo hubs, missions, accounts, focal points and content (briefs, logs, notes) into an
 * EMPTY database (no users), in ONE transaction: a failure leaves nothing half-seeded, and two
 * processes starting together seed once (advisory lock, then the emptiness check). Every demo date
 * is shifted so the source's "as of" day becomes `today`.
 * @returns what was seeded, or null when the database was not empty
 */
export async function seedDemoIfEmpty(
  db: Kysely<Database>,
  today = new Date(),
): Promise<{ users: number; hubs: number; docs: number } | null> {
  // Cheap early exit before hashing or building anything: most starts find a seeded database.
  if (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) return null

  const { accounts, data } = loadDemoFiles()
  const taxonomy = taxonomyFromFile(JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'seeds', 'taxonomy.json'), 'utf8')))
  const shift = demoShiftDays(today)
  // Hash each distinct password once (argon2id is slow on purpose); outside the transaction.
  const hashes = new Map<string, string>()
  for (const p of new Set(accounts.map((a) => a.password))) hashes.set(p, await hashPassword(p))
  const docs = await demoDocs(data, taxonomy, shift)
  const submissions = await demoSubmissions(data, taxonomy, shift)

  const idOf = new Map(data.users.map((u) => [u.email, u.id]))
  const missionId = new Map(data.hubs.flatMap((h) => h.missions.map((m) => [`${h.id}/${m.code}`, m.id] as const)))
  const users = accounts.map((a) => ({ id: idOf.get(a.email)!, email: a.email, name: a.name, role: a.role, roles: a.roles ?? [a.role], password_hash: hashes.get(a.password)! }))
  const memberships = accounts.flatMap((a) =>
    a.memberships.map((m) => ({ user_id: idOf.get(a.email)!, hub_id: m.hubId, mission_id: missionId.get(`${m.hubId}/${m.mission}`)!, coordinator: m.coordinator })),
  )
  const notes = data.hubs.flatMap((h) =>
    h.notes.map((n) => {
      const at = shiftToInstant(n.createdAt, shift)
      return { id: n.id, hub_id: h.id, title: n.title, created_by: n.authorId, created_at: at, updated_at: at, updated_by: n.authorId }
    }),
  )

  // Item ids are `<hubId>:<kind>:<entryId>`; cross-cutting items live in the log as exchanges.
  const comments = data.comments.map((c) => ({
    id: c.id,
    item_id: buildItemId(c.hubId, c.targetType === 'action' ? 'action' : 'exchange', c.itemId),
    hub_id: c.hubId,
    author_id: c.authorId,
    body: c.body,
    created_at: shiftToInstant(c.createdAt, shift),
  }))

  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SEED_LOCK})`.execute(trx)
    if (await trx.selectFrom('users').select('id').limit(1).executeTakeFirst()) return null

    await trx.insertInto('users').values(users).execute()
    await trx
      .insertInto('hubs')
      .values(data.hubs.map((h) => ({
        id: h.id, name: h.name, country: h.country, country_name: h.countryName, region: h.region,
        city: h.city, focal_point_user_id: h.focalPoint.userId,
        // The demo data states who is trained and since when they are focal point, not a training day.
        focal_point_trained: h.focalPoint.userId !== null && h.focalPoint.trained,
        focal_point_since: h.focalPoint.userId !== null && h.focalPoint.since ? h.focalPoint.since : null,
      })))
      .execute()
    await trx
      .insertInto('missions')
      .values(data.hubs.flatMap((h) => h.missions.map((m) => ({ id: m.id, hub_id: h.id, code: m.code, kind: m.kind, name: m.name, city: m.city }))))
      .execute()
    if (memberships.length) await trx.insertInto('memberships').values(memberships).execute()
    await seedGgProjects(trx, taxonomy, data.globalGatewayProjects)
    if (notes.length) await trx.insertInto('notes').values(notes).execute()
    if (comments.length) await trx.insertInto('comments').values(comments).execute()
    await appendUpdates(trx, docs)
    // The demo's reporting periods, on the shifted calendar of its content; a locked one is frozen
    // once the projection has run (freezePendingPeriods), since items do not exist before.
    for (const p of data.reportingPeriods) {
      await trx
        .insertInto('periods')
        .values({ id: p.id, start: shiftDate(p.start, shift), end: shiftDate(p.end, shift), brief_due: shiftDate(p.briefDue, shift), locked_at: p.status === 'locked' ? today : null })
        .execute()
    }
    for (const b of submissions) {
      const version = await trx
        .insertInto('doc_versions')
        .values({ doc: briefDocName(b.hubId), upto_seq: 0, state: b.state, editors: b.submittedBy ? [b.submittedBy] : [], reason: submittedReason(b.periodId) })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('brief_submissions')
        .values({
          hub_id: b.hubId, period_id: b.periodId, status: b.status, version_id: version.id, submitted_at: b.submittedAt, submitted_by: b.submittedBy,
          reviewed_at: b.reviewedBy ? b.submittedAt : null, reviewed_by: b.reviewedBy, note: null,
        })
        .execute()
    }
    return { users: users.length, hubs: data.hubs.length, docs: docs.length }
  })
}
