import { useEffect, useId, useRef, useState } from 'react'
import { dayToInput, parseDayInput } from './format'
import { useT } from '../i18n/provider'

/**
 * A calendar-day field in the app's locale (dd/mm/yyyy), whatever the browser's language: a native
 * `<input type="date">` shows mm/dd/yyyy in an en-US browser. Typed text is read day first; the
 * Calendar button opens the browser's picker on a hidden native field. The value is ISO (`2026-12-01`).
 */
export function DayInput({ label, value, onChange, required, min }: {
  label: string
  value: string | null
  onChange: (day: string | null) => void
  required?: boolean
  min?: string
}) {
  const t = useT()
  const [text, setText] = useState(dayToInput(value))
  const [bad, setBad] = useState(false)
  const picker = useRef<HTMLInputElement>(null)
  const hint = useId()
  const id = useId()
  // A value changed from outside (another field, a colleague) replaces what is shown.
  useEffect(() => {
    if (parseDayInput(text) !== value) setText(dayToInput(value))
  }, [value])
  const take = (t: string) => {
    setText(t)
    if (!t.trim()) {
      setBad(false)
      if (!required) onChange(null)
      return
    }
    const day = parseDayInput(t)
    setBad(!day)
    if (day) onChange(day)
  }
  return (
    <div className="day-input">
      <label htmlFor={id} id={`${id}-label`}>
        {label}
      </label>
      <span className="day-input-row">
        <input
          id={id}
          type="text"
          inputMode="numeric"
          placeholder={t('day.placeholder')}
          value={text}
          required={required}
          aria-invalid={bad || undefined}
          aria-describedby={hint}
          onChange={(e) => take(e.target.value)}
          onBlur={() => value && setText(dayToInput(value))}
        />
        {/* Named "Calendar" and described by the field's label (not labelled by it: "First day" names the field alone). */}
        <button type="button" className="day-pick" aria-describedby={`${id}-label`} onClick={() => picker.current?.showPicker?.()}>
          {t('day.calendar')}
        </button>
        <input
          ref={picker}
          type="date"
          className="day-native"
          tabIndex={-1}
          aria-hidden="true"
          value={value ?? ''}
          min={min}
          onChange={(e) => e.target.value && (setText(dayToInput(e.target.value)), setBad(false), onChange(e.target.value))}
        />
      </span>
      <span id={hint} className={bad ? 'error small' : 'sr-only'}>
        {bad ? t('day.bad') : t('day.hint')}
      </span>
    </div>
  )
}
