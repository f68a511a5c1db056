import { useRef, useState } from 'react'
import { Link } from 'wouter'
import { EmptyState, ErrorState, Loading } from '../../../components/status'
import { useSpaceContext } from '../../../lib/space'
import { useToday } from '../../../lib/use-today'
import type { AwaitingReview, Cadence, Verdict } from '../../../lib/types'
import { useAwaitingReview } from '../api/get-awaiting-review'
import { CheckLine } from './check-line'
import { ReviewControls } from './review-controls'
import './commitments.css'

const SHOWN_ON_HOME = 5
const PAGE_SIZE = 20

/**
 * For the hurt partner: reports nobody has confirmed or disputed yet, newest first.
 * Optional, never a chore. On home a few, with a link to the paged list (`paged`).
 */
export function ChecksToReview({ paged = false }: { paged?: boolean }) {
  // A reviewed report leaves the list, taking focus with it: focus and the thanks go here instead.
  const [saved, setSaved] = useState<Verdict | null>(null)
  const status = useRef<HTMLParagraphElement>(null)
  const reviewed = (verdict: Verdict) => {
    setSaved(verdict)
    status.current?.focus()
  }
  return (
    <div className="stack">
      <p ref={status} tabIndex={-1} role="status" aria-live="polite" className="small">
        {saved === 'disputed' ? 'Your dispute is saved and shared. Thank you for saying so.' : null}
        {saved === 'confirmed' ? 'Thank you. Your confirmation is saved.' : null}
      </p>
      <ReviewList paged={paged} onReviewed={reviewed} />
    </div>
  )
}

function ReviewList({ paged, onReviewed }: { paged: boolean; onReviewed: (verdict: Verdict) => void }) {
  const { space, partner } = useSpaceContext()
  const query = useAwaitingReview(space.id, paged ? PAGE_SIZE : SHOWN_ON_HOME)
  if (query.isPending) return <Loading label="Loading reports to review…" />
  if (query.error) return <ErrorState error={query.error} onRetry={() => query.refetch()} />
  const items = query.data.pages.flatMap((page) => page.items)
  const partnerName = partner?.display_name ?? 'your partner'
  if (items.length === 0) {
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
        {items.map((item) => (
          <ReviewItem key={item.id} item={item} onReviewed={onReviewed} />
        ))}
      </ul>
      {query.hasNextPage && paged ? (
        <button type="button" className="btn btn--secondary" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {query.isFetchingNextPage ? 'Loading…' : 'Show earlier reports'}
        </button>
      ) : null}
      {query.hasNextPage && !paged ? (
        <p className="small">
          <Link href="/reviews">See every report waiting for you</Link>
        </p>
      ) : null}
    </div>
  )
}

function ReviewItem({ item, onReviewed }: { item: AwaitingReview; onReviewed: (verdict: Verdict) => void }) {
  const { space, me, partner } = useSpaceContext()
  const today = useToday(me.timezone)
  return (
    <li className="review-item">
      <p className="review-item__title">
        <Link href={`/commitments/${item.commitment_id}`}>{item.commitment_title}</Link>
      </p>
      <CheckLine check={item} cadence={item.cadence as Cadence} today={today} timeZone={me.timezone} reviewerName="You" />
      <ReviewControls spaceId={space.id} check={item} partnerName={partner?.display_name ?? 'Your partner'} onReviewed={onReviewed} />
    </li>
  )
}
