import { Link } from 'wouter'
import { Page } from '../../components/page'

/** After registering (or asking for a reset link): where to look next. */
export function CheckInboxPage() {
  return (
    <Page title="Check your inbox">
      <section className="card narrow" aria-label="What happens next">
        <p>
          We’ve sent a message to the address you gave. Open the link in it to confirm the address and sign in; the
          link works for 24 hours.
        </p>
        <p>
          The message comes from “Account notice” and says nothing about what Mend is for. If it isn’t there in a few
          minutes, please look in your spam folder.
        </p>
        <p>
          If you already had an account with that address, the message says so instead, and you can{' '}
          <Link href="/login">log in</Link> or <Link href="/forgot-password">choose a new password</Link>.
        </p>
      </section>
    </Page>
  )
}
