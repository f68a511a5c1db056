import { Link } from 'wouter'
import { Page } from '../../components/page'
import { DisclosureDetailView } from '../../features/disclosures/components/disclosure-detail'
import { VerifyBadge } from '../../features/record/components/verify-badge'
import { useSpaceContext } from '../../lib/space'

export default function DisclosurePage({ id }: { id: number }) {
  const { space } = useSpaceContext()
  return (
    <Page
      title="Disclosure"
      intro={
        <p>
          <Link href="/record">← Back to the record</Link>
        </p>
      }
      actions={<VerifyBadge spaceId={space.id} />}
    >
      <DisclosureDetailView id={id} />
    </Page>
  )
}
