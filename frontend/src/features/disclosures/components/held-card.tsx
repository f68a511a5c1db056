import { errorMessage } from '../../../lib/api-client'
import { dateTime } from '../../../lib/dates'
import type { Disclosure } from '../../../lib/types'
import { useReleaseHeld } from '../api/pacing'

/** A disclosure the hurt partner chose to hold: only when it came, and a way to open it when ready. */
export function HeldCard({ spaceId, disclosure, timeZone }: { spaceId: number; disclosure: Disclosure; timeZone: string }) {
  const release = useReleaseHeld(spaceId)
  return (
    <article className="disclosure-card disclosure-card--held" aria-label="A disclosure you are holding">
      <p className="disclosure-card__title">Waiting until you’re ready</p>
      <p className="disclosure-card__meta muted">Written {dateTime(disclosure.created_at, timeZone)}</p>
      <p className="muted small">
        You chose to hold new disclosures. Its words stay hidden from you until you open it. Nobody is told when you do.
      </p>
      <button
        type="button"
        className="btn btn--secondary"
        onClick={() => release.mutate({ disclosure_id: disclosure.id })}
        disabled={release.isPending}
      >
        I’m ready to read this one
      </button>
      {release.error ? (
        <p className="field__error" role="alert">
          {errorMessage(release.error)}
        </p>
      ) : null}
    </article>
  )
}
