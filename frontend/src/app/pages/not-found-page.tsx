import { Link } from 'wouter'
import { Page } from '../../components/page'

export function NotFoundPage() {
  return (
    <Page title="We couldn’t find that page">
      <p>
        It may have moved, or it may not be shared with you. <Link href="/">Go to your home page</Link>
      </p>
    </Page>
  )
}
