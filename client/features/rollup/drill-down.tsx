import { useApi } from '../../api/query'
import { Link } from '../../app/router'
import { entryPath } from '../../app/links'
import type { ItemView } from '../../../shared/schemas/items'
import { STATUS_LABEL } from '../../../shared/rollup-charts'
import type { Drill } from './drill'
import { formatDateTime, formatDay } from '../../ui/format'
import { count } from '../../../shared/labels'
import { useEscape } from '../../ui/use-escape'
import { useTaxonomy } from '../log/use-log'
import { RecordRefs } from '../references/record-refs'

/** The items behind a figure, from `/api/items` with the same conditions the roll-up counted. */
export function DrillDown({ drill, hubName, onClose }: { drill: Drill; hubName: (id: string) => string; onClose: () => void }) {
  const q = useApi<ItemView[]>(`/api/items?${new URLSearchParams({ ...drill.query, limit: '500' })}`)
  useEscape(onClose)
  const taxonomy = useTaxonomy()
  const items = q.data ?? null
  const error = q.error?.message ?? null
  return (
    <section className="drawer" role="dialog" aria-modal="false" aria-labelledby="drill-title" data-testid="drill-down">
      <div className="panel-head">
        <h2 id="drill-title">{drill.title}</h2>
        <button type="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
      {error && <p className="error">{error}</p>}
      {!items && !error && <p className="muted">Loading…</p>}
      {items && <p className="muted small">{count(items.length, 'item')}</p>}
      <ul className="plain">
        {items?.map((i) => (
          <li key={i.id} className="entry">
            <strong>{i.title || 'untitled'}</strong>{' '}
            <span className="muted small">
              {i.kind === 'action' ? 'Action' : 'Exchange'} · {hubName(i.hubId)} · {i.mission ?? '?'}
              {i.createdAt ? ` · ${formatDateTime(i.createdAt)}` : ''}
              {i.due ? ` · due ${formatDay(i.due)}` : ''}
              {i.status ? ` · ${STATUS_LABEL[i.status] ?? i.status}` : ''}
            </span>
            <RecordRefs partnership={i.partnership} ggProject={i.ggProject} names={taxonomy as Parameters<typeof RecordRefs>[0]['names']} />
            {i.body && <p className="body small">{i.body.length > 300 ? i.body.slice(0, 300) + '…' : i.body}</p>}
            <Link to={entryPath(i.hubId, i.kind, i.entryId)}>Open in the hub</Link>
          </li>
        ))}
      </ul>
    </section>
  )
}
