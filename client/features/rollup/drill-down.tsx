import { useApi } from '../../api/query'
import { actionStatusLabel } from '../../i18n/statuses'
import { useT } from '../../i18n/provider'
import { Link } from '../../app/router'
import { entryPath } from '../../app/links'
import type { ItemView } from '../../../shared/schemas/items'
import type { Drill } from './drill'
import { formatDateTime, formatDay } from '../../ui/format'
import { useEscape } from '../../ui/use-escape'
import { useTaxonomy } from '../log/use-log'
import { RecordRefs } from '../references/record-refs'

/** The items behind a figure, from `/api/items` with the same conditions the roll-up counted. */
export function DrillDown({ drill, hubName, onClose }: { drill: Drill; hubName: (id: string) => string; onClose: () => void }) {
  const q = useApi<ItemView[]>(`/api/items?${new URLSearchParams({ ...drill.query, limit: '500' })}`)
  useEscape(onClose)
  const taxonomy = useTaxonomy()
  const t = useT()
  const items = q.data ?? null
  const error = q.error?.message ?? null
  return (
    <section className="drawer" role="dialog" aria-modal="false" aria-labelledby="drill-title" data-testid="drill-down">
      <div className="panel-head">
        <h2 id="drill-title">{drill.title}</h2>
        <button type="button" onClick={onClose} autoFocus>
          {t('common.close')}
        </button>
      </div>
      {error && <p className="error">{error}</p>}
      {!items && !error && <p className="muted">{t('common.loading')}</p>}
      {items && <p className="muted small">{t('rollup.itemCount', { count: items.length })}</p>}
      <ul className="plain">
        {items?.map((i) => (
          <li key={i.id} className="entry">
            <strong>{i.title || t('thread.untitled')}</strong>{' '}
            <span className="muted small">
              {i.kind === 'action' ? t('rollup.kindAction') : t('rollup.kindExchange')} · {hubName(i.hubId)} · {i.mission ?? '?'}
              {i.createdAt ? ` · ${formatDateTime(i.createdAt)}` : ''}
              {i.due ? t('rollup.due', { day: formatDay(i.due) }) : ''}
              {i.status ? ` · ${actionStatusLabel(i.status)}` : ''}
            </span>
            <RecordRefs partnership={i.partnership} ggProject={i.ggProject} names={taxonomy as Parameters<typeof RecordRefs>[0]['names']} />
            {i.body && <p className="body small">{i.body.length > 300 ? i.body.slice(0, 300) + '…' : i.body}</p>}
            <Link to={entryPath(i.hubId, i.kind, i.entryId)}>{t('rollup.openInHub')}</Link>
          </li>
        ))}
      </ul>
    </section>
  )
}
