import { Page, Section } from '../../components/page'
import { ROLE_LABELS, roleLabel } from '../../config/words'
import { InvitePanel } from '../../features/spaces/components/invite-panel'
import { TherapistActions } from '../../features/spaces/components/member-actions'
import { PendingInvites } from '../../features/spaces/components/pending-invites'
import { dateTime } from '../../lib/dates'
import { activeMembers, useSpaceContext } from '../../lib/space'

/** Who is in the space, approving or removing a therapist, and invitations (made and open). */
export default function PeoplePage() {
  const { space, me, myRole, partner, therapists } = useSpaceContext()
  const vacantPartnerRole = myRole === 'hurt' ? 'repairing' : 'hurt'
  return (
    <Page title="People in your space" intro={<p>{space.name}</p>}>
      <Section title="Who’s here" id="members">
        <ul className="list">
          {activeMembers(space).map((member) => (
            <li key={member.user_id} className="list__item">
              <strong>{member.user_id === me.id ? `${member.display_name} (you)` : member.display_name}</strong>
              <span className="tag">{roleLabel(member.role)}</span>
              {member.pending ? <span className="tag">Waiting for approval</span> : null}
              <span className="muted"> joined {dateTime(member.joined_at, me.timezone)}</span>
              {member.role === 'therapist' ? <TherapistActions member={member} /> : null}
            </li>
          ))}
        </ul>
      </Section>
      {!partner ? (
        <Section title="Invite your partner" id="invite-partner">
          <p>
            Your partner joins as <strong>{ROLE_LABELS[vacantPartnerRole]}</strong>. They need their own Mend account
            first.
          </p>
          <InvitePanel role={vacantPartnerRole} />
        </Section>
      ) : null}
      <Section title="Invite a therapist" id="invite-therapist">
        <p>
          A therapist can join at any time. If you both share this space, your partner approves them too; until then
          they see nothing and no names. After that, they see only what each of you chooses to share on the Sharing
          page, and they can never write in your record. Either of you can remove a therapist at any time.
          {therapists.length > 0
            ? ` ${therapists.map((t) => t.display_name).join(', ')} ${therapists.length === 1 ? 'is' : 'are'} already here.`
            : ''}
        </p>
        <InvitePanel role="therapist" />
      </Section>
      <Section title="Invitations not used yet" id="invites">
        <p>Withdraw one you no longer want used: its code stops working at once.</p>
        <PendingInvites />
      </Section>
    </Page>
  )
}
