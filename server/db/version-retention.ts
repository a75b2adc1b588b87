import { sql, type Kysely } from 'kysely'
import type { Database } from './schema.js'

/**
 * How long versions are kept, by age (the newest version is always kept, whatever its age):
 * - younger than `allDays` (7): every version;
 * - up to `hourlyDays` (30): the newest of each hour;
 * - older: the newest of each day;
 * - a version whose reason starts with one of `keepPrefixes` (a submitted brief) is never pruned.
 * Run at start and every few hours; one DELETE per run.
 */
export const VERSION_RETENTION = { allDays: 7, hourlyDays: 30, keepPrefixes: ['submitted'] } as const

const DAY_MS = 86_400_000

/** Deletes the versions the retention policy does not keep. @returns how many were deleted */
export async function pruneVersions(db: Kysely<Database>, now = new Date(), policy = VERSION_RETENTION): Promise<number> {
  const allSince = new Date(now.getTime() - policy.allDays * DAY_MS)
  const hourlySince = new Date(now.getTime() - policy.hourlyDays * DAY_MS)
  const bucket = (alias: string) =>
    sql`case when ${sql.ref(`${alias}.created_at`)} >= ${hourlySince} then date_trunc('hour', ${sql.ref(`${alias}.created_at`)}) else date_trunc('day', ${sql.ref(`${alias}.created_at`)}) end`
  const kept = sql.join(
    policy.keepPrefixes.map((p) => sql`v.reason like ${p + '%'}`),
    sql` or `,
  )
  // A version goes when a newer one of the same document falls in its hour (or day).
  const res = await sql`
    delete from doc_versions v
    where v.created_at < ${allSince}
      and not (${kept})
      and exists (
        select 1 from doc_versions w
        where w.doc = v.doc
          and (w.created_at > v.created_at or (w.created_at = v.created_at and w.id > v.id))
          and ${bucket('w')} = ${bucket('v')}
      )`.execute(db)
  return Number(res.numAffectedRows ?? 0)
}
