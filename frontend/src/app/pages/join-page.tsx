import { useLocation } from 'wouter'
import { Page, Section } from '../../components/page'
import { JoinForm } from '../../features/spaces/components/join-form'

/** A therapist joins a couple's space with the code one of them made. */
export default function JoinPage() {
  const [, navigate] = useLocation()
  return (
    <Page
      title="Join a couple’s space"
      intro={
        <p>
          A partner makes a code for you from their People page. You will see nothing of their data until each of them
          chooses to share it with you.
        </p>
      }
    >
      <Section title="Join with a code" id="join">
        <JoinForm forPartner={false} onJoined={(spaceId) => navigate(`/couples/${spaceId}`)} />
      </Section>
    </Page>
  )
}
