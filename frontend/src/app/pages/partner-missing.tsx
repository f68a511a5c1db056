import { Link } from 'wouter'
import { ROLE_LABELS } from '../../config/words'
import { dateTime } from '../../lib/dates'
import { formerPartnerOf, useSpaceContext, type FormerPartner } from '../../lib/space'

/** Shown while the other partner is not in the space: not joined yet, or gone (and how). */
export function PartnerMissing() {
  const { space, me, myRole } = useSpaceContext()
  const former = formerPartnerOf(space, myRole)
  if (former) return <PartnerGone former={former} timeZone={me.timezone} />
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

/** Plain words for what happened when a partner left or deleted their account. */
export function PartnerGone({ former, timeZone }: { former: FormerPartner; timeZone: string }) {
  const when = former.member.left_at ? dateTime(former.member.left_at, timeZone) : ''
  return (
    <div className="notice notice--warm home-notice" role="note">
      {former.accountDeleted ? (
        <>
          <p>
            <strong>Your partner deleted their Mend account on {when}.</strong> Everyone may do that, and when they do,
            Mend erases what they wrote. Their disclosures, commitments and replies can no longer be shown, to you or to
            anyone.
          </p>
          <p>
            What you wrote is still yours: your check-ins stay here, and you can keep or export them from{' '}
            <Link href="/account">Account</Link>. Nothing new will come from them here.
          </p>
        </>
      ) : (
        <>
          <p>
            <strong>{former.member.display_name} left this space on {when}.</strong> What they wrote before leaving stays
            in the record, as it was. Nothing new will come from them here, and they no longer see anything of yours.
          </p>
        </>
      )}
    </div>
  )
}
