import { useState } from 'react'
import { Link } from 'wouter'
import { Page, Section } from '../../components/page'
import { CreateSpaceForm } from '../../features/spaces/components/create-space-form'
import { JoinForm } from '../../features/spaces/components/join-form'

type Answer = 'code' | 'start' | null

/**
 * A partner without a space. The first question is "Were you given a code?", so that
 * someone whose partner already made a space joins it instead of making a second one.
 */
export function OnboardingPage() {
  const [answer, setAnswer] = useState<Answer>(null)
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
      <div className="card narrow stack">
        <fieldset className="choice">
          <legend className="choice__legend">Were you given a code?</legend>
          <div className="button-row">
            <button type="button" className="btn btn--secondary" aria-pressed={answer === 'code'} onClick={() => setAnswer('code')}>
              Yes, I have a code
            </button>
            <button type="button" className="btn btn--secondary" aria-pressed={answer === 'start'} onClick={() => setAnswer('start')}>
              No, we are starting here
            </button>
          </div>
        </fieldset>
      </div>
      {answer === 'code' ? (
        <Section title="Join with a code" id="join">
          <p>Enter the code your partner gave you.</p>
          <JoinForm />
        </Section>
      ) : null}
      {answer === 'start' ? (
        <Section title="Start a space" id="start">
          <p className="muted small">
            If your partner already made a space, don’t start another: ask them for a code and{' '}
            <button type="button" className="btn btn--link" onClick={() => setAnswer('code')}>
              join theirs instead
            </button>
            .
          </p>
          <CreateSpaceForm />
        </Section>
      ) : null}
    </Page>
  )
}
