import { ScrollRegion, Table } from '../../ui/table'
import type { AuditFilter, AuditRow } from './use-admin'
import { formatDateTimeZone } from '../../ui/format'
import { DayInput } from '../../ui/day-input'

/** The audit trail, newest first, filtered by action, actor and dates. */
export function AuditPanel({ audit, filter, onFilter }: { audit: AuditRow[] | null; filter: AuditFilter; onFilter: (f: AuditFilter) => void }) {
  return (
    <section className="panel" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit trail</h2>
      <div className="filters" role="group" aria-label="Filter the audit trail">
        <label>
          Action
          <input value={filter.action} onChange={(e) => onFilter({ ...filter, action: e.target.value })} placeholder="e.g. auth.login_failed" />
        </label>
        <label>
          Actor (id or e-mail)
          <input value={filter.actor} onChange={(e) => onFilter({ ...filter, actor: e.target.value })} />
        </label>
        <DayInput label="From" value={filter.from || null} onChange={(from) => onFilter({ ...filter, from: from ?? '' })} />
        <DayInput label="To" value={filter.to || null} onChange={(to) => onFilter({ ...filter, to: to ?? '' })} />
      </div>
      <ScrollRegion label="Audit events, scrolls sideways">
        <Table className="actions" testId="audit" caption="Audit events, newest first" captionHidden columns={['When', 'Who', 'Action', 'Target', 'Hub', 'From']}>
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
