import { useId, useState } from 'react'
import type { TaxonomyTerm } from '../../../shared/taxonomy'

/** A searchable multi-select of taxonomy terms: a filter box and a list of checkboxes. */
export function TermPicker({ label, terms, value, onChange }: { label: string; terms: TaxonomyTerm[]; value: string[]; onChange: (v: string[]) => void }) {
  const [q, setQ] = useState('')
  const id = useId()
  const shown = terms.filter((t) => (t.label + ' ' + t.id).toLowerCase().includes(q.toLowerCase())).slice(0, 60)
  const toggle = (termId: string) => onChange(value.includes(termId) ? value.filter((v) => v !== termId) : [...value, termId])
  return (
    <fieldset className="picker">
      <legend>{label}</legend>
      <label htmlFor={id} className="sr-only">Search {label.toLowerCase()}</label>
      <input id={id} type="search" placeholder={`Search ${label.toLowerCase()}…`} value={q} onChange={(e) => setQ(e.target.value)} />
      <div className="picker-list">
        {shown.map((t) => (
          <label key={t.id} className="check">
            <input type="checkbox" checked={value.includes(t.id)} onChange={() => toggle(t.id)} />
            {t.label}
          </label>
        ))}
      </div>
      {value.length > 0 && <p className="small muted">Selected: {value.join(', ')}</p>}
    </fieldset>
  )
}
