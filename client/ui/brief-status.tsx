import type { ReactNode } from 'react'
import type { BriefStatus } from '../../shared/schemas/periods'
import { BRIEF_STATUS_LABEL } from './periods'

const TONE: Record<BriefStatus, string> = { draft: '', submitted: 'accent', returned: 'warn', acknowledged: 'done' }

/** A brief's status as a chip; the words carry the meaning, the colour only repeats it. */
export function BriefStatusChip({ status, children }: { status: BriefStatus; children?: ReactNode }) {
  return (
    <span className={`chip brief-${status} ${TONE[status]}`} data-testid="brief-status">
      {BRIEF_STATUS_LABEL[status]}
      {children}
    </span>
  )
}
