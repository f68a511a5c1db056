import { Link } from 'wouter'
import { EmptyState, ErrorState, Loading } from '../../../components/status'
import { addDays } from '../../../lib/dates'
import { useSpaceContext } from '../../../lib/space'
import { useToday } from '../../../lib/use-today'
import type { Cadence, Check, CommitmentDetail } from '../../../lib/types'
import { useCommitmentDetails } from '../api/get-commitment'
import { useCommitments } from '../api/get-commitments'
import { CheckLine } from './check-line'
import { ReviewControls } from './review-controls'
import './commitments.css'

const RECENT_DAYS = 14
const MAX_SHOWN = 5

/** For the hurt partner: recent checks nobody has confirmed or disputed yet. Optional, never a chore. */
export function ChecksToReview() {
  const { space, me, partner } = useSpaceContext()
  const today = useToday(me.timezone)
  const list = useCommitments(space.id)
  const ids = (list.data?.items ?? []).filter((c) => c.status === 'active' || c.status === 'paused').map((c) => c.id)
  const details = useCommitmentDetails(space.id, ids)
  if (list.isPending || details.some((d) => d.isPending)) return <Loading label="Loading recent check-ins…" />
  const failed = list.error ?? details.find((d) => d.error)?.error
  if (failed) return <ErrorState error={failed} onRetry={() => list.refetch()} />
  const since = addDays(today, -RECENT_DAYS)
  const pending: { commitment: CommitmentDetail; check: Check }[] = []
  for (const detail of details) {
    const commitment = detail.data
    if (!commitment) continue
    for (const check of commitment.checks) {
      if (!check.review && check.period_start >= since) pending.push({ commitment, check })
    }
  }
  pending.sort((a, b) => b.check.created_at.localeCompare(a.check.created_at))
  const partnerName = partner?.display_name ?? 'your partner'
  if (pending.length === 0) {
    return (
      <EmptyState title="Nothing waiting for you.">
        <p>
          When {partnerName} reports on a commitment, you can say whether it matches what you saw. Only if you want to.{' '}
          <Link href="/commitments">See all commitments</Link>
        </p>
      </EmptyState>
    )
  }
  return (
    <div className="stack">
      <p className="muted small">Only if you want to: say whether each report matches what you saw.</p>
      <ul className="plain-list">
        {pending.slice(0, MAX_SHOWN).map(({ commitment, check }) => (
          <li key={check.id} className="review-item">
            <p className="review-item__title">
              <Link href={`/commitments/${commitment.id}`}>{commitment.title}</Link>
            </p>
            <CheckLine check={check} cadence={commitment.cadence as Cadence} today={today} timeZone={me.timezone} reviewerName="You" />
            <ReviewControls spaceId={space.id} check={check} partnerName={partner?.display_name ?? 'Your partner'} />
          </li>
        ))}
      </ul>
      {pending.length > MAX_SHOWN ? (
        <p className="small">
          And {pending.length - MAX_SHOWN} more on the <Link href="/commitments">commitments page</Link>.
        </p>
      ) : null}
    </div>
  )
}
