import { useState } from 'react'
import { ErrorState, Loading } from '../../../components/status'
import { consentCategoryLabel } from '../../../config/words'
import { errorMessage } from '../../../lib/api-client'
import { useSpaceContext } from '../../../lib/space'
import type { ConsentCategory } from '../../../lib/types'
import { useConsents } from '../api/get-consents'
import { useSetConsent } from '../api/set-consent'
import { viewersOf, type Viewer } from '../grants'
import { ConsentGrid } from './consent-grid'
import { GrantPanel } from './grant-panel'

/** The grid of what I share with whom, with grant (and how long) and revoke. */
export function SharingSettings() {
  const { space, me, nameOf } = useSpaceContext()
  const consents = useConsents(space.id)
  const mutation = useSetConsent(space.id)
  const [granting, setGranting] = useState<{ viewer: Viewer; category: ConsentCategory } | null>(null)
  const [status, setStatus] = useState('')
  if (consents.isPending) return <Loading label="Loading your sharing settings…" />
  if (consents.error) return <ErrorState error={consents.error} onRetry={() => consents.refetch()} />
  const viewers = viewersOf(consents.data.given, nameOf)
  if (viewers.length === 0) {
    return <p className="muted">There is nobody else in the space yet, so nothing of yours is shared.</p>
  }
  const busy = mutation.isPending && mutation.variables ? `${mutation.variables.viewerId}:${mutation.variables.category}` : null

  const revoke = (viewer: Viewer, category: ConsentCategory) => {
    setGranting(null)
    mutation.mutate(
      { viewerId: viewer.id, category, granted: false },
      { onSuccess: () => setStatus(`Stopped sharing ${consentCategoryLabel(category).toLowerCase()} with ${viewer.name}.`) },
    )
  }
  const grant = (expiresAt: string | null) => {
    if (!granting) return
    const { viewer, category } = granting
    mutation.mutate(
      { viewerId: viewer.id, category, granted: true, expiresAt },
      {
        onSuccess: () => {
          setGranting(null)
          setStatus(`Now sharing ${consentCategoryLabel(category).toLowerCase()} with ${viewer.name}.`)
        },
      },
    )
  }

  return (
    <div className="stack">
      <ConsentGrid
        given={consents.data.given}
        viewers={viewers}
        timeZone={me.timezone}
        busy={busy}
        onGrant={(viewer, category) => {
          mutation.reset()
          setGranting({ viewer, category })
        }}
        onRevoke={revoke}
      />
      {granting ? (
        <GrantPanel
          viewer={granting.viewer}
          category={granting.category}
          busy={mutation.isPending}
          error={mutation.error ? errorMessage(mutation.error) : undefined}
          onConfirm={grant}
          onCancel={() => setGranting(null)}
        />
      ) : null}
      {!granting && mutation.error ? (
        <p className="field__error" role="alert">
          {errorMessage(mutation.error)}
        </p>
      ) : null}
      <p role="status" aria-live="polite" className="consent-status">
        {status}
      </p>
    </div>
  )
}
