import { errorMessage } from '../../../lib/api-client'
import { useVerifyRecord } from '../api/verify-record'
import './record.css'

/** "History verified": the record's chain of fingerprints checks out; a clear warning if it doesn't. */
export function VerifyBadge({ spaceId }: { spaceId: number }) {
  const query = useVerifyRecord(spaceId)
  return (
    <div className="verify" role="status" aria-live="polite">
      {query.isPending ? <span className="badge">Checking the history…</span> : null}
      {query.error ? <span className="badge badge--warn">We couldn’t check the history just now. {errorMessage(query.error)}</span> : null}
      {query.data?.valid ? (
        <details className="verify__details">
          <summary>
            <span className="badge badge--ok">
              <span aria-hidden="true">✓</span> History verified
            </span>
          </summary>
          <p className="small">
            Every change to this record ({query.data.entries} so far) is sealed with a fingerprint of everything before
            it. We just recomputed them all: nothing has been removed or rewritten. Latest fingerprint:{' '}
            <code className="verify__hash">{query.data.head_hash.slice(0, 16)}…</code>
          </p>
        </details>
      ) : null}
      {query.data && !query.data.valid ? (
        <div className="notice notice--error">
          <p>
            <strong>Warning: this history does not check out.</strong> Something in the record no longer matches the
            fingerprints it was sealed with, which can mean it was changed outside Mend. Please talk to your therapist or
            whoever runs your Mend server, and export your data to keep a copy.
          </p>
        </div>
      ) : null}
    </div>
  )
}
