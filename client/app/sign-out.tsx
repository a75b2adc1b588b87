import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { onPendingChange } from '../sync/provider'
import { pendingChanges, syncUnsent } from '../sync/unsent'
import { useT } from '../i18n/provider'

/**
 * The sign-out button. Sign-out deletes this browser's offline copies (the computer may be
 * shared), so changes not yet sent would be lost: the person is asked first, and may wait for the
 * sync, after which the sign-out goes ahead by itself.
 */
export function SignOutButton({ onSignOut }: { onSignOut: () => void }) {
  const t = useT()
  const [mode, setMode] = useState<'closed' | 'ask' | 'waiting'>('closed')
  const [pending, setPending] = useState(0)
  const button = useRef<HTMLButtonElement>(null)
  const dialog = useRef<HTMLDivElement>(null)
  const done = useRef(false)

  const finish = () => {
    if (done.current) return
    done.current = true
    setMode('closed')
    onSignOut()
  }
  const close = () => {
    setMode('closed')
    button.current?.focus()
  }

  useEffect(() => {
    if (mode === 'closed') return
    const update = () => setPending(pendingChanges())
    update()
    return onPendingChange(update)
  }, [mode])
  useEffect(() => {
    if (mode === 'waiting' && pending === 0) finish()
  }, [mode, pending])
  useEffect(() => {
    if (mode !== 'closed') dialog.current?.querySelector<HTMLButtonElement>('button')?.focus()
  }, [mode])

  const start = () => {
    const n = pendingChanges()
    if (n === 0) return finish()
    setPending(n)
    setMode('ask')
  }
  // A modal dialog: Escape cancels, Tab stays among its buttons.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault()
      close()
    } else if (e.key === 'Tab') {
      const buttons = [...(dialog.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])]
      const at = buttons.indexOf(document.activeElement as HTMLButtonElement)
      const next = (at + (e.shiftKey ? -1 : 1) + buttons.length) % buttons.length
      e.preventDefault()
      buttons[next]?.focus()
    }
  }

  return (
    <>
      <button type="button" ref={button} onClick={start}>
        {t('signOut.button')}
      </button>
      {mode !== 'closed' && (
        <div className="backdrop">
          <div
            className="modal"
            role="dialog"
            aria-modal="true"
            aria-labelledby="sign-out-title"
            aria-describedby="sign-out-text"
            ref={dialog}
            onKeyDown={onKeyDown}
            data-testid="sign-out-dialog"
          >
            <h2 id="sign-out-title">{mode === 'ask' ? t('signOut.askTitle') : t('signOut.waitTitle')}</h2>
            {mode === 'ask' ? (
              <p id="sign-out-text">
                {t('signOut.ask', { count: pending })}
              </p>
            ) : (
              <p id="sign-out-text" role="status">
                {t('signOut.waiting', { count: pending })}
              </p>
            )}
            <div className="actions">
              {mode === 'ask' ? (
                <button
                  type="button"
                  className="primary"
                  onClick={() => {
                    syncUnsent()
                    setMode('waiting')
                  }}
                >
                  {t('signOut.wait')}
                </button>
              ) : (
                <button type="button" onClick={close}>
                  {t('signOut.stay')}
                </button>
              )}
              <button type="button" onClick={finish}>
                {t('signOut.anyway')}
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  )
}
