import { useApi } from '../api/query'
import { Link } from '../app/router'
import type { HubSummaryView } from '../../shared/schemas/hubs'
import { ErrorBanner } from '../ui/error-banner'
import { Flag } from '../ui/flag-icon'
import { formatDay } from '../ui/format'
import { count, regionLabel } from '../../shared/labels'

/** "My hubs": one card per hub the person may see. */
export function HomePage() {
  const q = useApi<HubSummaryView[]>('/api/hubs')
  const hubs = q.data ?? null
  const error = q.error?.message ?? null
  return (
    <main id="main" className="page">
      <h1>My hubs</h1>
      <ErrorBanner message={error} />
      {hubs === null && !error && <p className="muted">Loading…</p>}
      {hubs?.length === 0 && <p>You are not a member of any hub yet. Ask your hub coordinator to add you.</p>}
      <ul className="cards" aria-label="Hubs">
        {hubs?.map((h) => (
          <li key={h.id} className="card" data-testid="hub-card">
            <h2>
              <Link to={`/hubs/${h.id}/brief`}>
                <Flag code={h.country} />
                {h.countryName}
              </Link>
            </h2>
            <p className="muted">
              {[h.name, h.city, regionLabel(h.region)].filter(Boolean).join(' · ')}
            </p>
            {h.activity && (
              <p className="small" data-testid="hub-activity">
                {count(h.activity.last30Days, 'new entry', 'new entries')} in 30 days
                {h.activity.latest && (
                  <>
                    {' · latest: '}
                    <span className="muted">
                      {h.activity.latest.title} ({formatDay(h.activity.latest.at)})
                    </span>
                  </>
                )}
              </p>
            )}
            <p aria-label="Missions present">
              {h.missions.map((m) => (
                <span key={m.id} className="chip" title={m.name}>
                  <Flag code={m.code} />
                  {m.code}
                  <span className="sr-only"> ({m.name})</span>
                </span>
              ))}
            </p>
          </li>
        ))}
      </ul>
    </main>
  )
}
