import { errorMessage } from '../../../lib/api-client'
import { useSpaceContext } from '../../../lib/space'
import { usePacing, useReleaseHeld, useSetPacing } from '../api/pacing'

/** For the hurt partner: choose whether new disclosures wait until they are ready, and open what waits. */
export function PacingPanel() {
  const { space, myRole } = useSpaceContext()
  const isHurt = myRole === 'hurt'
  const pacing = usePacing(space.id, isHurt)
  const setPacing = useSetPacing(space.id)
  const release = useReleaseHeld(space.id)
  if (!isHurt || !pacing.data) return null
  const { hold_disclosures: holding, held } = pacing.data
  const error = setPacing.error ?? release.error
  return (
    <section className="card stack pacing-panel" aria-labelledby="pacing-title">
      <h2 id="pacing-title">Your pace</h2>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={setPacing.isPending ? setPacing.variables : holding}
          disabled={setPacing.isPending}
          onChange={(event) => setPacing.mutate(event.target.checked)}
        />{' '}
        Hold new disclosures until I’m ready to read them
      </label>
      <p className="muted small">
        Held disclosures show only the day they came. You open them when you choose; nobody is told when.
      </p>
      {held.length > 0 ? (
        <button type="button" className="btn btn--secondary" onClick={() => release.mutate({ all: true })} disabled={release.isPending}>
          Open all {held.length} waiting
        </button>
      ) : null}
      {error ? (
        <p className="field__error" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
    </section>
  )
}
