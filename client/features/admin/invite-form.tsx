import { useState, type FormEvent } from 'react'
import { useLanguage, useT } from '../../i18n/provider'
import { request } from '../../api/request'
import { ROLES } from '../../../shared/roles'
import { Select } from '../../ui/select'
import { roleName } from '../../../shared/labels'
import type { Act } from './use-admin'

const EMPTY = { email: '', name: '', role: 'staff' }

/** Invites a user: the answer is the one-time link the admin passes on. */
export function InviteForm({ act, onLink }: { act: Act; onLink: (link: { who: string; url: string }) => void }) {
  const [invite, setInvite] = useState(EMPTY)
  const t = useT()
  const { language } = useLanguage()
  const handleInvite = (e: FormEvent) => {
    e.preventDefault()
    void act(async () => {
      const res = await request<{ link: string }>('POST', '/api/admin/users/invite', invite)
      onLink({ who: invite.email, url: res.link })
      setInvite(EMPTY)
    })
  }
  return (
    <form className="inline-form" onSubmit={handleInvite} aria-label={t('admin.invite')}>
      <label>
        {t('admin.email')}
        <input type="email" required value={invite.email} onChange={(e) => setInvite({ ...invite, email: e.target.value })} />
      </label>
      <label>
        {t('admin.name')}
        <input required value={invite.name} onChange={(e) => setInvite({ ...invite, name: e.target.value })} maxLength={200} />
      </label>
      <Select label={t('admin.role')} value={invite.role} onChange={(role) => setInvite({ ...invite, role })} options={ROLES.map((r) => ({ value: r, label: roleName(r, language) }))} />
      <button type="submit" className="primary">
        {t('admin.inviteButton')}
      </button>
    </form>
  )
}
