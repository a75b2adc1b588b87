import { useEffect, useState } from 'react'
import { request, ApiError } from '../../api/request'
import { Link } from '../../app/router'
import type { ItemView } from '../../../shared/schemas/items'
import { STATUS_LABEL } from '../../../shared/rollup-charts'
import type { Drill } from './drill'

/** The items behind a figure, from `/api/items` with the same conditions the roll-up counted. */
export function DrillDown({ drill, hubName, onClose }: { drill: Drill; hubName: (id: string) => string; onClose: () => void }) {
  const [items, setItems] = useState<ItemView[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    setItems(null)
    request<ItemView[]>('GET', `/api/items?${new URLSearchParams({ ...drill.query, limit: '500' })}`).then(setItems, (e: ApiError) => setError(e.message))
  }, [drill])
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
      {items && <p className="muted small">{items.length} items</p>}
      <ul className="plain">
        {items?.map((i) => (
          <li key={i.id} className="entry">
            <strong>{i.title || 'untitled'}</strong>{' '}
            <span className="muted small">
              {i.kind} · {hubName(i.hubId)} · {i.mission ?? '?'}
              {i.createdAt ? ` · ${i.createdAt.slice(0, 10)}` : ''}
              {i.status ? ` · ${STATUS_LABEL[i.status] ?? i.status}` : ''}
            </span>
            {i.body && <p className="body small">{i.body.length > 300 ? i.body.slice(0, 300) + '…' : i.body}</p>}
            <Link to={`/hubs/${i.hubId}/${i.kind === 'action' ? 'actions' : 'exchanges'}`}>Open in the hub</Link>
          </li>
        ))}
      </ul>
    </section>
  )
}
