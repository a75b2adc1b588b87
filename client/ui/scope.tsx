import { useId } from 'react'
import { DEFAULT_SCOPE, isScope, SCOPE_AUDIENCE, SCOPES, type Scope } from '../../shared/scopes'
import type { SelectOption } from './select'

/** The short name of each scope, as chips and filters show it. */
export const SCOPE_LABEL: Record<Scope, string> = { hub: 'Hub only', hq: 'HQ', network: 'Network' }

/** A scope as read from the server or a document: anything else (absent, unknown) is the default. */
export const scopeOr = (v: unknown): Scope => (isScope(v) ? v : DEFAULT_SCOPE)

/** Options of a scope drop-down, the audience spelled out (`choices` limits them). */
export const scopeOptions = (choices: readonly Scope[] = SCOPES, long = false): SelectOption[] =>
  choices.map((s) => ({ value: s, label: long ? `${SCOPE_LABEL[s]} — ${SCOPE_AUDIENCE[s]}` : SCOPE_LABEL[s] }))

/** Who reads an item, as a chip: the short name shows, the audience is its tooltip and read out. */
export function ScopeChip({ scope }: { scope: Scope }) {
  return (
    <span className={`chip scope scope-${scope}`} title={SCOPE_AUDIENCE[scope]} data-testid="scope-chip">
      {SCOPE_LABEL[scope]}
      <span className="sr-only">: {SCOPE_AUDIENCE[scope]}</span>
    </span>
  )
}

/** Who may read what is being written: one radio per scope, each with its audience. */
export function ScopePicker({ value, onChange, choices = SCOPES, legend = 'Who can read this' }: {
  value: Scope
  onChange: (s: Scope) => void
  /** The scopes this person may choose (only the hub's members may keep something in the hub). */
  choices?: readonly Scope[]
  legend?: string
}) {
  const name = useId()
  return (
    <fieldset className="scope-picker">
      <legend>{legend}</legend>
      {choices.map((s) => (
        <label key={s} className="check">
          <input type="radio" name={name} value={s} checked={value === s} onChange={() => onChange(s)} />
          <span>
            <strong>{SCOPE_LABEL[s]}</strong> <span className="muted">— {SCOPE_AUDIENCE[s]}</span>
          </span>
        </label>
      ))}
    </fieldset>
  )
}
