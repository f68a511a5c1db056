import { Link } from 'wouter'
import { ROLE_LABELS } from '../../config/words'
import { useSpaceContext } from '../../lib/space'

/** Shown until the other partner has joined. */
export function PartnerMissing() {
  const { myRole } = useSpaceContext()
  const role = myRole === 'hurt' ? 'repairing' : 'hurt'
  return (
    <div className="notice notice--warm home-notice">
      <p>
        Your partner hasn’t joined yet. <Link href="/people">Make an invite code</Link> for them to join as{' '}
        {ROLE_LABELS[role]}.
      </p>
    </div>
  )
}
