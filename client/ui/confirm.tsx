import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useT } from '../i18n/provider'

interface Props {
  /** The button that asks first. */
  label: string
  /** What the action does, shown before it is confirmed. */
  message: ReactNode
  /** The confirming button's text. */
  confirmLabel: string
  onConfirm: () => void | Promise<void>
  disabled?: boolean
  className?: string
  /** A short visible text for the first button when `label` (its accessible name) is long. */
  text?: string
}

/**
 * A button that asks before it acts: the question appears in place (no browser dialog, so it is
 * styled, read out as a group and reachable by keyboard); focus moves to the confirming button and
 * back to the first one on cancel.
 */
export function ConfirmButton({ label, message, confirmLabel, onConfirm, disabled, className, text }: Props) {
  const t = useT()
  const [asking, setAsking] = useState(false)
  const confirmRef = useRef<HTMLButtonElement>(null)
  const openRef = useRef<HTMLButtonElement>(null)
  const wasAsking = useRef(false)
  useEffect(() => {
    if (asking) confirmRef.current?.focus()
    else if (wasAsking.current) openRef.current?.focus()
    wasAsking.current = asking
  }, [asking])
  if (!asking)
    return (
      <button type="button" ref={openRef} className={className} disabled={disabled} onClick={() => setAsking(true)} aria-label={text ? label : undefined}>
        {text ?? label}
      </button>
    )
  return (
    <span role="group" aria-label={label} className="confirm">
      <span className="confirm-message">{message}</span>{' '}
      <button
        type="button"
        ref={confirmRef}
        className="primary"
        onClick={() => {
          setAsking(false)
          void onConfirm()
        }}
      >
        {confirmLabel}
      </button>{' '}
      <button type="button" onClick={() => setAsking(false)}>
        {t('confirm.cancel')}
      </button>
    </span>
  )
}
