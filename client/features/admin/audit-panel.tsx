import { useMemo } from 'react'
import { useApi } from '../../api/query'
import { day, text, useUrlState, type Param } from '../../app/router'
import { useT } from '../../i18n/provider'
import type { MessageId } from '../../i18n/intl'
import { ErrorBanner } from '../../ui/error-banner'
import { ScrollRegion, Table } from '../../ui/table'
import { formatDateTimeZone } from '../../ui/format'
import { DayInput } from '../../ui/day-input'
import { AUDIT_ACTION_LABELS, TARGET_TYPE_LABELS } from './audit-actions'
import { Picker } from './picker'
import { AUDIT, useUsers, type AuditRow } from './use-admin'

const PAGE = 100
const before: Param = (raw) => (/^[1-9]\d{0,15}$/.test(raw) ? raw : undefined)
const FILTERS = { action: text(64), actor: text(320), from: day, to: day, before }

/** The audit trail (`/admin/audit`), newest first: filtered by action (by its name), actor (by name) and days; targets by name. */
export function AuditSection() {
  const t = useT()
  const [filter, setFilter] = useUrlState(FILTERS)
  const users = useUsers()
  const params = new URLSearchParams(Object.entries({ ...filter, limit: String(PAGE) }).filter((e): e is [string, string] => !!e[1]))
  const audit = useApi<AuditRow[]>(`${AUDIT}?${params}`, { placeholderData: (previous) => previous })
  const label = (action: string) => (AUDIT_ACTION_LABELS[action] ? t(AUDIT_ACTION_LABELS[action]) : action)
  const actionOptions = useMemo(
    () => Object.entries(AUDIT_ACTION_LABELS).map(([value, id]) => ({ value, label: t(id) })).sort((a, b) => a.label.localeCompare(b.label)),
    [t],
  )
  const actorOptions = useMemo(() => (users.data ?? []).map((u) => ({ value: u.id, label: u.name, hint: u.email })), [users.data])
  const set = (patch: Partial<Record<keyof typeof FILTERS, string | null>>) => setFilter({ ...patch, before: null })
  const rows = audit.data ?? []
  return (
    <section className="panel" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('audit.title')}</h2>
      <div className="admin-filters" role="group" aria-label={t('audit.filter')}>
        <Picker label={t('audit.action')} placeholder={t('audit.anyAction')} options={actionOptions} value={filter.action ?? ''} onChange={(action) => set({ action })} testId="audit-action" />
        <Picker label={t('audit.actor')} placeholder={t('audit.anyone')} options={actorOptions} value={filter.actor ?? ''} onChange={(actor) => set({ actor })} testId="audit-actor" />
        <DayInput label={t('rollup.from')} value={filter.from ?? null} onChange={(from) => set({ from })} />
        <DayInput label={t('rollup.to')} value={filter.to ?? null} min={filter.from} onChange={(to) => set({ to })} />
        {(filter.action || filter.actor || filter.from || filter.to) && (
          <button type="button" onClick={() => setFilter({ action: null, actor: null, from: null, to: null, before: null })}>
            {t('audit.clear')}
          </button>
        )}
      </div>
      <ErrorBanner message={audit.error?.message} />
      {audit.isPending && <p className="muted" role="status">{t('common.loading')}</p>}
      {audit.data && rows.length === 0 && <p className="muted">{t('audit.none')}</p>}
      <ScrollRegion label={t('audit.scroll')}>
        <Table className="actions" testId="audit" caption={t('audit.caption')} captionHidden columns={[t('col.when'), t('col.who'), t('audit.action'), t('col.target'), t('col.hub'), t('col.from')]}>
          {rows.map((a) => (
            <tr key={a.id}>
              <td>{formatDateTimeZone(a.at)}</td>
              <td>
                {a.actorName ?? a.actorEmail ?? a.actorId ?? '—'}
                {a.actorName && a.actorEmail && <span className="muted small"> {a.actorEmail}</span>}
              </td>
              <td title={a.action}>{label(a.action)}</td>
              <td>
                <Target row={a} />
              </td>
              <td>{a.hubName ?? a.hubId ?? '—'}</td>
              <td>{a.ip ?? '—'}</td>
            </tr>
          ))}
        </Table>
      </ScrollRegion>
      <div className="pager">
        {filter.before && (
          <button type="button" onClick={() => setFilter({ before: null })}>
            {t('audit.newest')}
          </button>
        )}
        {rows.length === PAGE && (
          <button type="button" onClick={() => setFilter({ before: String(rows[rows.length - 1].id) })}>
            {t('audit.older')}
          </button>
        )}
      </div>
    </section>
  )
}

/** The target by name, its kind in words; an id only when the name is gone (a deleted note). */
function Target({ row }: { row: AuditRow }) {
  const t = useT()
  if (!row.targetType) return <>—</>
  const kind: MessageId | undefined = TARGET_TYPE_LABELS[row.targetType]
  const kindText = kind ? t(kind) : row.targetType
  if (row.targetName) return <>{row.targetName} <span className="muted small">({kindText})</span></>
  return <>{kindText} <span className="muted small">{row.targetId ?? ''}</span></>
}
