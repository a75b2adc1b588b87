import { useId, useState } from 'react'
import { useLanguage, useT } from '../../i18n/provider'
import { termText } from '../../i18n/terms'
import type { TaxonomyTerm } from '../../../shared/taxonomy'

/**
 * A searchable multi-select of taxonomy terms. The chosen terms show as removable chips; the list
 * of checkboxes appears while searching or when browsed, so keyboard users do not tab through
 * the whole taxonomy on the way to the submit button.
 */
export function TermPicker({ label, terms, value, onChange }: { label: string; terms: TaxonomyTerm[]; value: string[]; onChange: (v: string[]) => void }) {
  const [q, setQ] = useState('')
  const t = useT()
  const { language } = useLanguage()
  const text = (term: TaxonomyTerm) => termText(term, language)
  const [browsing, setBrowsing] = useState(false)
  const id = useId()
  const lower = q.trim().toLowerCase()
  const open = browsing || lower !== ''
  const shown = open ? terms.filter((x) => (text(x) + ' ' + x.label + ' ' + x.id).toLowerCase().includes(lower)).slice(0, 60) : []
  const toggle = (termId: string) => onChange(value.includes(termId) ? value.filter((v) => v !== termId) : [...value, termId])
  const labelOf = (termId: string) => {
    const term = terms.find((x) => x.id === termId)
    return term ? text(term) : termId
  }
  return (
    <fieldset className="picker">
      <legend>{label}</legend>
      {value.length > 0 && (
        <ul className="chosen" aria-label={t('terms.chosen', { label: label.toLowerCase() })}>
          {value.map((v) => (
            <li key={v} className="chip">
              {labelOf(v)}
              <button type="button" className="chip-remove" aria-label={t('terms.remove', { term: labelOf(v) })} onClick={() => toggle(v)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <label htmlFor={id} className="sr-only">{t('terms.search', { label: label.toLowerCase() })}</label>
        <input id={id} type="search" placeholder={t('terms.placeholder', { label: label.toLowerCase() })} value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="button" aria-expanded={open} onClick={() => setBrowsing(!browsing)}>
          {browsing ? t('terms.hide') : t('terms.browse')}
        </button>
      </div>
      {open && (
        <div className="picker-list">
          {shown.map((x) => (
            <label key={x.id} className="check">
              <input type="checkbox" checked={value.includes(x.id)} onChange={() => toggle(x.id)} />
              {text(x)}
            </label>
          ))}
          {shown.length === 0 && <p className="muted small">{t('terms.noMatch', { q, label: label.toLowerCase() })}</p>}
        </div>
      )}
    </fieldset>
  )
}
