import { EmptyState, ErrorState, Loading } from '../../../components/status'
import { useSpaceContext } from '../../../lib/space'
import type { Commitment } from '../../../lib/types'
import { useCommitments } from '../api/get-commitments'
import { useToday } from '../../../lib/use-today'
import { CommitmentCard } from './commitment-card'
import './commitments.css'

const ORDER: Record<string, number> = { active: 0, paused: 1, completed: 2, withdrawn: 3 }

function byStatus(a: Commitment, b: Commitment): number {
  return (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9)
}

/** Commitments with reliability, streak and this period's check; active ones first. */
export function CommitmentList({ activeOnly = false }: { activeOnly?: boolean }) {
  const { space, me, myRole, hurt } = useSpaceContext()
  const query = useCommitments(space.id)
  const today = useToday(me.timezone)
  if (query.isPending) return <Loading label="Loading commitments…" />
  if (query.error) return <ErrorState error={query.error} onRetry={() => query.refetch()} />
  const items = query.data.items.filter((c) => !activeOnly || c.status === 'active').sort(byStatus)
  if (items.length === 0) {
    return (
      <EmptyState title={activeOnly ? 'No active commitments.' : 'No commitments yet.'}>
        <p>
          {myRole === 'repairing'
            ? 'A commitment is one concrete thing you will do, and report on, so trust can be rebuilt in small steps.'
            : myRole === 'hurt'
              ? 'When your partner makes a commitment, it appears here with how reliably it is kept.'
              : 'Nothing has been shared with you here.'}
        </p>
      </EmptyState>
    )
  }
  return (
    <ul className="plain-list">
      {items.map((commitment) => (
        <li key={commitment.id}>
          <CommitmentCard
            spaceId={space.id}
            commitment={commitment}
            today={today}
            timeZone={me.timezone}
            canReport={myRole === 'repairing' && commitment.author_id === me.id}
            reviewerName={hurt?.user_id === me.id ? 'You' : (hurt?.display_name ?? 'Your partner')}
          />
        </li>
      ))}
    </ul>
  )
}
