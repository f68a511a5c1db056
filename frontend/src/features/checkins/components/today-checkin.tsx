import { useEffect, useRef, useState } from 'react'
import { FormSuccess } from '../../../components/form-message'
import { Loading } from '../../../components/status'
import { timeOf } from '../../../lib/dates'
import { hasDraft } from '../../../lib/drafts'
import { useSpaceContext } from '../../../lib/space'
import type { Checkin } from '../../../lib/types'
import { useMyCheckinsToday } from '../hooks/use-my-checkins-today'
import { CheckinForm } from './checkin-form'

function summary(checkin: Checkin, timeZone: string): string {
  const parts: string[] = []
  if (checkin.felt_safety !== null) parts.push(`felt safety ${checkin.felt_safety}`)
  if (checkin.regulation !== null) parts.push(`settled ${checkin.regulation}`)
  if (checkin.predicted_safety !== null) parts.push(`your guess ${checkin.predicted_safety}`)
  return `At ${timeOf(checkin.created_at, timeZone)}${parts.length ? `: ${parts.join(', ')}` : ''}.`
}

/** Today's check-in: the form, or what you said today with a way to add another. Never a reminder. */
export function TodayCheckin() {
  const { space, me, myRole, partner } = useSpaceContext()
  const today = useMyCheckinsToday()
  // Unsent words from before (say, a quick exit) reopen the form so they are not hidden.
  const [adding, setAdding] = useState(() => hasDraft(me.id, `${space.id}:checkin-note`))
  // After saving, the form gives way to the thanks: focus moves there and the saving is announced.
  const [saved, setSaved] = useState(false)
  const thanks = useRef<HTMLParagraphElement>(null)
  const mine = today.data?.items ?? []
  const showForm = mine.length === 0 || adding
  useEffect(() => {
    if (saved && !showForm) thanks.current?.focus()
  }, [saved, showForm])
  if (myRole === 'therapist') return null
  if (today.isPending) return <Loading label="Loading today’s check-in…" />
  return (
    <div className="stack">
      {mine.length > 0 ? (
        <div>
          <p ref={thanks} tabIndex={-1}>
            You checked in today. Thank you.
          </p>
          <ul className="list">
            {mine.map((checkin) => (
              <li key={checkin.id} className="list__item">
                {summary(checkin, me.timezone)}
                {checkin.tags.map((tag) => (
                  <span key={tag} className="tag tag--muted">
                    {tag}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {showForm ? (
        <CheckinForm
          spaceId={space.id}
          role={myRole}
          partnerName={partner?.display_name ?? null}
          onSaved={() => {
            setAdding(false)
            setSaved(true)
          }}
        />
      ) : (
        <button
          type="button"
          className="btn btn--secondary"
          onClick={() => {
            setSaved(false)
            setAdding(true)
          }}
        >
          Add another check-in
        </button>
      )}
      <FormSuccess>{saved && !showForm ? 'Your check-in is saved.' : undefined}</FormSuccess>
    </div>
  )
}
