import { Page, Section } from '../../components/page'
import { ROLE_LABELS, roleLabel } from '../../config/words'
import { InvitePanel } from '../../features/spaces/components/invite-panel'
import { dateTime } from '../../lib/dates'
import { activeMembers, useSpaceContext } from '../../lib/space'

/** Who is in the space, and inviting a partner or a therapist. */
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
              <span className="muted"> joined {dateTime(member.joined_at, me.timezone)}</span>
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
          A therapist can join at any time. They see nothing of yours until you choose what to share with them on the
          Sharing page, and they can never write in your record.
          {therapists.length > 0
            ? ` ${therapists.map((t) => t.display_name).join(', ')} ${therapists.length === 1 ? 'is' : 'are'} already here.`
            : ''}
        </p>
        <InvitePanel role="therapist" />
      </Section>
    </Page>
  )
}
