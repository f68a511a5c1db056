import { FormError } from '../../../components/form-message'
import { ErrorState, Loading } from '../../../components/status'
import { ROLE_LABELS } from '../../../config/words'
import { errorMessage } from '../../../lib/api-client'
import { dateTime } from '../../../lib/dates'
import { useSpaceContext } from '../../../lib/space'
import type { SpaceRole } from '../../../lib/types'
import { useCancelInvite } from '../api/cancel-invite'
import { useInvites } from '../api/get-invites'

/** Invitations not used yet, each with a way to withdraw it. */
export function PendingInvites() {
  const { space, me, nameOf } = useSpaceContext()
  const invites = useInvites(space.id)
  const cancel = useCancelInvite(space.id)
  if (invites.isPending) return <Loading label="Looking for open invitations…" />
  if (invites.error) return <ErrorState error={invites.error} onRetry={() => invites.refetch()} />
  if (invites.data.length === 0) return <p className="muted">No invitations are waiting to be used.</p>
  return (
    <>
      <ul className="list" aria-label="Open invitations">
        {invites.data.map((invite) => (
          <li key={invite.id} className="list__item">
            <span>
              An invitation for a <strong>{ROLE_LABELS[invite.role as SpaceRole] ?? invite.role}</strong>, made by{' '}
              {invite.created_by === me.id ? 'you' : nameOf(invite.created_by)}, works until{' '}
              {dateTime(invite.expires_at, me.timezone)}.
            </span>{' '}
            <button
              type="button"
              className="btn btn--secondary btn--small"
              disabled={cancel.isPending}
              onClick={() => cancel.mutate(invite.id)}
            >
              Withdraw this invitation
            </button>
          </li>
        ))}
      </ul>
      <FormError>{cancel.error ? errorMessage(cancel.error) : undefined}</FormError>
    </>
  )
}
