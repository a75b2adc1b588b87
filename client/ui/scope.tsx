import { useId } from 'react'
import { DEFAULT_SCOPE, isScope, SCOPES, type Scope } from '../../shared/scopes'
import type { SelectOption } from './select'
import { t } from '../i18n/intl'
import { useT } from '../i18n/provider'

/** The short name of each scope, as chips and filters show it. */
export const scopeLabel = (s: Scope): string => t(`scope.${s}`)
/** Who reads an item of each scope (shared/scopes.ts holds the English for the server). */
export const scopeAudience = (s: Scope): string => t(`scope.audience.${s}`)

/** A scope as read from the server or a document: anything else (absent, unknown) is the default. */
export const scopeOr = (v: unknown): Scope => (isScope(v) ? v : DEFAULT_SCOPE)

/** Options of a scope drop-down, the audience spelled out (`choices` limits them). */
export const scopeOptions = (choices: readonly Scope[] = SCOPES, long = false): SelectOption[] =>
  choices.map((s) => ({ value: s, label: long ? `${scopeLabel(s)} — ${scopeAudience(s)}` : scopeLabel(s) }))

/** Who reads an item, as a chip: the short name shows, the audience is its tooltip and read out. */
export function ScopeChip({ scope }: { scope: Scope }) {
  useT()
  return (
    <span className={`chip scope scope-${scope}`} title={scopeAudience(scope)} data-testid="scope-chip">
      {scopeLabel(scope)}
      <span className="sr-only">: {scopeAudience(scope)}</span>
    </span>
  )
}

/** Who may read what is being written: one radio per scope, each with its audience. */
export function ScopePicker({ value, onChange, choices = SCOPES, legend }: {
  value: Scope
  onChange: (s: Scope) => void
  /** The scopes this person may choose (only the hub's members may keep something in the hub). */
  choices?: readonly Scope[]
  legend?: string
}) {
  const name = useId()
  const tr = useT()
  return (
    <fieldset className="scope-picker">
      <legend>{legend ?? tr('scope.legend')}</legend>
      {choices.map((s) => (
        <label key={s} className="check">
          <input type="radio" name={name} value={s} checked={value === s} onChange={() => onChange(s)} />
          <span>
            <strong>{scopeLabel(s)}</strong> <span className="muted">— {scopeAudience(s)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  )
}
