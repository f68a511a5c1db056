import { Link } from 'wouter'
import { FlashNote } from '../../components/flash-note'
import { Page, Section } from '../../components/page'
import { SafetyTrend } from '../../features/checkins/components/safety-trend'
import { TodayCheckin } from '../../features/checkins/components/today-checkin'
import { ChecksToReview } from '../../features/commitments/components/checks-to-review'
import { NewDisclosures } from '../../features/disclosures/components/new-disclosures'
import { MyQuestionnaires } from '../../features/measures/components/my-questionnaires'
import { useSpaceContext } from '../../lib/space'
import { PartnerMissing } from './partner-missing'

/** The hurt partner's home: how you are today, how safety has moved, and what is new. No streaks, no nudges. */
export function HurtHomePage() {
  const { space, me, partner } = useSpaceContext()
  const partnerName = partner?.display_name ?? 'Your partner'
  const newTitle = partner ? `New from ${partner.display_name}` : 'New disclosures'
  const reportsTitle = partner ? `${partner.display_name}’s recent reports` : 'Recent reports'
  return (
    <Page
      title={`Hello, ${me.display_name}`}
      intro={<p>However today feels is allowed. Check in when you want to; there is nothing to keep up with.</p>}
    >
      <FlashNote />
      {!partner ? <PartnerMissing /> : null}
      <div className="home-grid">
        <Section title="How are you today?" id="checkin">
          <TodayCheckin />
        </Section>
        <Section title={newTitle} id="new-disclosures">
          <NewDisclosures />
        </Section>
        <Section title="How safe you have felt" id="trend" className="home-grid__wide">
          <SafetyTrend spaceId={space.id} timeZone={me.timezone} feltBy="You" guessedBy={partnerName} />
          <p className="small muted">
            Who sees your scores is up to you: <Link href="/sharing">Sharing</Link>.
          </p>
        </Section>
        <Section title={reportsTitle} id="reviews" className="home-grid__wide">
          <ChecksToReview />
        </Section>
        <Section title="Short questionnaires" id="questionnaires" className="home-grid__wide">
          <MyQuestionnaires />
        </Section>
      </div>
    </Page>
  )
}
