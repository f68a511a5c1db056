import { useState } from 'react'
import { FormError } from '../../../components/form-message'
import { errorMessage } from '../../../lib/api-client'
import { useSpaceContext } from '../../../lib/space'
import { useLeaveSpace } from '../api/leave-space'

/** Leave the space, on your own, with a plain account of what that means. */
export function LeaveSpace({ onLeft }: { onLeft?: () => void }) {
  const { space, myRole, partner } = useSpaceContext()
  const [confirming, setConfirming] = useState(false)
  const mutation = useLeaveSpace(space.id, onLeft)
  const other = partner?.display_name ?? 'your partner'

  return (
    <div className="stack">
      {myRole === 'therapist' ? (
        <p>
          You can leave “{space.name}” at any time. You will no longer see anything the couple shares with you. If you
          want to keep your private notes on them, export your data (Account page) first.
        </p>
      ) : (
        <p>
          You can leave “{space.name}” at any time, without asking anyone. When you leave, everything you shared stops
          being shared at once{myRole === 'repairing' ? `, including what ${other} could always see` : ''}. What is
          already in the record stays there, and you can still export your own data.
        </p>
      )}
      {confirming ? (
        <div className="confirm" role="group" aria-label="Confirm leaving">
          <p>
            <strong>Leave this space now?</strong> You would need a new invite to come back.
          </p>
          <div className="button-row">
            <button type="button" className="btn btn--danger" disabled={mutation.isPending} onClick={() => mutation.mutate()}>
              {mutation.isPending ? 'Leaving…' : 'Yes, leave the space'}
            </button>
            <button type="button" className="btn btn--secondary" onClick={() => setConfirming(false)}>
              Stay
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="btn btn--secondary" onClick={() => setConfirming(true)}>
          Leave the space…
        </button>
      )}
      <FormError>{mutation.error ? errorMessage(mutation.error) : undefined}</FormError>
    </div>
  )
}
