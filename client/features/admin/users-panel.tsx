import { useMemo, useState } from 'react'
import { request } from '../../api/request'
import { text, useUrlState, type Param } from '../../app/router'
import { useLanguage, useT } from '../../i18n/provider'
import { ROLES, type Role } from '../../../shared/roles'
import { roleName } from '../../../shared/labels'
import { ErrorBanner, NoticeBanner } from '../../ui/error-banner'
import { Select } from '../../ui/select'
import { Table } from '../../ui/table'
import { ConfirmButton, useConfirm, type Ask } from './confirm-dialog'
import { InviteForm } from './invite-form'
import { OneTimeLink } from './one-time-link'
import { Picker } from './picker'
import { USERS, useAct, useHubs, useUsers, type Act, type UserRow } from './use-admin'

/** Rows per page: 62 users make four short pages, not one long scroll. */
export const PAGE_SIZE = 20
const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
const page: Param = (raw) => (/^[1-9]\d{0,3}$/.test(raw) ? raw : undefined)
const role: Param = (raw) => ((ROLES as readonly string[]).includes(raw) ? raw : undefined)
const FILTERS = { q: text(200), role, hub: text(64), page }

/** Users (`/admin/users`): invite, filter by name or e-mail, role and hub, page through; change role, disable or enable, reset the password — each asked first. */
export function UsersSection() {
  const t = useT()
  const { language } = useLanguage()
  const users = useUsers()
  const hubs = useHubs()
  const { error, notice, act } = useAct(USERS)
  const [link, setLink] = useState<{ who: string; url: string } | null>(null)
  const [filters, setFilters] = useUrlState(FILTERS)
  const [confirmDialog, ask] = useConfirm()
  const shown = useMemo(() => {
    const needle = fold(filters.q?.trim() ?? '')
    return (users.data ?? []).filter(
      (u) =>
        (!needle || fold(`${u.name} ${u.email}`).includes(needle)) &&
        (!filters.role || (u.roles ?? [u.role]).includes(filters.role as Role)) &&
        (!filters.hub || u.hubIds.includes(filters.hub)),
    )
  }, [users.data, filters.q, filters.role, filters.hub])
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE))
  const current = Math.min(Number(filters.page ?? 1), pages)
  const rows = shown.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE)
  const hubOptions = [...(hubs.data ?? [])].sort((a, b) => a.name.localeCompare(b.name)).map((h) => ({ value: h.id, label: h.name, hint: h.countryName }))
  const hubNames = useMemo(() => new Map((hubs.data ?? []).map((h) => [h.id, h.name])), [hubs.data])
  const filter = (patch: Partial<Record<keyof typeof FILTERS, string>>) => setFilters({ ...patch, page: null })
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">{t('users.title')}</h2>
      <ErrorBanner message={error ?? users.error?.message} />
      <NoticeBanner message={notice} />
      {link && <OneTimeLink who={link.who} url={link.url} />}
      <section className="panel" aria-labelledby="invite-title">
        <h3 id="invite-title">{t('admin.invite')}</h3>
        <InviteForm act={act} onLink={setLink} />
      </section>
      <div className="admin-filters" role="group" aria-label={t('users.filters')}>
        <label>
          {t('users.search')}
          <input type="search" value={filters.q ?? ''} onChange={(e) => filter({ q: e.target.value })} placeholder={t('users.searchPlaceholder')} />
        </label>
        <Select label={t('users.roleFilter')} value={filters.role ?? ''} onChange={(r) => filter({ role: r })} empty={t('users.anyRole')} options={ROLES.map((r) => ({ value: r, label: roleName(r, language) }))} />
        <Picker label={t('users.hubFilter')} placeholder={t('users.anyHub')} options={hubOptions} value={filters.hub ?? ''} onChange={(hub) => filter({ hub })} testId="users-hub-filter" />
      </div>
      <p className="muted small" role="status" data-testid="users-count">
        {users.isPending ? t('common.loading') : t('users.showing', { from: shown.length ? (current - 1) * PAGE_SIZE + 1 : 0, to: (current - 1) * PAGE_SIZE + rows.length, total: shown.length, all: users.data?.length ?? 0 })}
      </p>
      <Table className="actions" testId="users" caption={t('users.title')} captionHidden columns={[t('col.name'), t('col.email'), t('col.role'), t('col.hubs'), <span className="sr-only">{t('col.actionsSr')}</span>]}>
        {rows.map((u) => (
          <UserLine key={u.id} user={u} act={act} onLink={setLink} ask={ask} hubNames={hubNames} />
        ))}
      </Table>
      {pages > 1 && (
        <nav className="pager" aria-label={t('users.pages')}>
          <button type="button" disabled={current <= 1} onClick={() => setFilters({ page: current - 1 > 1 ? String(current - 1) : null })}>
            {t('users.previous')}
          </button>
          <span aria-current="page">{t('users.pageOf', { page: current, pages })}</span>
          <button type="button" disabled={current >= pages} onClick={() => setFilters({ page: String(current + 1) })}>
            {t('users.next')}
          </button>
        </nav>
      )}
      {confirmDialog}
    </section>
  )
}

function UserLine({ user: u, act, onLink, ask, hubNames }: { user: UserRow; act: Act; onLink: (link: { who: string; url: string }) => void; ask: (a: Ask) => void; hubNames: Map<string, string> }) {
  const t = useT()
  const { language } = useLanguage()
  const roles = u.roles ?? [u.role]
  const names = (rs: readonly string[]) => rs.map((x) => roleName(x, language)).join(', ')
  // A role changes what the person may read and do: asked first, the drop-down stays as it was until confirmed.
  const setRole = (next: string) =>
    next !== u.role &&
    ask({
      title: t('users.roleChangeTitle', { name: u.name }),
      message: t('users.roleChangeMessage', { name: u.name, from: names(roles), to: roleName(next, language) }),
      confirmLabel: t('users.roleChangeConfirm', { role: roleName(next, language) }),
      onConfirm: () => act(() => request('PATCH', `/api/admin/users/${u.id}`, { role: next }), t('users.roleNow', { name: u.name, role: roleName(next, language) })),
    })
  const toggle = (r: Role) => {
    const next = roles.includes(r) ? roles.filter((x) => x !== r) : [...roles, r]
    ask({
      title: t('users.roleChangeTitle', { name: u.name }),
      message: t(roles.includes(r) ? 'users.roleRemoveMessage' : 'users.roleAddMessage', { name: u.name, role: roleName(r, language), roles: names(next) }),
      confirmLabel: t(roles.includes(r) ? 'users.roleRemoveConfirm' : 'users.roleAddConfirm', { role: roleName(r, language) }),
      onConfirm: () => act(() => request('PATCH', `/api/admin/users/${u.id}`, { roles: next }), t('users.holds', { name: u.name, roles: names(next) })),
    })
  }
  const reset = () =>
    act(async () => {
      const res = await request<{ link: string }>('POST', `/api/admin/users/${u.id}/reset`)
      onLink({ who: u.email, url: res.link })
    }, t('users.resetDone', { name: u.name }))
  return (
    <tr data-testid="user-row" className={u.disabled ? 'muted' : ''}>
      <td>
        {u.name} {u.disabled && <span className="chip warn">{t('users.disabled')}</span>}
      </td>
      <td>{u.email}</td>
      <td>
        <Select ariaLabel={t('users.roleOf', { name: u.name })} value={u.role} onChange={setRole} options={ROLES.map((r) => ({ value: r, label: roleName(r, language) }))} />
        <details>
          <summary>{t('users.furtherRoles')}</summary>
          {ROLES.filter((r) => r !== u.role).map((r) => (
            <label key={r} className="check">
              <input type="checkbox" checked={roles.includes(r)} onChange={() => toggle(r)} />
              {roleName(r, language)}
            </label>
          ))}
        </details>
      </td>
      <td>{u.hubIds.map((id) => hubNames.get(id) ?? id).join(', ') || '—'}</td>
      <td className="row">
        {u.disabled ? (
          <ConfirmButton
            label={t('users.enableLabel', { name: u.name })}
            text={t('users.enable')}
            message={t('users.enableMessage', { name: u.name })}
            confirmLabel={t('users.enable')}
            onConfirm={() => act(() => request('POST', `/api/admin/users/${u.id}/enable`), t('users.enabledDone', { name: u.name }))}
          />
        ) : (
          <ConfirmButton
            label={t('users.disableLabel', { name: u.name })}
            text={t('users.disable')}
            message={t('users.disableMessage', { name: u.name })}
            confirmLabel={t('users.disable')}
            onConfirm={() => act(() => request('POST', `/api/admin/users/${u.id}/disable`), t('users.disabledDone', { name: u.name }))}
          />
        )}
        <ConfirmButton
          label={t('users.resetLabel', { name: u.name })}
          text={t('users.reset')}
          message={t('users.resetMessage', { name: u.name })}
          confirmLabel={t('users.reset')}
          onConfirm={reset}
        />
      </td>
    </tr>
  )
}
