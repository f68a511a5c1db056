import { Link } from 'wouter'
import { Page, Section } from '../../components/page'
import { CreateSpaceForm } from '../../features/spaces/components/create-space-form'
import { JoinForm } from '../../features/spaces/components/join-form'

/** A partner without a space: start one, or join the one your partner made. */
export function OnboardingPage() {
  return (
    <Page
      title="Set up your shared space"
      intro={
        <p>
          A space is where the two of you work on this together. One of you creates it and invites the other with a
          code. New here? <Link href="/welcome">Read about staying safe first</Link>.
        </p>
      }
    >
      <div className="two-col">
        <Section title="Start a space" id="start">
          <CreateSpaceForm />
        </Section>
        <Section title="Join with a code" id="join">
          <p>If your partner has already made a space, enter the code they gave you.</p>
          <JoinForm />
        </Section>
      </div>
    </Page>
  )
}
