import { useState, type FormEvent } from 'react'
import { useT } from '../../i18n/provider'
import { request } from '../../api/request'
import type { Act } from './use-admin'

const EMPTY = { name: '', country: '', countryName: '', region: '' }

/** Creates a hub; its id goes on to the mission form, since a new hub needs its missions next. */
export function HubPanel({ act, onCreated }: { act: Act; onCreated: (hubId: string) => void }) {
  const [hub, setHub] = useState(EMPTY)
  const t = useT()
  const handleHub = (e: FormEvent) => {
    e.preventDefault()
    void act(async () => {
      const res = await request<{ id: string }>('POST', '/api/admin/hubs', hub)
      onCreated(res.id)
      setHub(EMPTY)
    }, t('admin.hubCreated'))
  }
  return (
    <section className="panel" aria-labelledby="hub-title">
      <h2 id="hub-title">{t('admin.newHub')}</h2>
      <form onSubmit={handleHub} aria-label={t('admin.createHubForm')}>
        <label>
          {t('admin.name')}
          <input required value={hub.name} onChange={(e) => setHub({ ...hub, name: e.target.value })} />
        </label>
        <label>
          {t('admin.countryCode')}
          <input required pattern="[A-Z]{2}" value={hub.country} onChange={(e) => setHub({ ...hub, country: e.target.value.toUpperCase() })} />
        </label>
        <label>
          {t('admin.countryName')}
          <input required value={hub.countryName} onChange={(e) => setHub({ ...hub, countryName: e.target.value })} />
        </label>
        <label>
          {t('admin.region')}
          <input required value={hub.region} onChange={(e) => setHub({ ...hub, region: e.target.value })} />
        </label>
        <button type="submit">{t('admin.createHub')}</button>
      </form>
    </section>
  )
}
