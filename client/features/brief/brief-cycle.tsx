import type { MeView } from '../../../shared/schemas/auth'
import { canReviewBriefs, canSubmitBrief } from '../../../shared/access'
import { BriefStatusChip } from '../../ui/brief-status'
import { ConfirmButton } from '../../ui/confirm'
import { ErrorBanner, NoticeBanner } from '../../ui/error-banner'
import { dayLabel, periodOptionLabel } from '../../ui/periods'
import { Select } from '../../ui/select'
import { BriefReview } from './brief-review'
import type { BriefCycle } from './use-brief-cycle'

/** Why the brief cannot be submitted for the period, or null when it can. */
function submitBlocked(locked: boolean, status: string): string | null {
  if (locked) return 'The period is locked: its briefs can no longer be submitted.'
  if (status === 'acknowledged') return 'HQ has acknowledged this brief: it is final for the period.'
  return null
}

/** The brief's place in the reporting cycle: the period, its status, and the steps the person may take. */
export function BriefCycleBar({ hubId, me, cycle, onViewSubmitted, viewing }: { hubId: string; me: MeView; cycle: BriefCycle; onViewSubmitted: () => void; viewing: boolean }) {
  const { periods, period, setPeriodId, brief, error, notice, act } = cycle
  if (!periods) return <p className="muted">Loading the reporting periods…</p>
  if (!period) return <p className="muted small">No reporting period yet: the brief is not due for any.</p>
  const status = brief?.status ?? 'draft'
  const blocked = submitBlocked(period.locked, status)
  const mayAnswer = canReviewBriefs(me) && status === 'submitted' && !period.locked
  return (
    <section className="panel brief-cycle" aria-labelledby="brief-cycle-title">
      <h3 id="brief-cycle-title" className="sr-only">
        Brief for the reporting period
      </h3>
      <div className="panel-head">
        <Select label="Reporting period" value={period.id} onChange={setPeriodId} options={periods.map((p) => ({ value: p.id, label: periodOptionLabel(p, p.lockedAt) }))} />
        <p role="status" aria-live="polite">
          <span className="sr-only">Status for {period.id}: </span>
          <BriefStatusChip status={status}>
            {status === 'submitted' && brief?.submittedAt && ` ${dayLabel(brief.submittedAt)}`}
            {status === 'acknowledged' && brief?.acknowledgedAt && ` ${dayLabel(brief.acknowledgedAt)}`}
          </BriefStatusChip>
          <span className="muted small"> due {dayLabel(period.briefDue)}</span>
        </p>
      </div>
      {brief?.note && (status === 'returned' || status === 'acknowledged') && (
        <p className="brief-note" data-testid="brief-note">
          <strong>HQ's note:</strong> <span className="user-text">{brief.note}</span>
        </p>
      )}
      <ErrorBanner message={error} />
      <NoticeBanner message={notice} />
      <div className="brief-actions">
        {canSubmitBrief(me, hubId) && (
          <>
            <ConfirmButton
              label={`Submit for ${period.id}`}
              className="primary"
              disabled={blocked !== null}
              message={`Submitting freezes the brief as it stands now as the hub's brief for ${period.id}; HQ can then acknowledge or return it.`}
              confirmLabel="Submit now"
              onConfirm={() => act('submit', undefined, `Brief submitted for ${period.id}.`)}
            />
            {blocked && <span className="muted small"> {blocked}</span>}
          </>
        )}{' '}
        {status !== 'draft' && (
          <button type="button" aria-expanded={viewing} onClick={onViewSubmitted}>
            {viewing ? 'Hide the submitted brief' : 'View as submitted'}
          </button>
        )}
      </div>
      {mayAnswer && <BriefReview act={act} />}
    </section>
  )
}
