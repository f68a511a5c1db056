import { CopyButton } from '../../../components/copy-button'
import { FormError } from '../../../components/form-message'
import { ROLE_LABELS } from '../../../config/words'
import { errorMessage } from '../../../lib/api-client'
import { dateTime } from '../../../lib/dates'
import { useSpaceContext } from '../../../lib/space'
import type { SpaceRole } from '../../../lib/types'
import { useCreateInvite } from '../api/create-invite'

const WHO: Record<SpaceRole, string> = {
  hurt: 'your partner',
  repairing: 'your partner',
  therapist: 'your therapist',
}

/** Make a one-time invite code for a role and show it, once, with a copy button. */
export function InvitePanel({ role }: { role: SpaceRole }) {
  const { space, me } = useSpaceContext()
  const mutation = useCreateInvite(space.id)
  const invite = mutation.data

  return (
    <div className="invite">
      {invite ? (
        <div className="invite__code-box">
          <p>
            Give this code to {WHO[role]}. It joins them as <strong>{ROLE_LABELS[role]}</strong>, works once, and
            expires {dateTime(invite.expires_at, me.timezone)}.
          </p>
          <p className="invite__code" aria-label="Invite code">
            <code>{invite.code}</code>
          </p>
          <CopyButton text={invite.code} label="Copy code" />
          <p className="muted">
            We show this code only now. Share it in person or somewhere only they can read. If it gets lost, simply make a
            new one.
          </p>
        </div>
      ) : (
        <button type="button" className="btn" onClick={() => mutation.mutate(role)} disabled={mutation.isPending}>
          {mutation.isPending ? 'Making a code…' : `Make an invite code for ${WHO[role]}`}
        </button>
      )}
      <FormError>{mutation.error ? errorMessage(mutation.error) : undefined}</FormError>
    </div>
  )
}
