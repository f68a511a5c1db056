import { EmptyState, ErrorState, Loading } from '../../../components/status'
import { consentCategoryLabel } from '../../../config/words'
import { dateTime } from '../../../lib/dates'
import { useSpaceContext } from '../../../lib/space'
import type { ConsentChange } from '../../../lib/types'
import { useConsents } from '../api/get-consents'

function sentence(change: ConsentChange, nameOf: (id: number) => string, timeZone: string): string {
  const owner = nameOf(change.owner_id)
  const viewer = nameOf(change.viewer_id)
  const what = consentCategoryLabel(change.category).toLowerCase()
  const verb = change.granted ? 'started sharing' : 'stopped sharing'
  const withWhom = viewer === 'You' ? 'you' : viewer
  const until = change.granted && change.expires_at ? `, until ${dateTime(change.expires_at, timeZone)}` : ''
  return `${owner} ${verb} ${what} with ${withWhom}${until}.`
}

/** Every grant and revocation that involves me, newest first. */
export function ConsentHistory() {
  const { space, me, nameOf } = useSpaceContext()
  const consents = useConsents(space.id)
  if (consents.isPending) return <Loading />
  if (consents.error) return <ErrorState error={consents.error} onRetry={() => consents.refetch()} />
  const history = [...consents.data.history].sort((a, b) => b.created_at.localeCompare(a.created_at))
  if (history.length === 0) return <EmptyState title="No changes yet: everything is as it started." />
  return (
    <ol className="list">
      {history.map((change) => (
        <li key={change.id} className="list__item">
          <span>{sentence(change, nameOf, me.timezone)}</span>
          <span className="muted small">{dateTime(change.created_at, me.timezone)}</span>
        </li>
      ))}
    </ol>
  )
}
