import { Link } from 'wouter'
import { Page } from '../../components/page'
import { CommitmentDetailView } from '../../features/commitments/components/commitment-detail'

export default function CommitmentPage({ id }: { id: number }) {
  return (
    <Page
      title="Commitment"
      intro={
        <p>
          <Link href="/commitments">← Back to commitments</Link>
        </p>
      }
    >
      <CommitmentDetailView id={id} />
    </Page>
  )
}
