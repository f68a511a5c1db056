import { Link } from 'wouter'
import { Page } from '../../components/page'
import { Loading } from '../../components/status'
import { useSpaces } from '../../features/spaces/api/get-spaces'
import { CaseloadList } from '../../features/therapist/components/caseload-list'
import { useMe } from '../../lib/session'
import { myRoleIn } from '../../lib/space'

function SpaceLinks() {
  const me = useMe().data
  const spaces = useSpaces()
  if (spaces.isPending || !me) return <Loading />
  const mine = (spaces.data ?? []).filter((s) => myRoleIn(s, me.id) === 'therapist')
  return (
    <ul className="list">
      {mine.map((space) => (
        <li key={space.id} className="list__item">
          <Link href={`/couples/${space.id}`}>{space.name}</Link>
        </li>
      ))}
    </ul>
  )
}

/** The therapist's caseload: couples most in need of attention first. */
export default function CaseloadPage() {
  return (
    <Page
      title="Your caseload"
      intro={
        <p>
          Couples most in need of attention come first. Alerts compare each couple with their own recent weeks, never with
          others. You see only what each partner shares with you.
        </p>
      }
      actions={
        <Link href="/join" className="btn btn--secondary">
          Join a couple
        </Link>
      }
    >
      <CaseloadList fallback={<SpaceLinks />} />
    </Page>
  )
}
