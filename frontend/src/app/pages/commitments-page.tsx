import { useState } from 'react'
import { Page, Section } from '../../components/page'
import { CommitmentForm } from '../../features/commitments/components/commitment-form'
import { CommitmentList } from '../../features/commitments/components/commitment-list'
import { ReliabilityExplainer } from '../../features/commitments/components/reliability'
import { useSpaceContext } from '../../lib/space'

export default function CommitmentsPage() {
  const { space, myRole, partner } = useSpaceContext()
  const [making, setMaking] = useState(false)
  const partnerName = partner?.display_name ?? 'your partner'
  return (
    <Page
      title="Commitments"
      intro={
        <p>
          {myRole === 'repairing'
            ? 'What you have promised to do, and how reliably you have done it.'
            : `What ${partnerName} has promised to do, and how reliably they have done it.`}
        </p>
      }
    >
      {myRole === 'repairing' ? (
        <Section title="Make a new commitment" id="new">
          {making ? (
            <CommitmentForm spaceId={space.id} partnerName={partnerName} onSaved={() => setMaking(false)} />
          ) : (
            <button type="button" className="btn" onClick={() => setMaking(true)}>
              Make a commitment
            </button>
          )}
        </Section>
      ) : null}
      <Section title="All commitments" id="all">
        <ReliabilityExplainer />
        <CommitmentList />
      </Section>
    </Page>
  )
}
