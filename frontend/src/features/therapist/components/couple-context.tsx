import { consentCategoryLabel } from '../../../config/words'
import { dayOf, longDay } from '../../../lib/dates'
import { count } from '../../../lib/plural'
import type { StoppedSharing } from '../../../lib/types'

/**
 * For the therapist: when a partner stopped sharing something with them, or a time-limited
 * grant ran out ("Sam stopped sharing check-in scores with you on 3 March 2026").
 */
export function StoppedSharingNotices({ items, timeZone }: { items: StoppedSharing[]; timeZone: string }) {
  return (
    <>
      {items.map((item) => {
        const what = consentCategoryLabel(item.category).toLowerCase()
        const on = longDay(dayOf(item.on, timeZone))
        return (
          <p key={`${item.user_id}-${item.category}`} className="notice">
            {item.expired
              ? `${item.display_name}’s sharing of ${what} with you ended on ${on}, as they had set it to.`
              : `${item.display_name} stopped sharing ${what} with you on ${on}.`}
          </p>
        )
      })}
    </>
  )
}

interface NotTakenInProps {
  /** Null when the hurt partner does not share whether they have taken disclosures in. */
  notTakenIn: number | null
  hurtName: string
  /** False while the hurt partner's role is vacant: there is no one to take anything in. */
  hurtPresent: boolean
}

/** How many disclosures, as they read now, the hurt partner has not yet said they have taken in. */
export function NotTakenIn({ notTakenIn, hurtName, hurtPresent }: NotTakenInProps) {
  if (!hurtPresent) return null
  if (notTakenIn === null) {
    return <p className="muted">Whether {hurtName} has taken these in is not shared with you.</p>
  }
  if (notTakenIn === 0) {
    return <p className="muted">{hurtName} has said they have taken in every disclosure, as each reads now.</p>
  }
  return (
    <p className="notice">
      Not yet taken in by {hurtName}: {count(notTakenIn, 'disclosure')} (an amended disclosure counts again until
      they take in the new words).
    </p>
  )
}
