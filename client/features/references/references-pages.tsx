import { useMemo, type ReactNode } from 'react'
import { Link, match, useRouter } from '../../app/router'
import { useSession } from '../../app/session'
import { useApi } from '../../api/query'
import { ApiError } from '../../api/request'
import { useTaxonomy } from '../log/use-log'
import { Table } from '../../ui/table'
import { ErrorBanner } from '../../ui/error-banner'
import { formatDay } from '../../ui/format'
import { count } from '../../../shared/labels'
import { termLabel, type Taxonomy } from '../../../shared/taxonomy'
import { ACTION_KIND_LABELS, EXCHANGE_TYPE_LABELS, type ActionKind, type ExchangeType } from '../../../shared/records'
import { ACTION_STATUS_LABELS } from '../../../shared/item-statuses'
import type { ItemView } from '../../../shared/schemas/items'
import type { HubSummaryView } from '../../../shared/schemas/hubs'
import type { GgProjectView } from '../../../shared/schemas/references'
import type { MeView } from '../../../shared/schemas/auth'
import {
  byHub, ggProjectPath, partnershipPath, partnershipTypeLabel, recordPath, referencesPath, STAGE_LABELS,
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
  const notFound = error instanceof ApiError && error.status === 404
  return (
    <main id="main" className="page references">
      {back && (
        <p className="small">
          <Link to={referencesPath}>All partnerships and projects</Link>
        </p>
      )}
      <h1>{notFound ? 'Not found' : title}</h1>
      {loading && <p className="muted" role="status">Loading…</p>}
      {notFound ? <p>There is no such partnership or project. It may have been removed, or the link is wrong.</p> : <ErrorBanner message={error?.message} />}
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
  return (
    <Frame title="Partnerships and projects" back={false} loading={projects.isPending} error={projects.error}>
      <p className="muted">Each page lists the exchanges and actions linked to it in every hub you may read.</p>
      <section aria-labelledby="gg-list">
        <h2 id="gg-list">Global Gateway projects</h2>
        {projects.data?.length === 0 ? (
          <p className="muted">No Global Gateway projects yet.</p>
        ) : (
          <Table caption="Global Gateway projects" captionHidden columns={['Project', 'Stage', 'Countries', 'Team Europe contributors']} testId="gg-projects">
            {projects.data?.map((g) => (
              <tr key={g.id}>
                <th scope="row">
                  <Link to={ggProjectPath(g.id)}>{g.name}</Link>
                </th>
                <td>{g.stage ? STAGE_LABELS[g.stage] : '—'}</td>
                <td>{countryList(g.countries)}</td>
                <td>{countryList(g.contributors)}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
      <section aria-labelledby="partnership-list">
        <h2 id="partnership-list">Partnerships and dialogues</h2>
        {!taxonomy ? (
          <p className="muted" role="status">Loading…</p>
        ) : taxonomy.partnerships.length === 0 ? (
          <p className="muted">No partnerships or dialogues in the taxonomy.</p>
        ) : (
          <Table caption="Partnerships and dialogues" captionHidden columns={['Partnership or dialogue', 'Type', 'Partners']} testId="partnerships">
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
  return (
    <Frame title={p?.label ?? 'Partnership or dialogue'} loading={q.isPending} error={q.error}>
      {p && (
        <dl className="facts">
          <dt>Type</dt>
          <dd>{partnershipTypeLabel(p.type)}</dd>
          <dt>Partners</dt>
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
  return (
    <Frame title={g?.name ?? 'Global Gateway project'} loading={q.isPending} error={q.error}>
      {g && (
        <dl className="facts">
          <dt>Stage</dt>
          <dd>{g.stage ? STAGE_LABELS[g.stage] : 'Not stated'}</dd>
          <dt>Countries</dt>
          <dd>{countryList(g.countries)}</dd>
          <dt>Themes</dt>
          <dd>{g.themes.length ? g.themes.map((t) => themeName(taxonomy, t)).join(', ') : '—'}</dd>
          <dt>Team Europe contributors</dt>
          <dd>{countryList(g.contributors)}</dd>
          {g.partnership && (
            <>
              <dt>Partnership or dialogue</dt>
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

const themeName = (t: Taxonomy | null, id: string) => (t ? termLabel(t.themes, id) : id)

/** The linked records, grouped by hub; each opens in its hub (or, for a cross-cutting item a reader cannot open the hub of, on the board). */
function LinkedRecords({ items }: { items: ItemView[] }) {
  const { me } = useSession()
  const hubName = useHubNames()
  const groups = byHub(items)
  return (
    <section aria-labelledby="linked-records" data-testid="linked-records">
      <h2 id="linked-records">Linked records</h2>
      {items.length === 0 ? (
        <p className="muted">No exchange or action you may read is linked to it yet.</p>
      ) : (
        <p className="muted small">
          {count(items.length, 'record')} in {count(groups.length, 'hub')}
        </p>
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
  const to = me ? recordPath(me, i) : null
  const title = i.title || 'Untitled'
  const what =
    i.kind === 'action'
      ? ['Action', i.actionKind ? (ACTION_KIND_LABELS[i.actionKind as ActionKind] ?? i.actionKind) : null, i.status ? ((ACTION_STATUS_LABELS as Record<string, string>)[i.status] ?? i.status) : null]
      : ['Exchange', i.exchangeType ? (EXCHANGE_TYPE_LABELS[i.exchangeType as ExchangeType] ?? i.exchangeType) : null]
  return (
    <>
      {to ? <Link to={to}>{title}</Link> : <strong>{title}</strong>}{' '}
      <span className="muted small">
        {[...what, i.mission, i.createdAt ? formatDay(i.createdAt.slice(0, 10)) : null].filter(Boolean).join(' · ')}
      </span>
    </>
  )
}
