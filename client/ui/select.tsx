import type { ReactNode } from 'react'

export interface SelectOption {
  value: string
  label: ReactNode
}

/** Options whose label is their value (roles, region names, mission codes). */
export const plainOptions = (values: readonly string[]): SelectOption[] => values.map((v) => ({ value: v, label: v }))

interface SelectProps {
  /** The visible label around the control; without one, pass `ariaLabel`. */
  label?: ReactNode
  ariaLabel?: string
  value: string
  onChange: (value: string) => void
  options: readonly SelectOption[]
  /** A first option with the value '' ("All regions"), for a filter that may be left open. */
  empty?: string
  disabled?: boolean
  /** Options after the listed ones ("Custom dates…"). */
  children?: ReactNode
}

/** A drop-down of string values, labelled as every form control must be. */
export function Select({ label, ariaLabel, value, onChange, options, empty, disabled, children }: SelectProps) {
  const select = (
    <select value={value} onChange={(e) => onChange(e.target.value)} aria-label={ariaLabel} disabled={disabled}>
      {empty !== undefined && <option value="">{empty}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
      {children}
    </select>
  )
  if (label === undefined) return select
  return (
    <label>
      {label}
      {select}
    </label>
  )
}
