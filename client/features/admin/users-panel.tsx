import { request } from '../../api/request'
import { useLanguage, useT } from '../../i18n/provider'
import { ROLES } from '../../../shared/roles'
import { Select } from '../../ui/select'
import { Table } from '../../ui/table'
import { InviteForm } from './invite-form'
import type { Act, UserRow } from './use-admin'
import { ConfirmButton } from '../../ui/confirm'
import { roleName } from '../../../shared/labels'

interface Props {
  users: UserRow[] | null
  q: string
  onSearch: (q: string) => void
  act: Act
  onLink: (link: { who: string; url: string }) => void
}

/** Users: invite, search, change role, disable or enable, reset the password. */
export function UsersPanel({ users, q, onSearch, act, onLink }: Props) {
  const t = useT()
  return (
    <section className="panel" aria-labelledby="users-title">
      <h2 id="users-title">{t('users.title')}</h2>
      <InviteForm act={act} onLink={onLink} />
      <label>
        {t('users.search')}
        <input type="search" value={q} onChange={(e) => onSearch(e.target.value)} />
      </label>
      <Table className="actions" caption={t('users.title')} captionHidden columns={[t('col.name'), t('col.email'), t('col.role'), t('col.hubs'), <span className="sr-only">{t('col.actionsSr')}</span>]}>
        {users?.map((u) => <UserLine key={u.id} user={u} act={act} onLink={onLink} />)}
      </Table>
    </section>
  )
}

function UserLine({ user: u, act, onLink }: { user: UserRow; act: Act; onLink: Props['onLink'] }) {
  const t = useT()
  const { language } = useLanguage()
  const setRole = (role: string) => void act(() => request('PATCH', `/api/admin/users/${u.id}`, { role }), t('users.roleNow', { name: u.name, role: roleName(role, language) }))
  const reset = () =>
    void act(async () => {
      const res = await request<{ link: string }>('POST', `/api/admin/users/${u.id}/reset`)
      onLink({ who: u.email, url: res.link })
    })
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
          {ROLES.filter((r) => r !== u.role).map((r) => {
            const roles = u.roles ?? [u.role]
            const next = roles.includes(r) ? roles.filter((x) => x !== r) : [...roles, r]
            return (
              <label key={r} className="check">
                <input
                  type="checkbox"
                  checked={roles.includes(r)}
                  onChange={() => void act(() => request('PATCH', `/api/admin/users/${u.id}`, { roles: next }), t('users.holds', { name: u.name, roles: next.map((x) => roleName(x, language)).join(', ') }))}
                />
                {roleName(r, language)}
              </label>
            )
          })}
        </details>
      </td>
      <td>{u.memberships}</td>
      <td className="row">
        {u.disabled ? (
          <button type="button" onClick={() => void act(() => request('POST', `/api/admin/users/${u.id}/enable`), t('users.enabledDone', { name: u.name }))}>
            {t('users.enable')}
          </button>
        ) : (
          <ConfirmButton
            label={t('users.disableLabel', { name: u.name })}
            text={t('users.disable')}
            message={t('users.disableMessage', { name: u.name })}
            confirmLabel={t('users.disable')}
            onConfirm={() => void act(() => request('POST', `/api/admin/users/${u.id}/disable`), t('users.disabledDone', { name: u.name }))}
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
