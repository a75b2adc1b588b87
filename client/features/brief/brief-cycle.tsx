import type { MeView } from '../../../shared/schemas/auth'
import { canReviewBriefs, canSubmitBrief } from '../../../shared/access'
import { BriefStatusChip } from '../../ui/brief-status'
import { ConfirmButton } from '../../ui/confirm'
import { ErrorBanner, NoticeBanner } from '../../ui/error-banner'
import { dayLabel, periodOptionLabel } from '../../ui/periods'
import { Select } from '../../ui/select'
import { BriefReview } from './brief-review'
import type { BriefCycle } from './use-brief-cycle'
import { t as tr } from '../../i18n/intl'
import { useT } from '../../i18n/provider'

/** Why the brief cannot be submitted for the period, or null when it can. */
function submitBlocked(locked: boolean, status: string): string | null {
  if (locked) return tr('brief.locked')
  if (status === 'acknowledged') return tr('brief.final')
  return null
}

/** The brief's place in the reporting cycle: the period, its status, and the steps the person may take. */
export function BriefCycleBar({ hubId, me, cycle, onViewSubmitted, viewing }: { hubId: string; me: MeView; cycle: BriefCycle; onViewSubmitted: () => void; viewing: boolean }) {
  const { periods, period, setPeriodId, brief, error, notice, act } = cycle
  const t = useT()
  if (!periods) return <p className="muted">{t('brief.loadingPeriods')}</p>
  if (!period) return <p className="muted small">{t('brief.noPeriod')}</p>
  const status = brief?.status ?? 'draft'
  const blocked = submitBlocked(period.locked, status)
  const mayAnswer = canReviewBriefs(me) && status === 'submitted' && !period.locked
  return (
    <section className="panel brief-cycle" aria-labelledby="brief-cycle-title">
      <h3 id="brief-cycle-title" className="sr-only">
        {t('brief.cycleTitle')}
      </h3>
      <div className="panel-head">
        <Select label={t('brief.period')} value={period.id} onChange={setPeriodId} options={periods.map((p) => ({ value: p.id, label: periodOptionLabel(p, p.lockedAt) }))} />
        <p role="status" aria-live="polite">
          <span className="sr-only">{t('brief.statusFor', { period: period.id })}</span>
          <BriefStatusChip status={status}>
            {status === 'submitted' && brief?.submittedAt && ` ${dayLabel(brief.submittedAt)}`}
            {status === 'acknowledged' && brief?.acknowledgedAt && ` ${dayLabel(brief.acknowledgedAt)}`}
          </BriefStatusChip>
          <span className="muted small">{t('brief.due', { day: dayLabel(period.briefDue) })}</span>
        </p>
      </div>
      {brief?.note && (status === 'returned' || status === 'acknowledged') && (
        <p className="brief-note" data-testid="brief-note">
          <strong>{t('brief.hqNote')}</strong> <span className="user-text">{brief.note}</span>
        </p>
      )}
      <ErrorBanner message={error} />
      <NoticeBanner message={notice} />
      <div className="brief-actions">
        {canSubmitBrief(me, hubId) && (
          <>
            <ConfirmButton
              label={t('brief.submitFor', { period: period.id })}
              className="primary"
              disabled={blocked !== null}
              message={t('brief.submitMessage', { period: period.id })}
              confirmLabel={t('brief.submitNow')}
              onConfirm={() => act('submit', undefined, t('brief.submitted', { period: period.id }))}
            />
            {blocked && <span className="muted small"> {blocked}</span>}
          </>
        )}{' '}
        {status !== 'draft' && (
          <button type="button" aria-expanded={viewing} onClick={onViewSubmitted}>
            {viewing ? t('brief.hideSubmitted') : t('brief.viewSubmitted')}
          </button>
        )}
      </div>
      {mayAnswer && <BriefReview act={act} />}
    </section>
  )
}
