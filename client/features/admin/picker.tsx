import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useT } from '../../i18n/provider'

export interface PickerOption {
  value: string
  label: string
  /** Shown after the label, searched too (an e-mail, a country). */
  hint?: string
}

/** Lower case, accents removed: "Côte" is found by "cote". */
const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
const SHOWN = 50

/**
 * A searchable picker (ARIA combobox with a list): type part of a name, choose with the arrows and
 * Enter or the mouse; the value is the option's id, never typed. Escape closes the list (not the
 * dialog or drawer around it); emptying the text clears the choice.
 */
export function Picker({ label, options, value, onChange, required, placeholder, testId }: {
  label: string
  options: readonly PickerOption[]
  value: string
  onChange: (value: string) => void
  required?: boolean
  placeholder?: string
  testId?: string
}) {
  const t = useT()
  const id = useId()
  const chosen = options.find((o) => o.value === value)
  const [text, setText] = useState(chosen?.label ?? '')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const input = useRef<HTMLInputElement>(null)
  // The choice changed from outside (a hub just created, a filter reset): show it.
  useEffect(() => {
    if (document.activeElement !== input.current) setText(chosen?.label ?? '')
  }, [chosen?.label])
  const matches = useMemo(() => {
    const needle = fold(text.trim())
    const all = !needle || text === chosen?.label ? options : options.filter((o) => fold(`${o.label} ${o.hint ?? ''} ${o.value}`).includes(needle))
    return all.slice(0, SHOWN)
  }, [options, text, chosen?.label])
  const choose = (o: PickerOption) => {
    onChange(o.value)
    setText(o.label)
    setOpen(false)
  }
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      if (!open) return setOpen(true)
      const n = matches.length
      if (n) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : n - 1)) % n)
    } else if (e.key === 'Enter' && open && matches[active]) {
      e.preventDefault()
      choose(matches[active])
    } else if (e.key === 'Escape' && open) {
      e.preventDefault()
      e.stopPropagation()
      setOpen(false)
    }
  }
  const listId = `${id}-list`
  return (
    <div className="picker" data-testid={testId}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={input}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && matches[active] ? `${id}-${active}` : undefined}
        autoComplete="off"
        required={required}
        placeholder={placeholder ?? t('picker.typeToSearch')}
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          setActive(0)
          setOpen(true)
          if (!e.target.value.trim() && value) onChange('')
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={() => {
          setOpen(false)
          // Text that names nothing chosen goes back to the choice: the value is never free text.
          setText(chosen?.label ?? '')
        }}
        onKeyDown={onKey}
      />
      <ul id={listId} role="listbox" aria-label={label} className="picker-list" hidden={!open}>
        {matches.map((o, i) => (
          <li
            key={o.value}
            id={`${id}-${i}`}
            role="option"
            aria-selected={o.value === value}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(o)}
          >
            {o.label}
            {o.hint && <span className="muted small"> {o.hint}</span>}
          </li>
        ))}
        {open && matches.length === 0 && (
          <li role="option" aria-selected={false} aria-disabled="true" className="muted">
            {t('picker.noMatch')}
          </li>
        )}
      </ul>
    </div>
  )
}
