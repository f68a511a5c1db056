import { Link, useLocation } from 'wouter'
import { NotShared } from '../../components/not-shared'
import { Page, Section } from '../../components/page'
import { ErrorState, Loading } from '../../components/status'
import { roleLabel } from '../../config/words'
import { CheckinList } from '../../features/checkins/components/checkin-list'
import { SafetyTrend } from '../../features/checkins/components/safety-trend'
import { CommitmentList } from '../../features/commitments/components/commitment-list'
import { useConsents } from '../../features/consent/api/get-consents'
import { CommitmentDetailView } from '../../features/commitments/components/commitment-detail'
import { DisclosureDetailView } from '../../features/disclosures/components/disclosure-detail'
import { DisclosureTimeline } from '../../features/disclosures/components/disclosure-timeline'
import { CoupleMeasures } from '../../features/measures/components/couple-measures'
import { useSpace } from '../../features/spaces/api/get-space'
import { LeaveSpace } from '../../features/spaces/components/leave-space'
import { useCoupleContext } from '../../features/therapist/api/get-couple-context'
import { CoupleAlerts } from '../../features/therapist/components/couple-alerts'
import { NotTakenIn, StoppedSharingNotices } from '../../features/therapist/components/couple-context'
import { FormerPartners } from '../../features/therapist/components/former-partners'
import { ReportLinks } from '../../features/therapist/components/report-links'
import { TherapistNotes } from '../../features/therapist/components/therapist-notes'
import { ProblemError } from '../../lib/api-client'
import { activeMembers, useSpaceContext } from '../../lib/space'
import { SpaceProvider } from '../../lib/space-context'
import type { User } from '../../lib/types'

/** One couple, as the therapist may see it: consented charts and lists, "not shared" elsewhere, private notes. */
export type CoupleView = { kind: 'overview' } | { kind: 'disclosure'; id: number } | { kind: 'commitment'; id: number }

export default function CouplePage({ spaceId, me, view }: { spaceId: number; me: User; view: CoupleView }) {
  const space = useSpace(spaceId)
  if (space.isPending) return <Loading label="Opening this couple’s page…" />
  if (space.error) {
    if (space.error instanceof ProblemError && space.error.status === 404) {
      return (
        <p>
          We couldn’t find that couple. <Link href="/">Back to your caseload</Link>
        </p>
      )
    }
    return <ErrorState error={space.error} onRetry={() => space.refetch()} />
  }
  return (
    <SpaceProvider space={space.data} me={me} basePath={`/couples/${spaceId}`}>
      {view.kind === 'overview' ? <CoupleOverview /> : <CoupleItem view={view} />}
    </SpaceProvider>
  )
}

function CoupleOverview() {
  const { space, me, hurt, repairing } = useSpaceContext()
  const [, navigate] = useLocation()
  const consents = useConsents(space.id)
  const context = useCoupleContext(space.id)
  const shares = (owner: number | null | undefined, category: string) =>
    owner !== undefined && owner !== null && (consents.data?.received ?? []).some((g) => g.owner_id === owner && g.category === category)
  const hurtName = hurt?.display_name ?? 'The hurt partner'
  const repairingName = repairing?.display_name ?? 'The repairing partner'
  const anyCheckins = shares(hurt?.user_id, 'checkins') || shares(repairing?.user_id, 'checkins')
  return (
    <Page
      title={space.name}
      intro={
        <>
          <p>
            <Link href="/">← Back to your caseload</Link>
          </p>
          <p>
            {activeMembers(space)
              .filter((m) => m.role !== 'therapist')
              .map((m) => `${m.display_name} (${roleLabel(m.role)})`)
              .join(' · ')}
          </p>
          <FormerPartners space={space} timeZone={me.timezone} />
          <StoppedSharingNotices items={context.data?.stopped_sharing ?? []} timeZone={me.timezone} />
        </>
      }
    >
      {consents.isPending ? <Loading label="Checking what is shared with you…" /> : null}
      {consents.error ? <ErrorState error={consents.error} onRetry={() => consents.refetch()} /> : null}
      {consents.data ? (
        <>
          <Section title="Needs attention" id="attention">
            <CoupleAlerts spaceId={space.id} />
          </Section>
          <Section title={`${hurtName}’s felt safety`} id="trend">
            {shares(hurt?.user_id, 'checkins') ? (
              <SafetyTrend
                spaceId={space.id}
                timeZone={me.timezone}
                feltBy={hurtName}
                guessedBy={repairingName}
                disclosureDays={context.data?.disclosure_days}
              />
            ) : (
              <NotShared who={hurtName} what="their check-in scores" />
            )}
          </Section>
          <div className="two-col">
            <Section title="Check-ins" id="checkins">
              {anyCheckins ? <CheckinList /> : <NotShared message="Neither partner shares their check-ins with you yet. That is their choice, and it can change at any time." />}
            </Section>
            <Section title={`${repairingName}’s commitments`} id="commitments">
              {shares(repairing?.user_id, 'commitments') ? (
                <>
                  {shares(hurt?.user_id, 'commitments') ? null : (
                    <p className="notice">
                      {hurtName}’s reviews (confirming or disputing a report) are not shared with you, so reliability
                      here leaves any disputes out and can read higher than what the couple sees.
                    </p>
                  )}
                  <CommitmentList />
                </>
              ) : (
                <NotShared who={repairingName} what="their commitments" />
              )}
            </Section>
          </div>
          <Section title="Questionnaires" id="questionnaires">
            <CoupleMeasures
              spaceId={space.id}
              partners={activeMembers(space).filter((m) => m.role !== 'therapist')}
              sharing={(userId) => shares(userId, 'measures')}
            />
          </Section>
          <Section title={`${repairingName}’s disclosures`} id="disclosures">
            {shares(repairing?.user_id, 'disclosures') ? (
              <>
                {context.data ? (
                  <NotTakenIn notTakenIn={context.data.not_taken_in} hurtName={hurtName} hurtPresent={hurt !== null} />
                ) : null}
                <DisclosureTimeline />
              </>
            ) : (
              <NotShared who={repairingName} what="their disclosures" />
            )}
          </Section>
        </>
      ) : null}
      <div className="two-col">
        <Section title="Session-prep report" id="report">
          <ReportLinks spaceId={space.id} timeZone={me.timezone} />
        </Section>
        <Section title="Your private notes" id="notes">
          <TherapistNotes spaceId={space.id} timeZone={me.timezone} />
        </Section>
      </div>
      <Section title="Leave this couple’s space" id="leave">
        <LeaveSpace onLeft={() => navigate('/')} />
      </Section>
    </Page>
  )
}

/** One disclosure or commitment of the couple's, as shared with the therapist. */
function CoupleItem({ view }: { view: Exclude<CoupleView, { kind: 'overview' }> }) {
  const { space, basePath } = useSpaceContext()
  return (
    <Page
      title={view.kind === 'disclosure' ? 'Disclosure' : 'Commitment'}
      intro={
        <p>
          <Link href={basePath}>← Back to {space.name}</Link>
        </p>
      }
    >
      {view.kind === 'disclosure' ? <DisclosureDetailView id={view.id} /> : <CommitmentDetailView id={view.id} />}
    </Page>
  )
}
