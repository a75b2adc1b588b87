import { useRef, useState } from 'react'
import type { BriefCycle } from './use-brief-cycle'

/** HQ's answer to a submitted brief: acknowledge (a note is optional) or return it (a note is required). */
export function BriefReview({ act }: { act: BriefCycle['act'] }) {
  const [note, setNote] = useState('')
  const [missing, setMissing] = useState(false)
  const noteRef = useRef<HTMLTextAreaElement>(null)
  const acknowledge = () => void act('acknowledge', note.trim() ? { note: note.trim() } : {}, 'Brief acknowledged.').then(() => setNote(''))
  const giveBack = () => {
    if (!note.trim()) {
      setMissing(true)
      noteRef.current?.focus()
      return
    }
    setMissing(false)
    void act('return', { note: note.trim() }, 'Brief returned to the hub.').then(() => setNote(''))
  }
  return (
    <form className="brief-review" aria-label="Answer the submitted brief" onSubmit={(e) => e.preventDefault()}>
      <label>
        Note to the hub (optional to acknowledge, required to return)
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
          Say what the hub should change before returning the brief.
        </p>
      )}
      <button type="button" className="primary" onClick={acknowledge}>
        Acknowledge
      </button>{' '}
      <button type="button" onClick={giveBack}>
        Return with a note
      </button>
    </form>
  )
}
