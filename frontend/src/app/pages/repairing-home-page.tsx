import { useState } from 'react'
import { Link } from 'wouter'
import { FormSuccess } from '../../components/form-message'
import { FlashNote } from '../../components/flash-note'
import { Page, Section } from '../../components/page'
import { SafetyTrend } from '../../features/checkins/components/safety-trend'
import { TodayCheckin } from '../../features/checkins/components/today-checkin'
import { CommitmentList } from '../../features/commitments/components/commitment-list'
import { ReliabilityExplainer } from '../../features/commitments/components/reliability'
import { DisclosureForm } from '../../features/disclosures/components/disclosure-form'
import { MyQuestionnaires } from '../../features/measures/components/my-questionnaires'
import { hasDraft } from '../../lib/drafts'
import { useSpaceContext } from '../../lib/space'
import { PartnerMissing } from './partner-missing'

/** The repairing partner's home: settle first, keep today's commitments, tell the truth. */
export function RepairingHomePage() {
  const { space, me, partner } = useSpaceContext()
  // Unsent words from before (say, a quick exit) reopen the form so they are not hidden.
  const [writing, setWriting] = useState(
    () => hasDraft(me.id, `${space.id}:disclosure-title`) || hasDraft(me.id, `${space.id}:disclosure-body`),
  )
  const [saved, setSaved] = useState(false)
  const partnerName = partner?.display_name ?? 'your partner'
  return (
    <Page
      title={`Hello, ${me.display_name}`}
      intro={
        <p>
          What you did hurt {partnerName} deeply. Owning that impact, not only what you meant, is where repair starts.
          You are not the worst thing you have done: what you do next, in small and steady acts, is what rebuilds trust.
        </p>
      }
    >
      <FlashNote />
      {!partner ? <PartnerMissing /> : null}
      <div className="home-grid">
        {/* Check-in and the disclosure form share the left column, so neither leaves a blank beside the commitments. */}
        <div className="stack">
          <Section title="Your check-in" id="checkin">
            <TodayCheckin />
          </Section>
          <Section title={`Tell ${partnerName} something`} id="disclose">
            {writing ? (
              <DisclosureForm
                spaceId={space.id}
                partnerName={partnerName}
                onSaved={() => {
                  setWriting(false)
                  setSaved(true)
                }}
              />
            ) : (
              <div className="stack">
                <FormSuccess>
                  {saved ? 'Saved and shared. Thank you for telling the truth; it is in the record now.' : undefined}
                </FormSuccess>
                <p>
                  A disclosure tells the full truth about something that happened, and how it affected you both. It is
                  always visible to {partnerName}, and it can be amended openly but never erased.
                </p>
                <button
                  type="button"
                  className="btn"
                  onClick={() => {
                    setSaved(false)
                    setWriting(true)
                  }}
                >
                  {saved ? 'Write another disclosure' : 'Write a disclosure'}
                </button>
              </div>
            )}
          </Section>
        </div>
        <Section title="Today’s commitments" id="commitments">
          <CommitmentList activeOnly />
          <ReliabilityExplainer />
          <p>
            <Link href="/commitments" className="btn btn--secondary btn--small">
              All commitments, or make a new one
            </Link>
          </p>
        </Section>
        <Section title={`How safe ${partnerName} has felt`} id="trend" className="home-grid__wide">
          <SafetyTrend spaceId={space.id} timeZone={me.timezone} feltBy={partnerName} guessedBy="You" />
          <p className="small muted">
            Low numbers are information about how {partnerName} is, not a verdict on you. Notice them with care.
          </p>
        </Section>
        <Section title="Short questionnaires" id="questionnaires" className="home-grid__wide">
          <MyQuestionnaires />
        </Section>
      </div>
    </Page>
  )
}
