import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { useT } from '../../i18n/provider'
import './admin.css'

/** What a confirmation asks: a title, what will happen, the confirming button's words. */
export interface Ask {
  title: string
  message: ReactNode
  confirmLabel: string
  onConfirm: () => void | Promise<unknown>
}

/**
 * A modal confirmation for a destructive or privilege-changing action, on the native `<dialog>`:
 * the page behind is inert, focus stays inside, Escape (or Cancel) closes it with nothing done and
 * focus goes back to the control that asked. Cancel has the focus first: Enter never destroys.
 */
function ConfirmDialog({ ask, onClose }: { ask: Ask; onClose: () => void }) {
  const t = useT()
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const messageId = useId()
  useEffect(() => {
    const dialog = ref.current
    const opener = document.activeElement as HTMLElement | null
    if (dialog && !dialog.open) dialog.showModal()
    return () => {
      if (dialog?.open) dialog.close()
      opener?.focus?.()
    }
  }, [])
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      // Escape: the browser closes the dialog; React learns of it here. Stopped so a drawer behind stays open.
      onCancel={(e) => (e.preventDefault(), e.stopPropagation(), onClose())}
      onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), e.stopPropagation(), onClose())}
    >
      <h2 id={titleId}>{ask.title}</h2>
      <div id={messageId}>{ask.message}</div>
      <div className="row dialog-buttons">
        <button type="button" autoFocus onClick={onClose}>
          {t('confirm.cancel')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => {
            onClose()
            void ask.onConfirm()
          }}
        >
          {ask.confirmLabel}
        </button>
      </div>
    </dialog>
  )
}

/** A confirmation to ask from an event handler (a role picked in a drop-down): `ask({...})`, and the dialog to render. */
export function useConfirm() {
  const [pending, setPending] = useState<Ask | null>(null)
  const close = useCallback(() => setPending(null), [])
  const dialog = pending ? <ConfirmDialog ask={pending} onClose={close} /> : null
  return [dialog, setPending] as const
}

/** A button that asks first, in a dialog. `label` is its accessible name when `text` (shorter) is shown. */
export function ConfirmButton({ label, text, title, message, confirmLabel, onConfirm, className, disabled }: {
  label: string
  text?: string
  title?: string
  message: ReactNode
  confirmLabel: string
  onConfirm: () => void | Promise<unknown>
  className?: string
  disabled?: boolean
}) {
  const [dialog, ask] = useConfirm()
  return (
    <>
      <button type="button" className={className} disabled={disabled} aria-label={text ? label : undefined} aria-haspopup="dialog" onClick={() => ask({ title: title ?? label, message, confirmLabel, onConfirm })}>
        {text ?? label}
      </button>
      {dialog}
    </>
  )
}
