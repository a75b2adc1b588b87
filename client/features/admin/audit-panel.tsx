import { ScrollRegion, Table } from '../../ui/table'
import { useT } from '../../i18n/provider'
import type { AuditFilter, AuditRow } from './use-admin'
import { formatDateTimeZone } from '../../ui/format'
import { DayInput } from '../../ui/day-input'

/** The audit trail, newest first, filtered by action, actor and dates. */
export function AuditPanel({ audit, filter, onFilter }: { audit: AuditRow[] | null; filter: AuditFilter; onFilter: (f: AuditFilter) => void }) {
  const t = useT()
  return (
    <section className="panel" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('audit.title')}</h2>
      <div className="filters" role="group" aria-label={t('audit.filter')}>
        <label>
          {t('audit.action')}
          <input value={filter.action} onChange={(e) => onFilter({ ...filter, action: e.target.value })} placeholder={t('audit.actionPlaceholder')} />
        </label>
        <label>
          {t('audit.actor')}
          <input value={filter.actor} onChange={(e) => onFilter({ ...filter, actor: e.target.value })} />
        </label>
        <DayInput label={t('rollup.from')} value={filter.from || null} onChange={(from) => onFilter({ ...filter, from: from ?? '' })} />
        <DayInput label={t('rollup.to')} value={filter.to || null} onChange={(to) => onFilter({ ...filter, to: to ?? '' })} />
      </div>
      <ScrollRegion label={t('audit.scroll')}>
        <Table className="actions" testId="audit" caption={t('audit.caption')} captionHidden columns={[t('col.when'), t('col.who'), t('audit.action'), t('col.target'), t('col.hub'), t('col.from')]}>
          {audit?.map((a) => (
            <tr key={a.id}>
              <td>{formatDateTimeZone(a.at)}</td>
              <td>{a.actorEmail ?? a.actorId ?? '—'}</td>
              <td>{a.action}</td>
              <td>{a.targetType ? `${a.targetType} ${a.targetId ?? ''}` : '—'}</td>
              <td>{a.hubId ?? '—'}</td>
              <td>{a.ip ?? '—'}</td>
            </tr>
          ))}
        </Table>
      </ScrollRegion>
    </section>
  )
}
