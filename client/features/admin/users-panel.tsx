import { request } from '../../api/request'
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
  return (
    <section className="panel" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <InviteForm act={act} onLink={onLink} />
      <label>
        Search users
        <input type="search" value={q} onChange={(e) => onSearch(e.target.value)} />
      </label>
      <Table className="actions" caption="Users" captionHidden columns={['Name', 'E-mail', 'Role', 'Hubs', <span className="sr-only">Actions</span>]}>
        {users?.map((u) => <UserLine key={u.id} user={u} act={act} onLink={onLink} />)}
      </Table>
    </section>
  )
}

function UserLine({ user: u, act, onLink }: { user: UserRow; act: Act; onLink: Props['onLink'] }) {
  const setRole = (role: string) => void act(() => request('PATCH', `/api/admin/users/${u.id}`, { role }), `${u.name} is now ${roleName(role)}.`)
  const reset = () =>
    void act(async () => {
      const res = await request<{ link: string }>('POST', `/api/admin/users/${u.id}/reset`)
      onLink({ who: u.email, url: res.link })
    })
  return (
    <tr data-testid="user-row" className={u.disabled ? 'muted' : ''}>
      <td>
        {u.name} {u.disabled && <span className="chip warn">disabled</span>}
      </td>
      <td>{u.email}</td>
      <td>
        <Select ariaLabel={`Role of ${u.name}`} value={u.role} onChange={setRole} options={ROLES.map((r) => ({ value: r, label: roleName(r) }))} />
        <details>
          <summary>Further roles</summary>
          {ROLES.filter((r) => r !== u.role).map((r) => {
            const roles = u.roles ?? [u.role]
            const next = roles.includes(r) ? roles.filter((x) => x !== r) : [...roles, r]
            return (
              <label key={r} className="check">
                <input
                  type="checkbox"
                  checked={roles.includes(r)}
                  onChange={() => void act(() => request('PATCH', `/api/admin/users/${u.id}`, { roles: next }), `${u.name} now holds ${next.join(', ')}.`)}
                />
                {roleName(r)}
              </label>
            )
          })}
        </details>
      </td>
      <td>{u.memberships}</td>
      <td className="row">
        {u.disabled ? (
          <button type="button" onClick={() => void act(() => request('POST', `/api/admin/users/${u.id}/enable`), `${u.name} enabled.`)}>
            Enable
          </button>
        ) : (
          <ConfirmButton
            label={`Disable ${u.name}`}
            text="Disable"
            message={`${u.name} is signed out everywhere and cannot sign in until enabled again.`}
            confirmLabel="Disable"
            onConfirm={() => void act(() => request('POST', `/api/admin/users/${u.id}/disable`), `${u.name} disabled: signed out everywhere.`)}
          />
        )}
        <ConfirmButton
          label={`Reset password of ${u.name}`}
          text="Reset password"
          message={`${u.name}'s password stops working; you get a one-time link to send them.`}
          confirmLabel="Reset password"
          onConfirm={reset}
        />
      </td>
    </tr>
  )
}
