import type { ReactNode } from 'react'
import type { BriefStatus } from '../../shared/schemas/periods'
import { briefStatusLabel } from './periods'
import { useT } from '../i18n/provider'

const TONE: Record<BriefStatus, string> = { draft: '', submitted: 'accent', returned: 'warn', acknowledged: 'done' }

/** A brief's status as a chip; the words carry the meaning, the colour only repeats it. */
export function BriefStatusChip({ status, children }: { status: BriefStatus; children?: ReactNode }) {
  useT()
  return (
    <span className={`chip brief-${status} ${TONE[status]}`} data-testid="brief-status">
      {briefStatusLabel(status)}
      {children}
    </span>
  )
}
