/**
 * Demo dates move with the calendar: every date of the demo content is shifted by the whole days
 * between the source's "as of" date and the day of seeding, so the dashboards always look alive.
 * Tests shift the source's expected roll-up figures with the same function.
 */

/** The source's `meta.demo_as_of` (seeds/demo/hubs.json `meta.demoAsOf`): the day the original dates describe. */
export const DEMO_AS_OF = '2026-05-15'
const DAY_MS = 86_400_000

/** Whole days from DEMO_AS_OF to `today` (UTC). */
export function demoShiftDays(today: Date): number {
  const t = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())
  return Math.round((t - Date.parse(`${DEMO_AS_OF}T00:00:00Z`)) / DAY_MS)
}

/** Shifts a `YYYY-MM-DD` date by `days`. */
export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** Shifts a `YYYY-MM-DD` date by `days` and gives it as an ISO instant at noon UTC. */
export function shiftToInstant(date: string, days: number): string {
  return `${shiftDate(date, days)}T12:00:00.000Z`
}
