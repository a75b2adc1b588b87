import { useEffect, useState, type FormEvent } from 'react'
import { request, ApiError } from '../../api/request'

interface UserRow {
  id: string
  email: string
  name: string
  role: 'staff' | 'hq' | 'cyber' | 'admin'
  disabled: boolean
  memberships: number
}
interface AuditRow {
  id: number
  at: string
  actorId: string | null
  actorEmail: string | null
  action: string
  targetType: string | null
  targetId: string | null
  hubId: string | null
  ip: string | null
}

const ROLES = ['staff', 'hq', 'cyber', 'admin'] as const

/**
 * Administration (`/admin`, admins only): users (invite with a one-time link, disable, enable,
 * reset password, change role), hubs and missions, and the audit trail. Memberships and focal
 * points are managed on each hub's Members tab (also open to the hub's coordinators).
 */
export default function AdminPage() {
  const [users, setUsers] = useState<UserRow[] | null>(null)
  const [q, setQ] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [link, setLink] = useState<{ who: string; url: string } | null>(null)
  const [invite, setInvite] = useState({ email: '', name: '', role: 'staff' })
  const [hub, setHub] = useState({ name: '', country: '', countryName: '', region: '' })
  const [mission, setMission] = useState({ hubId: '', code: '', name: '' })
  const [audit, setAudit] = useState<AuditRow[] | null>(null)
  const [auditFilter, setAuditFilter] = useState({ action: '', actor: '', from: '', to: '' })
  const [notice, setNotice] = useState<string | null>(null)

  const loadUsers = () => request<UserRow[]>('GET', `/api/admin/users${q ? `?q=${encodeURIComponent(q)}` : ''}`).then(setUsers, (e: ApiError) => setError(e.message))
  const loadAudit = () => {
    const params = new URLSearchParams(Object.entries(auditFilter).filter(([, v]) => v))
    return request<AuditRow[]>('GET', `/api/admin/audit?${params}`).then(setAudit, (e: ApiError) => setError(e.message))
  }
  useEffect(() => {
    void loadUsers()
  }, [q])
  useEffect(() => {
    void loadAudit()
  }, [auditFilter])

  const act = async (fn: () => Promise<unknown>, done?: string) => {
    setError(null)
    setNotice(null)
    try {
      await fn()
      if (done) setNotice(done)
      await Promise.all([loadUsers(), loadAudit()])
    } catch (e) {
      setError((e as ApiError).message)
    }
  }
  const handleInvite = (e: FormEvent) => {
    e.preventDefault()
    void act(async () => {
      const res = await request<{ link: string }>('POST', '/api/admin/users/invite', invite)
      setLink({ who: invite.email, url: res.link })
      setInvite({ email: '', name: '', role: 'staff' })
    })
  }
  const handleHub = (e: FormEvent) => {
    e.preventDefault()
    void act(async () => {
      const res = await request<{ id: string }>('POST', '/api/admin/hubs', hub)
      setMission({ ...mission, hubId: res.id })
      setHub({ name: '', country: '', countryName: '', region: '' })
    }, 'Hub created. Add its missions below.')
  }
  const handleMission = (e: FormEvent) => {
    e.preventDefault()
    void act(() => request('POST', `/api/admin/hubs/${encodeURIComponent(mission.hubId)}/missions`, { code: mission.code, name: mission.name }), 'Mission added.')
  }
  return (
    <main id="main" className="page">
      <h1>Administration</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {link && (
        <div className="notice" role="status" data-testid="one-time-link">
          <p>
            One-time link for <strong>{link.who}</strong> (valid 7 days, shown only now — send it to the person):
          </p>
          <input readOnly value={link.url} aria-label="One-time set-password link" onFocus={(e) => e.target.select()} />
        </div>
      )}

      <section className="panel" aria-labelledby="users-title">
        <h2 id="users-title">Users</h2>
        <form className="inline-form" onSubmit={handleInvite} aria-label="Invite a user">
          <label>
            E-mail
            <input type="email" required value={invite.email} onChange={(e) => setInvite({ ...invite, email: e.target.value })} />
          </label>
          <label>
            Name
            <input required value={invite.name} onChange={(e) => setInvite({ ...invite, name: e.target.value })} maxLength={200} />
          </label>
          <label>
            Role
            <select value={invite.role} onChange={(e) => setInvite({ ...invite, role: e.target.value })}>
              {ROLES.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary">
            Invite
          </button>
        </form>
        <label>
          Search users
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <table className="actions">
          <caption className="sr-only">Users</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-mail</th>
              <th scope="col">Role</th>
              <th scope="col">Hubs</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users?.map((u) => (
              <tr key={u.id} data-testid="user-row" className={u.disabled ? 'muted' : ''}>
                <td>
                  {u.name} {u.disabled && <span className="chip warn">disabled</span>}
                </td>
                <td>{u.email}</td>
                <td>
                  <select aria-label={`Role of ${u.name}`} value={u.role} onChange={(e) => void act(() => request('PATCH', `/api/admin/users/${u.id}`, { role: e.target.value }), `${u.name} is now ${e.target.value}.`)}>
                    {ROLES.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </select>
                </td>
                <td>{u.memberships}</td>
                <td className="row">
                  {u.disabled ? (
                    <button type="button" onClick={() => void act(() => request('POST', `/api/admin/users/${u.id}/enable`), `${u.name} enabled.`)}>
                      Enable
                    </button>
                  ) : (
                    <button type="button" aria-label={`Disable ${u.name}`} onClick={() => void act(() => request('POST', `/api/admin/users/${u.id}/disable`), `${u.name} disabled: signed out everywhere.`)}>
                      Disable
                    </button>
                  )}
                  <button
                    type="button"
                    aria-label={`Reset password of ${u.name}`}
                    onClick={() =>
                      void act(async () => {
                        const res = await request<{ link: string }>('POST', `/api/admin/users/${u.id}/reset`)
                        setLink({ who: u.email, url: res.link })
                      })
                    }
                  >
                    Reset password
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <div className="two-col">
        <section className="panel" aria-labelledby="hub-title">
          <h2 id="hub-title">New hub</h2>
          <form onSubmit={handleHub} aria-label="Create a hub">
            <label>
              Name
              <input required value={hub.name} onChange={(e) => setHub({ ...hub, name: e.target.value })} />
            </label>
            <label>
              Country code (ISO)
              <input required pattern="[A-Z]{2}" value={hub.country} onChange={(e) => setHub({ ...hub, country: e.target.value.toUpperCase() })} />
            </label>
            <label>
              Country name
              <input required value={hub.countryName} onChange={(e) => setHub({ ...hub, countryName: e.target.value })} />
            </label>
            <label>
              Region
              <input required value={hub.region} onChange={(e) => setHub({ ...hub, region: e.target.value })} />
            </label>
            <button type="submit">Create hub</button>
          </form>
        </section>
        <section className="panel" aria-labelledby="mission-title">
          <h2 id="mission-title">Add a mission to a hub</h2>
          <form onSubmit={handleMission} aria-label="Add a mission">
            <label>
              Hub id
              <input required value={mission.hubId} onChange={(e) => setMission({ ...mission, hubId: e.target.value })} />
            </label>
            <label>
              Mission code (EU or a Member State's ISO code)
              <input required pattern="EU|[A-Z]{2}" value={mission.code} onChange={(e) => setMission({ ...mission, code: e.target.value.toUpperCase() })} />
            </label>
            <label>
              Name
              <input required value={mission.name} onChange={(e) => setMission({ ...mission, name: e.target.value })} />
            </label>
            <button type="submit">Add mission</button>
          </form>
          <p className="muted small">Members and the digital focal point are set on the hub's Members tab.</p>
        </section>
      </div>

      <section className="panel" aria-labelledby="audit-title">
        <h2 id="audit-title">Audit trail</h2>
        <div className="filters" role="group" aria-label="Filter the audit trail">
          <label>
            Action
            <input value={auditFilter.action} onChange={(e) => setAuditFilter({ ...auditFilter, action: e.target.value })} placeholder="e.g. auth.login_failed" />
          </label>
          <label>
            Actor (id or e-mail)
            <input value={auditFilter.actor} onChange={(e) => setAuditFilter({ ...auditFilter, actor: e.target.value })} />
          </label>
          <label>
            From
            <input type="date" value={auditFilter.from} onChange={(e) => setAuditFilter({ ...auditFilter, from: e.target.value })} />
          </label>
          <label>
            To
            <input type="date" value={auditFilter.to} onChange={(e) => setAuditFilter({ ...auditFilter, to: e.target.value })} />
          </label>
        </div>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Audit events, scrolls sideways">
          <table className="actions" data-testid="audit">
            <caption className="sr-only">Audit events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Hub</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {audit?.map((a) => (
                <tr key={a.id}>
                  <td>{new Date(a.at).toLocaleString()}</td>
                  <td>{a.actorEmail ?? a.actorId ?? '—'}</td>
                  <td>{a.action}</td>
                  <td>{a.targetType ? `${a.targetType} ${a.targetId ?? ''}` : '—'}</td>
                  <td>{a.hubId ?? '—'}</td>
                  <td>{a.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  )
}
