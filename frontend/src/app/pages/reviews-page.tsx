import { Redirect } from 'wouter'
import { Page, Section } from '../../components/page'
import { ChecksToReview } from '../../features/commitments/components/checks-to-review'
import { useSpaceContext } from '../../lib/space'

/** /reviews (hurt partner): every commitment report still waiting for a review, page by page. */
export default function ReviewsPage() {
  const { myRole, partner } = useSpaceContext()
  if (myRole !== 'hurt') return <Redirect to="/commitments" replace />
  const partnerName = partner?.display_name ?? 'your partner'
  return (
    <Page title="Reports to review" intro={<p>What {partnerName} reported on their commitments, newest first.</p>}>
      <Section title="Waiting for you" id="waiting">
        <ChecksToReview paged />
      </Section>
    </Page>
  )
}
