/** Dates of the dashboard's custom range: by default the half-year containing today. */
export function currentHalfYear(today = new Date()): { from: string; to: string } {
  const year = today.getUTCFullYear()
  return today.getUTCMonth() < 6 ? { from: `${year}-01-01`, to: `${year}-06-30` } : { from: `${year}-07-01`, to: `${year}-12-31` }
}
