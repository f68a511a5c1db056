import { useState } from 'react'
import { Link } from 'wouter'
import { CADENCE_LABELS, STATUS_LABELS } from '../../../config/words'
import { useSpaceContext } from '../../../lib/space'
import type { Cadence, Commitment, CommitmentStatus } from '../../../lib/types'
import { periodName, periodOf } from '../periods'
import { CheckLine } from './check-line'
import { CheckReporter } from './check-reporter'
import { ReliabilityMeter } from './reliability'

interface CommitmentCardProps {
  spaceId: number
  commitment: Commitment
  today: string
  timeZone: string
  /** The reader wrote it and may report on it. */
  canReport: boolean
  reviewerName: string
}

/** A commitment with its reliability, streak and this period's check (to report, if it is yours). */
export function CommitmentCard({ spaceId, commitment, today, timeZone, canReport, reviewerName }: CommitmentCardProps) {
  const { basePath } = useSpaceContext()
  const cadence = commitment.cadence as Cadence
  const status = commitment.status as CommitmentStatus
  const period = periodOf(today, cadence)
  const [reporting, setReporting] = useState(false)
  const current = commitment.current_check
  return (
    <article className="commitment-card">
      <div className="card__header">
        <h3 className="commitment-card__title">
          <Link href={`${basePath}/commitments/${commitment.id}`}>{commitment.title}</Link>
        </h3>
        <span>
          <span className="tag tag--muted">{CADENCE_LABELS[cadence] ?? commitment.cadence}</span>{' '}
          {status !== 'active' ? <span className="tag tag--warn">{STATUS_LABELS[status] ?? status}</span> : null}
        </span>
      </div>
      {commitment.description ? <p className="commitment-card__description">{commitment.description}</p> : null}
      <ReliabilityMeter commitment={commitment} />
      {current ? (
        <CheckLine check={current} cadence={cadence} today={today} timeZone={timeZone} reviewerName={reviewerName} />
      ) : canReport && status === 'active' ? (
        reporting || cadence !== 'ongoing' ? (
          <CheckReporter
            spaceId={spaceId}
            commitmentId={commitment.id}
            cadence={cadence}
            period={period}
            periodLabel={periodName(period, cadence, today)}
            onDone={() => setReporting(false)}
          />
        ) : (
          <button type="button" className="btn btn--secondary btn--small" onClick={() => setReporting(true)}>
            Report today
          </button>
        )
      ) : status === 'active' && cadence !== 'ongoing' ? (
        <p className="muted small">Not reported yet for {periodName(period, cadence, today)}.</p>
      ) : null}
    </article>
  )
}
