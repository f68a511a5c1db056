import { roleLabel } from '../../../config/words'
import { dateTime } from '../../../lib/dates'
import type { Space } from '../../../lib/types'

/** For the therapist: when a partner left the couple's space, or deleted their account. */
export function FormerPartners({ space, timeZone }: { space: Space; timeZone: string }) {
  const gone = space.members.filter((m) => m.role !== 'therapist' && m.left_at !== null)
  return (
    <>
      {gone.map((m) => (
        <p key={`${m.role}-${m.joined_at}`} className="notice">
          {m.user_id === null
            ? `The ${roleLabel(m.role).toLowerCase()} deleted their account`
            : `${m.display_name} (${roleLabel(m.role)}) left the space`}{' '}
          on {dateTime(m.left_at as string, timeZone)}.
        </p>
      ))}
    </>
  )
}
