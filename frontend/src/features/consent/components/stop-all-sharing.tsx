import { useRef, useState } from 'react'
import { FormError } from '../../../components/form-message'
import { errorMessage } from '../../../lib/api-client'
import { useSpaceContext } from '../../../lib/space'
import { useStopAllSharing } from '../api/stop-all-sharing'

/** One step to stop sharing everything that can be stopped. */
export function StopAllSharing() {
  const { space, myRole } = useSpaceContext()
  const mutation = useStopAllSharing(space.id)
  const [confirming, setConfirming] = useState(false)
  // The confirming buttons go away once done: focus moves to the announcement, not to the page.
  const done = useRef<HTMLParagraphElement>(null)
  const stop = () =>
    mutation.mutate(undefined, {
      onSuccess: () => {
        setConfirming(false)
        done.current?.focus()
      },
    })
  return (
    <div className="stack">
      <p>
        Stops every share you have made in this space, for everyone, at once.
        {myRole === 'repairing'
          ? ' Your disclosures and commitments stay visible to your partner: that is part of your role.'
          : ''}
      </p>
      {confirming ? (
        <div className="confirm" role="group" aria-label="Confirm stopping all sharing">
          <p>
            <strong>Stop all sharing now?</strong> You can share again, one thing at a time, whenever you like.
          </p>
          <div className="button-row">
            <button
              type="button"
              className="btn btn--danger"
              disabled={mutation.isPending}
              onClick={stop}
            >
              {mutation.isPending ? 'Stopping…' : 'Yes, stop all sharing'}
            </button>
            <button type="button" className="btn btn--secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="btn btn--danger" onClick={() => setConfirming(true)}>
          Stop all sharing…
        </button>
      )}
      <FormError>{mutation.error ? errorMessage(mutation.error) : undefined}</FormError>
      <p ref={done} tabIndex={-1} role="status" aria-live="polite">
        {mutation.isSuccess ? 'Done. Nothing you can stop sharing is shared any more.' : ''}
      </p>
    </div>
  )
}
