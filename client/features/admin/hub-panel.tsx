import { useState, type FormEvent } from 'react'
import { useLanguage, useT } from '../../i18n/provider'
import { request } from '../../api/request'
import { REGION_LABELS_IN } from '../../../shared/labels'
import { Select } from '../../ui/select'
import type { Act } from './use-admin'

const EMPTY = { name: '', country: '', countryName: '', region: '' }

/** A country's name from its ISO code, in English (the hub record's language), or '' when unknown. */
function countryName(code: string): string {
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }).of(code)
    return name ?? ''
  } catch {
    return ''
  }
}

/** Creates a hub; its id goes on to the mission form, since a new hub needs its missions next. */
export function HubPanel({ act, onCreated }: { act: Act; onCreated: (hubId: string) => void }) {
  const [hub, setHub] = useState(EMPTY)
  const [nameTouched, setNameTouched] = useState(false)
  const t = useT()
  const { language } = useLanguage()
  const handleHub = (e: FormEvent) => {
    e.preventDefault()
    void act(async () => {
      const res = await request<{ id: string }>('POST', '/api/admin/hubs', hub)
      onCreated(res.id)
      setHub(EMPTY)
      setNameTouched(false)
    }, t('admin.hubCreated'))
  }
  const setCode = (raw: string) => {
    const country = raw.toUpperCase().replace(/[^A-Z]/g, '').slice(0, 2)
    // The country's name is suggested from its code until the admin writes one.
    setHub((h) => ({ ...h, country, ...(!nameTouched ? { countryName: country.length === 2 ? countryName(country) : '' } : {}) }))
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
          <input required pattern="[A-Z]{2}" value={hub.country} onChange={(e) => setCode(e.target.value)} />
        </label>
        <label>
          {t('admin.countryName')}
          <input required value={hub.countryName} onChange={(e) => (setNameTouched(true), setHub({ ...hub, countryName: e.target.value }))} />
        </label>
        <Select
          label={t('admin.region')}
          value={hub.region}
          onChange={(region) => setHub({ ...hub, region })}
          empty={t('admin.chooseRegion')}
          options={Object.entries(REGION_LABELS_IN[language] ?? REGION_LABELS_IN.en).map(([value, label]) => ({ value, label }))}
        />
        <button type="submit" disabled={!hub.region}>{t('admin.createHub')}</button>
      </form>
    </section>
  )
}
