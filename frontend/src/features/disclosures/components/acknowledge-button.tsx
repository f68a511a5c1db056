import { errorMessage } from '../../../lib/api-client'
import { dateTime } from '../../../lib/dates'
import type { Disclosure } from '../../../lib/types'
import { useAcknowledgeDisclosure } from '../api/acknowledge-disclosure'

/**
 * The hurt partner's explicit act: "I have taken this in", of the words as they read now.
 * It is never sent automatically; an amendment asks for it again.
 */
export function AcknowledgeButton({ spaceId, disclosure, timeZone }: { spaceId: number; disclosure: Disclosure; timeZone: string }) {
  const mutation = useAcknowledgeDisclosure(spaceId)
  if (disclosure.acknowledged_at) {
    return (
      <p className="muted small" role="status">
        You said you had taken {disclosure.revision_count > 1 ? 'these words' : 'this'} in on{' '}
        {dateTime(disclosure.acknowledged_at, timeZone)}.
      </p>
    )
  }
  const amended = disclosure.revision_count > 1
  return (
    <div className="stack">
      {amended ? (
        <p className="notice notice--warm">
          This was amended on {dateTime(disclosure.updated_at, timeZone)}. The new words have not been taken in yet:
          read them, and what changed, in its history.
        </p>
      ) : null}
      <button
        type="button"
        className="btn btn--secondary"
        onClick={() => mutation.mutate({ id: disclosure.id, revision: disclosure.revision_count })}
        disabled={mutation.isPending}
        aria-describedby={`ack-explain-${disclosure.id}`}
      >
        {amended ? 'I have taken in the amended words' : 'I have taken this in'}
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
