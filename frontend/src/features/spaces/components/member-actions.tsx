import { FormError } from '../../../components/form-message'
import { errorMessage } from '../../../lib/api-client'
import { useSpaceContext } from '../../../lib/space'
import type { Member } from '../../../lib/types'
import { useApproveMember } from '../api/approve-member'
import { useRemoveMember } from '../api/remove-member'

/** For a therapist in the space: approve them (if it is yours to do) or remove them. */
export function TherapistActions({ member }: { member: Member }) {
  const { space, me, nameOf } = useSpaceContext()
  const approve = useApproveMember(space.id)
  const remove = useRemoveMember(space.id)
  const userId = member.user_id
  if (userId === null) return null
  const invitedByMe = member.invited_by_user_id === me.id
  const onRemove = () => {
    if (window.confirm(`Remove ${member.display_name} from your space? What you share with them ends now.`)) {
      remove.mutate(userId)
    }
  }
  return (
    <div className="member-actions">
      {member.pending && invitedByMe ? (
        <p className="muted">
          Waiting for {nameOf(space.members.find((m) => m.role !== 'therapist' && m.user_id !== me.id)?.user_id)} to
          approve. Until then they see nothing of either of you.
        </p>
      ) : null}
      {member.pending && !invitedByMe ? (
        <>
          <p className="muted">
            Your partner invited this therapist. They see nothing of either of you until you say yes.
          </p>
          <button type="button" className="btn" disabled={approve.isPending} onClick={() => approve.mutate(userId)}>
            {approve.isPending ? 'Approving…' : `Approve ${member.display_name}`}
          </button>
        </>
      ) : null}
      <button type="button" className="btn btn--secondary btn--small" disabled={remove.isPending} onClick={onRemove}>
        {remove.isPending ? 'Removing…' : `Remove ${member.display_name}`}
      </button>
      <FormError>{approve.error ? errorMessage(approve.error) : remove.error ? errorMessage(remove.error) : undefined}</FormError>
    </div>
  )
}
