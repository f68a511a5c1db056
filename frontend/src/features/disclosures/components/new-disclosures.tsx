import { Link } from 'wouter'
import { EmptyState, ErrorState, Loading } from '../../../components/status'
import { useSpaceContext } from '../../../lib/space'
import { useDisclosures } from '../api/get-disclosures'
import { AcknowledgeButton } from './acknowledge-button'
import { DisclosureCard } from './disclosure-card'
import './disclosures.css'

/** For the hurt partner: disclosures not yet taken in, to read, question and acknowledge in their own time. */
export function NewDisclosures() {
  const { space, me, partner } = useSpaceContext()
  const query = useDisclosures(space.id, 50)
  if (query.isPending) return <Loading label="Loading disclosures…" />
  if (query.error) return <ErrorState error={query.error} onRetry={() => query.refetch()} />
  const all = query.data.pages.flatMap((page) => page.items)
  const fresh = all.filter((d) => d.author_id !== me.id && !d.acknowledged_at)
  if (fresh.length === 0) {
    return (
      <EmptyState title="Nothing new to read.">
        <p>
          {all.length > 0 ? (
            <>
              Everything {partner?.display_name ?? 'your partner'} has shared is in <Link href="/record">the record</Link>.
            </>
          ) : (
            `When ${partner?.display_name ?? 'your partner'} shares a disclosure, it will appear here.`
          )}
        </p>
      </EmptyState>
    )
  }
  return (
    <ul className="plain-list">
      {fresh.map((disclosure) => (
        <li key={disclosure.id}>
          <DisclosureCard disclosure={disclosure} timeZone={me.timezone}>
            <div className="button-row">
              <Link href={`/record/${disclosure.id}`} className="btn btn--secondary">
                Read it all, or ask a question
              </Link>
            </div>
            <AcknowledgeButton spaceId={space.id} disclosure={disclosure} timeZone={me.timezone} />
          </DisclosureCard>
        </li>
      ))}
    </ul>
  )
}
