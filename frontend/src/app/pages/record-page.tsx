import { Page } from '../../components/page'
import { DisclosureTimeline } from '../../features/disclosures/components/disclosure-timeline'
import { PacingPanel } from '../../features/disclosures/components/pacing-panel'
import { VerifyBadge } from '../../features/record/components/verify-badge'
import { useSpaceContext } from '../../lib/space'

/** The trust record: every disclosure, newest first, and proof that history hasn't been rewritten. */
export default function RecordPage() {
  const { space } = useSpaceContext()
  return (
    <Page
      title="The record"
      intro={<p>Every disclosure, as it reads now. Nothing here is ever deleted; amendments are shown openly.</p>}
      actions={<VerifyBadge spaceId={space.id} />}
    >
      <PacingPanel />
      <DisclosureTimeline />
    </Page>
  )
}
