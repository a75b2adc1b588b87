import path from 'node:path'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../server/db/schema.js'
import { hashPassword } from '../server/auth/passwords.js'
import { appendUpdates } from '../server/collab/update-store.js'
import { demoHubs, demoUsers } from './demo-data.js'
import { demoDocs } from './demo-content.js'
import { demoShiftDays } from './demo-dates.js'

/** Where the demo accounts (with clear passwords, demo only) are listed: CONTRACT §3. */
export const DEMO_USERS_FILE = path.resolve(import.meta.dirname, 'demo', 'users.json')

/** Any number: the advisory lock that makes two processes starting together seed once. */
const SEED_LOCK = 7_262_011

/**
 * Seeds the demo hubs, missions, accounts and content into an EMPTY database (no users), in one
 * transaction: a failure leaves nothing half-seeded.
 * @returns what was seeded, or null when the database was not empty
 */
export async function seedDemoIfEmpty(
  db: Kysely<Database>,
  today = new Date(),
): Promise<{ users: number; hubs: number; docs: number } | null> {
  const hubs = demoHubs()
  const users = demoUsers()
  // Hash each distinct password once, before the transaction: start-up time matters.
  const hashes = new Map<string, string>()
  for (const p of new Set(users.map((u) => u.password))) hashes.set(p, await hashPassword(p))
  const docs = await demoDocs(demoShiftDays(today))

  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SEED_LOCK})`.execute(trx)
    const existing = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst()
    if (existing) return null

    await trx
      .insertInto('users')
      .values(users.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, password_hash: hashes.get(u.password)! })))
      .execute()
    await trx
      .insertInto('hubs')
      .values(hubs.map((h) => ({
        id: h.id, name: h.name, country: h.country, country_name: h.countryName, region: h.region,
        city: h.city, focal_point_user_id: null,
      })))
      .execute()
    await trx
      .insertInto('missions')
      .values(hubs.flatMap((h) => h.missions.map((m) => ({ id: m.id, hub_id: h.id, code: m.code, kind: m.kind, name: m.name, city: m.city }))))
      .execute()
    const memberships = users.flatMap((u) =>
      u.memberships.map((m) => ({ user_id: u.id, hub_id: m.hubId, mission_id: m.missionId, coordinator: m.coordinator })),
    )
    if (memberships.length) await trx.insertInto('memberships').values(memberships).execute()
    for (const h of hubs) {
      if (h.focalPointUserId && memberships.some((m) => m.user_id === h.focalPointUserId && m.hub_id === h.id)) {
        await trx.updateTable('hubs').set({ focal_point_user_id: h.focalPointUserId }).where('id', '=', h.id).execute()
      }
    }
    await appendUpdates(trx, docs)
    return { users: users.length, hubs: hubs.length, docs: docs.length }
  })
}
