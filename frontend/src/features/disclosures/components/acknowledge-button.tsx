import { errorMessage } from '../../../lib/api-client'
import { dateTime } from '../../../lib/dates'
import type { Disclosure } from '../../../lib/types'
import { useAcknowledgeDisclosure } from '../api/acknowledge-disclosure'

/** The hurt partner's explicit act: "I have taken this in". It is never sent automatically. */
export function AcknowledgeButton({ spaceId, disclosure, timeZone }: { spaceId: number; disclosure: Disclosure; timeZone: string }) {
  const mutation = useAcknowledgeDisclosure(spaceId)
  if (disclosure.acknowledged_at) {
    return (
      <p className="muted small" role="status">
        You said you had taken this in on {dateTime(disclosure.acknowledged_at, timeZone)}.
      </p>
    )
  }
  return (
    <div className="stack">
      <button
        type="button"
        className="btn btn--secondary"
        onClick={() => mutation.mutate(disclosure.id)}
        disabled={mutation.isPending}
        aria-describedby={`ack-explain-${disclosure.id}`}
      >
        I have taken this in
      </button>
      <p id={`ack-explain-${disclosure.id}`} className="muted small">
        Only when you are ready. This doesn’t mean you are fine with it or that it is settled.
      </p>
      {mutation.error ? (
        <p className="field__error" role="alert">
          {errorMessage(mutation.error)}
        </p>
      ) : null}
    </div>
  )
}
