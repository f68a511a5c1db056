import { OUTCOME_LABELS } from '../../../config/words'
import { dateTime } from '../../../lib/dates'
import type { Cadence, Check, Outcome } from '../../../lib/types'
import { periodName } from '../periods'

/** One reported period: outcome, note, and the review if it is shared with the reader. */
export function CheckLine({
  check,
  cadence,
  today,
  timeZone,
  reviewerName,
}: {
  check: Check
  cadence: Cadence
  today: string
  timeZone: string
  reviewerName: string
}) {
  const outcome = check.outcome as Outcome
  return (
    <div className="check-line">
      <p className="check-line__head">
        <span className={`outcome outcome--${outcome}`}>{OUTCOME_LABELS[outcome] ?? check.outcome}</span>{' '}
        <span className="muted">{periodName(check.period_start, cadence, today)}</span>
      </p>
      {check.note ? <p className="check-line__note">{check.note}</p> : null}
      {check.review ? (
        <p className={check.review.verdict === 'disputed' ? 'check-line__review check-line__review--disputed' : 'check-line__review'}>
          {reviewerName} {check.review.verdict === 'disputed' ? 'disputed this' : 'confirmed this'}{' '}
          <span className="muted">({dateTime(check.review.created_at, timeZone)})</span>
          {check.review.note ? `: “${check.review.note}”` : ''}
        </p>
      ) : null}
    </div>
  )
}
