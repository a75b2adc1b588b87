import { useMemo, type ReactNode } from 'react'
import { Link, match, useRouter } from '../../app/router'
import { useSession } from '../../app/session'
import { useApi } from '../../api/query'
import { ApiError } from '../../api/request'
import { useTaxonomy } from '../log/use-log'
import { Table } from '../../ui/table'
import { ErrorBanner } from '../../ui/error-banner'
import { formatDay } from '../../ui/format'
import type { Taxonomy } from '../../../shared/taxonomy'
import type { Language } from '../../../shared/languages'
import { useLanguage, useT } from '../../i18n/provider'
import { termLabelIn } from '../../i18n/terms'
import { actionKindLabel, exchangeTypeLabel } from '../../i18n/records'
import { actionStatusLabel } from '../../i18n/statuses'
import type { ItemView } from '../../../shared/schemas/items'
import type { HubSummaryView } from '../../../shared/schemas/hubs'
import type { GgProjectView } from '../../../shared/schemas/references'
import type { MeView } from '../../../shared/schemas/auth'
import {
  byHub, ggProjectPath, partnershipPath, partnershipTypeLabel, recordPath, referencesPath, stageLabel,
  useGgProject, useGgProjects, usePartnership,
} from './reference-api'

/**
 * The pages of the reference entities: the list of partnerships, dialogues and Global Gateway
 * projects (`/references`), and a page per partnership (`/partnerships/:id`) and per project
 * (`/gg-projects/:id`) with what it is and the records linked to it, grouped by hub, each
 * opening the record in its hub's tab. The API lists only records the reader may read.
 */
export default function ReferencesRoute() {
  const { path } = useRouter()
  const p = match('/partnerships/:id', path)
  const g = match('/gg-projects/:id', path)
  if (p) return <PartnershipPage id={p.id} />
  if (g) return <GgProjectPage id={g.id} />
  return <ReferencesList />
}

/** Loading, failure (not found, no access, no link) and the page itself, in one frame. */
function Frame({ title, back = true, loading, error, children }: { title: string; back?: boolean; loading: boolean; error: Error | null; children?: ReactNode }) {
  const t = useT()
  const notFound = error instanceof ApiError && error.status === 404
  return (
    <main id="main" className="page references">
      {back && (
        <p className="small">
          <Link to={referencesPath}>{t('refs.backToList')}</Link>
        </p>
      )}
      <h1>{notFound ? t('refs.notFound') : title}</h1>
      {loading && <p className="muted" role="status">{t('common.loading')}</p>}
      {notFound ? <p>{t('refs.notFoundText')}</p> : <ErrorBanner message={error?.message} />}
      {!loading && !error && children}
    </main>
  )
}

function useHubNames(): (id: string) => string {
  const hubs = useApi<HubSummaryView[]>('/api/hubs')
  return useMemo(() => {
    const names = new Map((hubs.data ?? []).map((h) => [h.id, h.name]))
    return (id: string) => names.get(id) ?? id
  }, [hubs.data])
}

const countryList = (codes: string[]) => (codes.length ? codes.join(', ') : '—')

/** The list: partnerships and dialogues (from the taxonomy) and Global Gateway projects. */
function ReferencesList() {
  const taxonomy = useTaxonomy()
  const projects = useGgProjects()
  const t = useT()
  return (
    <Frame title={t('refs.title')} back={false} loading={projects.isPending} error={projects.error}>
      <p className="muted">{t('refs.intro')}</p>
      <section aria-labelledby="gg-list">
        <h2 id="gg-list">{t('refs.ggProjects')}</h2>
        {projects.data?.length === 0 ? (
          <p className="muted">{t('refs.noGgProjects')}</p>
        ) : (
          <Table
            caption={t('refs.ggProjects')}
            captionHidden
            columns={[t('refs.col.project'), t('refs.col.stage'), t('refs.col.countries'), t('refs.col.contributors')]}
            testId="gg-projects"
          >
            {projects.data?.map((g) => (
              <tr key={g.id}>
                <th scope="row">
                  <Link to={ggProjectPath(g.id)}>{g.name}</Link>
                </th>
                <td>{g.stage ? stageLabel(g.stage) : '—'}</td>
                <td>{countryList(g.countries)}</td>
                <td>{countryList(g.contributors)}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
      <section aria-labelledby="partnership-list">
        <h2 id="partnership-list">{t('refs.partnerships')}</h2>
        {!taxonomy ? (
          <p className="muted" role="status">{t('common.loading')}</p>
        ) : taxonomy.partnerships.length === 0 ? (
          <p className="muted">{t('refs.noPartnerships')}</p>
        ) : (
          <Table
            caption={t('refs.partnerships')}
            captionHidden
            columns={[t('refs.col.partnership'), t('refs.col.type'), t('refs.col.partners')]}
            testId="partnerships"
          >
            {taxonomy.partnerships.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={partnershipPath(p.id)}>{p.label}</Link>
                </th>
                <td>{partnershipTypeLabel(p.type)}</td>
                <td>{countryList(p.partners)}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
    </Frame>
  )
}

function PartnershipPage({ id }: { id: string }) {
  const q = usePartnership(id)
  const p = q.data?.partnership
  const t = useT()
  return (
    <Frame title={p?.label ?? t('refs.col.partnership')} loading={q.isPending} error={q.error}>
      {p && (
        <dl className="facts">
          <dt>{t('refs.col.type')}</dt>
          <dd>{partnershipTypeLabel(p.type)}</dd>
          <dt>{t('refs.col.partners')}</dt>
          <dd>{countryList(p.partners)}</dd>
        </dl>
      )}
      {q.data && <LinkedRecords items={q.data.items} />}
    </Frame>
  )
}

function GgProjectPage({ id }: { id: string }) {
  const q = useGgProject(id)
  const taxonomy = useTaxonomy()
  const g: GgProjectView | undefined = q.data?.project
  const partnership = g?.partnership ? taxonomy?.partnerships.find((p) => p.id === g.partnership) : undefined
  const t = useT()
  const { language } = useLanguage()
  return (
    <Frame title={g?.name ?? t('refs.ggProject')} loading={q.isPending} error={q.error}>
      {g && (
        <dl className="facts">
          <dt>{t('refs.col.stage')}</dt>
          <dd>{g.stage ? stageLabel(g.stage) : t('refs.notStated')}</dd>
          <dt>{t('refs.col.countries')}</dt>
          <dd>{countryList(g.countries)}</dd>
          <dt>{t('refs.themes')}</dt>
          <dd>{g.themes.length ? g.themes.map((id) => themeName(taxonomy, id, language)).join(', ') : '—'}</dd>
          <dt>{t('refs.col.contributors')}</dt>
          <dd>{countryList(g.contributors)}</dd>
          {g.partnership && (
            <>
              <dt>{t('refs.col.partnership')}</dt>
              <dd>
                <Link to={partnershipPath(g.partnership)}>{partnership?.label ?? g.partnership}</Link>
              </dd>
            </>
          )}
        </dl>
      )}
      {q.data && <LinkedRecords items={q.data.items} />}
    </Frame>
  )
}

const themeName = (tax: Taxonomy | null, id: string, language: Language) => (tax ? termLabelIn(tax.themes, id, language) : id)

/** The linked records, grouped by hub; each opens in its hub (or, for a cross-cutting item a reader cannot open the hub of, on the board). */
function LinkedRecords({ items }: { items: ItemView[] }) {
  const { me } = useSession()
  const hubName = useHubNames()
  const groups = byHub(items)
  const t = useT()
  return (
    <section aria-labelledby="linked-records" data-testid="linked-records">
      <h2 id="linked-records">{t('refs.linked')}</h2>
      {items.length === 0 ? (
        <p className="muted">{t('refs.linkedNone')}</p>
      ) : (
        <p className="muted small">{t('refs.linkedCount', { records: items.length, hubs: groups.length })}</p>
      )}
      {groups.map(([hubId, list]) => (
        <section key={hubId} aria-labelledby={`hub-${hubId}`} className="panel">
          <h3 id={`hub-${hubId}`}>{hubName(hubId)}</h3>
          <ul className="plain">
            {list.map((i) => (
              <li key={i.id} className="entry">
                <RecordLine item={i} me={me} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  )
}

function RecordLine({ item: i, me }: { item: ItemView; me: MeView | null }) {
  const t = useT()
  const to = me ? recordPath(me, i) : null
  const title = i.title || t('refs.untitled')
  const what =
    i.kind === 'action'
      ? [t('refs.action'), i.actionKind ? actionKindLabel(i.actionKind) : null, i.status ? actionStatusLabel(i.status) : null]
      : [t('refs.exchange'), i.exchangeType ? exchangeTypeLabel(i.exchangeType) : null]
  return (
    <>
      {to ? <Link to={to}>{title}</Link> : <strong>{title}</strong>}{' '}
      <span className="muted small">
        {[...what, i.mission, i.createdAt ? formatDay(i.createdAt.slice(0, 10)) : null].filter(Boolean).join(' · ')}
      </span>
    </>
  )
}
