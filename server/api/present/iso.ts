/** An instant as the API writes it: ISO 8601 in UTC (drivers hand timestamps over as Date or string). */
export const iso = (d: Date | string): string => new Date(d).toISOString()

/** `iso`, keeping null. */
export const isoOrNull = (d: Date | string | null): string | null => (d === null ? null : iso(d))
