import { Page } from '../../components/page'
import { DisclosureTimeline } from '../../features/disclosures/components/disclosure-timeline'
import { PacingPanel } from '../../features/disclosures/components/pacing-panel'
import { VerifyBadge } from '../../features/record/components/verify-badge'
import { formerPartnerOf, useSpaceContext } from '../../lib/space'
import { PartnerGone } from './partner-missing'

/** The trust record: every disclosure, newest first, and proof that history hasn't been rewritten. */
export default function RecordPage() {
  const { space, me, myRole } = useSpaceContext()
  const former = formerPartnerOf(space, myRole)
  return (
    <Page
      title="The record"
      intro={
        <p>
          Every disclosure, as it reads now. Nothing here is ever deleted or quietly changed; amendments are shown
          openly. Only deleting an account erases what that person wrote.
        </p>
      }
      actions={<VerifyBadge spaceId={space.id} />}
    >
      {former ? <PartnerGone former={former} timeZone={me.timezone} /> : null}
      <PacingPanel />
      <DisclosureTimeline />
    </Page>
  )
}
