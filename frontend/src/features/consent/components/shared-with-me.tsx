import { EmptyState, ErrorState, Loading } from '../../../components/status'
import { consentCategoryLabel, roleLabel } from '../../../config/words'
import { dateTime } from '../../../lib/dates'
import { useSpaceContext } from '../../../lib/space'
import type { ConsentReceived } from '../../../lib/types'
import { useConsents } from '../api/get-consents'

/** What others share with me, grouped by person. */
export function SharedWithMe() {
  const { space, me, nameOf } = useSpaceContext()
  const consents = useConsents(space.id)
  if (consents.isPending) return <Loading />
  if (consents.error) return <ErrorState error={consents.error} onRetry={() => consents.refetch()} />
  const byOwner = new Map<number, ConsentReceived[]>()
  for (const grant of consents.data.received) {
    byOwner.set(grant.owner_id, [...(byOwner.get(grant.owner_id) ?? []), grant])
  }
  if (byOwner.size === 0) return <EmptyState title="Nobody shares anything with you here right now." />
  return (
    <ul className="list">
      {[...byOwner.entries()].map(([ownerId, grants]) => (
        <li key={ownerId} className="list__item shared-with-me">
          <strong>
            {nameOf(ownerId)} <span className="tag tag--muted">{roleLabel(grants[0].owner_role)}</span>
          </strong>
          <ul className="shared-with-me__list">
            {grants.map((grant) => (
              <li key={grant.category}>
                {consentCategoryLabel(grant.category)}
                {grant.expires_at ? <span className="muted"> until {dateTime(grant.expires_at, me.timezone)}</span> : null}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  )
}
