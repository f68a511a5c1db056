import { EmptyState, ErrorState, Loading } from '../../../components/status'
import { formerPartnerOf, useSpaceContext } from '../../../lib/space'
import { useDisclosures } from '../api/get-disclosures'
import { DisclosureCard } from './disclosure-card'
import './disclosures.css'

/** Every disclosure the reader may see, newest first, as a timeline. */
export function DisclosureTimeline() {
  const { space, me, myRole, partner } = useSpaceContext()
  const query = useDisclosures(space.id)
  if (query.isPending) return <Loading label="Loading the record…" />
  if (query.error) return <ErrorState error={query.error} onRetry={() => query.refetch()} />
  const items = query.data.pages.flatMap((page) => page.items)
  const former = formerPartnerOf(space, myRole)
  if (items.length === 0 && myRole === 'hurt' && former) {
    return (
      <EmptyState title={former.accountDeleted ? 'Nothing from your partner can be shown.' : 'No disclosures were written.'}>
        <p>
          {former.accountDeleted
            ? 'Their account was deleted, and what they wrote went with it.'
            : `${former.member.display_name} left without writing a disclosure.`}
        </p>
      </EmptyState>
    )
  }
  if (items.length === 0) {
    return (
      <EmptyState title="No disclosures yet.">
        <p>
          {myRole === 'repairing'
            ? 'When you are ready, write your first disclosure from your home page.'
            : myRole === 'hurt'
              ? `When ${partner?.display_name ?? 'your partner'} writes a disclosure, it appears here.`
              : 'Nothing has been shared with you here.'}
        </p>
      </EmptyState>
    )
  }
  return (
    <div className="stack">
      <ol className="timeline">
        {items.map((disclosure) => (
          <li key={disclosure.id} className="timeline__item">
            <DisclosureCard disclosure={disclosure} timeZone={me.timezone} headingLevel={2} />
          </li>
        ))}
      </ol>
      {query.hasNextPage ? (
        <button
          type="button"
          className="btn btn--secondary"
          onClick={() => query.fetchNextPage()}
          disabled={query.isFetchingNextPage}
        >
          {query.isFetchingNextPage ? 'Loading…' : 'Show earlier disclosures'}
        </button>
      ) : null}
    </div>
  )
}
