import { useId, useState } from 'react'
import type { TaxonomyTerm } from '../../../shared/taxonomy'

/**
 * A searchable multi-select of taxonomy terms. The chosen terms show as removable chips; the list
 * of checkboxes appears while searching or when browsed, so keyboard users do not tab through
 * the whole taxonomy on the way to the submit button.
 */
export function TermPicker({ label, terms, value, onChange }: { label: string; terms: TaxonomyTerm[]; value: string[]; onChange: (v: string[]) => void }) {
  const [q, setQ] = useState('')
  const [browsing, setBrowsing] = useState(false)
  const id = useId()
  const lower = q.trim().toLowerCase()
  const open = browsing || lower !== ''
  const shown = open ? terms.filter((t) => (t.label + ' ' + t.id).toLowerCase().includes(lower)).slice(0, 60) : []
  const toggle = (termId: string) => onChange(value.includes(termId) ? value.filter((v) => v !== termId) : [...value, termId])
  const labelOf = (termId: string) => terms.find((t) => t.id === termId)?.label ?? termId
  return (
    <fieldset className="picker">
      <legend>{label}</legend>
      {value.length > 0 && (
        <ul className="chosen" aria-label={`Chosen ${label.toLowerCase()}`}>
          {value.map((v) => (
            <li key={v} className="chip">
              {labelOf(v)}
              <button type="button" className="chip-remove" aria-label={`Remove ${labelOf(v)}`} onClick={() => toggle(v)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <label htmlFor={id} className="sr-only">Search {label.toLowerCase()}</label>
        <input id={id} type="search" placeholder={`Search ${label.toLowerCase()}…`} value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="button" aria-expanded={open} onClick={() => setBrowsing(!browsing)}>
          {browsing ? 'Hide list' : 'Browse all'}
        </button>
      </div>
      {open && (
        <div className="picker-list">
          {shown.map((t) => (
            <label key={t.id} className="check">
              <input type="checkbox" checked={value.includes(t.id)} onChange={() => toggle(t.id)} />
              {t.label}
            </label>
          ))}
          {shown.length === 0 && <p className="muted small">No {label.toLowerCase()} match “{q}”.</p>}
        </div>
      )}
    </fieldset>
  )
}
