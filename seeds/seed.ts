import path from 'node:path'
import type { Kysely } from 'kysely'
import type { Database } from '../server/db/schema.js'

/** Where the demo accounts (with clear passwords, demo only) are listed: CONTRACT §3. */
export const DEMO_USERS_FILE = path.resolve(import.meta.dirname, 'demo', 'users.json')

/** Seeds the demo data into an empty database. Being rewritten by the seed work (issue 2). */
export async function seedDemoIfEmpty(
  _db: Kysely<Database>,
): Promise<{ users: number; hubs: number } | null> {
  return null
}
