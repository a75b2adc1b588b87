import { useRef, useState } from 'react'
import type { BriefCycle } from './use-brief-cycle'
import { useT } from '../../i18n/provider'

/** HQ's answer to a submitted brief: acknowledge (a note is optional) or return it (a note is required). */
export function BriefReview({ act }: { act: BriefCycle['act'] }) {
  const t = useT()
  const [note, setNote] = useState('')
  const [missing, setMissing] = useState(false)
  const noteRef = useRef<HTMLTextAreaElement>(null)
  const acknowledge = () => void act('acknowledge', note.trim() ? { note: note.trim() } : {}, t('brief.acknowledged')).then(() => setNote(''))
  const giveBack = () => {
    if (!note.trim()) {
      setMissing(true)
      noteRef.current?.focus()
      return
    }
    setMissing(false)
    void act('return', { note: note.trim() }, t('brief.returnedDone')).then(() => setNote(''))
  }
  return (
    <form className="brief-review" aria-label={t('brief.answer')} onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('brief.reviewNote')}
        <textarea
          ref={noteRef}
          rows={2}
          maxLength={4000}
          value={note}
          aria-invalid={missing || undefined}
          aria-describedby={missing ? 'review-note-missing' : undefined}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      {missing && (
        <p id="review-note-missing" className="error small">
          {t('brief.noteMissing')}
        </p>
      )}
      <button type="button" className="primary" onClick={acknowledge}>
        {t('brief.acknowledge')}
      </button>{' '}
      <button type="button" onClick={giveBack}>
        {t('brief.returnWithNote')}
      </button>
    </form>
  )
}
