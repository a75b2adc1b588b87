import { useEffect, useState } from 'react'
import { useSession } from '../app/session'
import { isNetworkFailure, keptGet } from '../offline/kept-answers'
import { Loading, LocalOnlyNotice } from '../offline/loading'
import { retryWhenOnline } from '../offline/when-online'
import { Link } from '../app/router'
import type { HubSummaryView } from '../../shared/schemas/hubs'
import { ErrorBanner } from '../ui/error-banner'
import { Flag } from '../ui/flag-icon'
import { formatDay } from '../ui/format'
import { regionLabel } from '../../shared/labels'
import { useLanguage, useT } from '../i18n/provider'

/** "My hubs": one card per hub the person may see. */
export function HomePage() {
  const { me } = useSession()
  const t = useT()
  const { language } = useLanguage()
  const [hubs, setHubs] = useState<HubSummaryView[] | null>(null)
  const [savedAt, setSavedAt] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(
    () =>
      retryWhenOnline(
        () =>
          keptGet<HubSummaryView[]>(me?.id ?? '', '/api/hubs').then(
            (r) => (setHubs(r.data), setSavedAt(r.savedAt), setError(null)),
            (e: Error) => {
              if (!isNetworkFailure(e)) setError(e.message)
              throw e
            },
          ),
        isNetworkFailure,
      ),
    [me?.id],
  )
  return (
    <main id="main" className="page">
      <h1>{t('home.title')}</h1>
      <ErrorBanner message={error} />
      <LocalOnlyNotice savedAt={savedAt} />
      {hubs === null && !error && <Loading />}
      {hubs?.length === 0 && <p>{t('home.none')}</p>}
      <ul className="cards" aria-label={t('home.hubs')}>
        {hubs?.map((h) => (
          <li key={h.id} className="card" data-testid="hub-card">
            <h2>
              <Link to={`/hubs/${h.id}/brief`}>
                <Flag code={h.country} />
                {h.countryName}
              </Link>
            </h2>
            <p className="muted">
              {[h.name, h.city, regionLabel(h.region, language)].filter(Boolean).join(' · ')}
            </p>
            {h.activity && (
              <p className="small" data-testid="hub-activity">
                {t('home.activity', { count: h.activity.last30Days })}
                {h.activity.latest && (
                  <>
                    {t('home.latest')}
                    <span className="muted">
                      {h.activity.latest.title} ({formatDay(h.activity.latest.at)})
                    </span>
                  </>
                )}
              </p>
            )}
            <p aria-label={t('home.missions')}>
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
