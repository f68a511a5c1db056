import { useState } from 'react'
import { Link } from 'wouter'
import { Section } from '../../../components/page'
import { ErrorState, Loading } from '../../../components/status'
import { CADENCE_LABELS, STATUS_LABELS } from '../../../config/words'
import { ProblemError } from '../../../lib/api-client'
import { dateTime, longDay } from '../../../lib/dates'
import { useSpaceContext } from '../../../lib/space'
import { useToday } from '../../../lib/use-today'
import type { Cadence, CommitmentStatus } from '../../../lib/types'
import { useCommitment } from '../api/get-commitment'
import { periodName, periodOf, previousPeriod } from '../periods'
import { CheckLine } from './check-line'
import { CheckReplies } from './check-replies'
import { CheckReporter } from './check-reporter'
import { ReliabilityExplainer, ReliabilityMeter } from './reliability'
import { ReviewControls } from './review-controls'
import { StatusChangeForm } from './status-change-form'
import './commitments.css'

/** A commitment in full: reliability, every check and review, and its status history. */
export function CommitmentDetailView({ id }: { id: number }) {
  const { space, me, myRole, hurt, repairing, basePath } = useSpaceContext()
  const today = useToday(me.timezone)
  const query = useCommitment(space.id, id)
  const [earlier, setEarlier] = useState(false)
  if (query.isPending) return <Loading label="Loading the commitment…" />
  if (query.error) {
    if (query.error instanceof ProblemError && query.error.status === 404) {
      return (
        <p>
          We couldn’t find that commitment. It may not be shared with you. <Link href={basePath || '/commitments'}>Go back</Link>
        </p>
      )
    }
    return <ErrorState error={query.error} onRetry={() => query.refetch()} />
  }
  const commitment = query.data
  const cadence = commitment.cadence as Cadence
  const isAuthor = commitment.author_id === me.id
  const reviewerName = hurt?.user_id === me.id ? 'You' : (hurt?.display_name ?? 'Your partner')
  const partnerName = (myRole === 'repairing' ? hurt?.display_name : repairing?.display_name) ?? 'Your partner'
  const reported = new Set(commitment.checks.map((c) => c.period_start))
  const lastPeriod = previousPeriod(today, cadence)
  const canReportEarlier =
    isAuthor &&
    commitment.status === 'active' &&
    cadence !== 'ongoing' &&
    lastPeriod >= periodOf(commitment.starts_on, cadence) &&
    !reported.has(lastPeriod)

  return (
    <div className="stack">
      <article className="card" aria-labelledby="commitment-title">
        <div className="card__header">
          <h2 id="commitment-title">{commitment.title}</h2>
          <span>
            <span className="tag tag--muted">{CADENCE_LABELS[cadence] ?? cadence}</span>{' '}
            <span className="tag">{STATUS_LABELS[commitment.status as CommitmentStatus] ?? commitment.status}</span>
          </span>
        </div>
        {commitment.description ? <p>{commitment.description}</p> : null}
        <p className="muted small">Since {longDay(commitment.starts_on)}</p>
        <ReliabilityMeter commitment={commitment} />
        <ReliabilityExplainer />
        {canReportEarlier ? (
          earlier ? (
            <CheckReporter
              spaceId={space.id}
              commitmentId={commitment.id}
              cadence={cadence}
              period={lastPeriod}
              periodLabel={periodName(lastPeriod, cadence, today)}
              onDone={() => setEarlier(false)}
            />
          ) : (
            <button type="button" className="btn btn--secondary btn--small" onClick={() => setEarlier(true)}>
              Report {periodName(lastPeriod, cadence, today)}
            </button>
          )
        ) : null}
      </article>
      <Section title="Check-ins" id="checks">
        {commitment.checks.length === 0 ? (
          <p className="muted">Nothing reported yet.</p>
        ) : (
          <ol className="plain-list check-list">
            {commitment.checks.map((check) => (
              <li key={check.id} className="check-list__item">
                <CheckLine check={check} cadence={cadence} today={today} timeZone={me.timezone} reviewerName={reviewerName} />
                {myRole === 'hurt' ? (
                  <details>
                    <summary>{check.review ? 'Change my answer' : 'Confirm or dispute'}</summary>
                    <ReviewControls spaceId={space.id} check={check} partnerName={partnerName} />
                  </details>
                ) : null}
                <CheckReplies check={check} />
              </li>
            ))}
          </ol>
        )}
      </Section>
      {isAuthor ? (
        <Section title="Pause, complete or withdraw" id="status">
          {/* Closed until asked for: it should never sit open right under a dispute. */}
          <details className="status-change-details">
            <summary>Change this commitment’s status…</summary>
            <StatusChangeForm spaceId={space.id} commitmentId={commitment.id} current={commitment.status} partnerName={partnerName} />
          </details>
        </Section>
      ) : null}
      <Section title="Status history" id="status-history">
        {commitment.status_history.length === 0 ? (
          <p className="muted">Active since it was made; no changes.</p>
        ) : (
          <ol className="plain-list">
            {commitment.status_history.map((change) => (
              <li key={change.created_at} className="status-change">
                <strong>{STATUS_LABELS[change.status as CommitmentStatus] ?? change.status}</strong> from{' '}
                {longDay(change.effective_on)} <span className="muted">(said {dateTime(change.created_at, me.timezone)})</span>
                <p className="status-change__reason">“{change.reason}”</p>
              </li>
            ))}
          </ol>
        )}
      </Section>
    </div>
  )
}
