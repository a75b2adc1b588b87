/** Half-year reporting periods: the Council's progress report follows them. */
export interface Period {
  id: string
  label: string
  from: string
  to: string
}

/** The half-years from 2025-H1 to the one after today's, newest first. */
export function halfYears(today = new Date()): Period[] {
  const out: Period[] = []
  const last = today.getUTCFullYear() * 2 + (today.getUTCMonth() < 6 ? 0 : 1) + 1
  for (let n = last; n >= 2025 * 2; n--) {
    const year = Math.floor(n / 2)
    const h = n % 2
    out.push({
      id: `${year}-H${h + 1}`,
      label: `${h ? 'July–December' : 'January–June'} ${year}`,
      from: `${year}-${h ? '07-01' : '01-01'}`,
      to: `${year}-${h ? '12-31' : '06-30'}`,
    })
  }
  return out
}

/** The half-year containing `day`. */
export function currentHalfYear(today = new Date()): Period {
  const day = today.toISOString().slice(0, 10)
  return halfYears(today).find((p) => p.from <= day && day <= p.to)!
}
