import { Link } from 'wouter'
import { Page } from '../../components/page'
import { ForgotPasswordForm } from '../../features/auth/components/forgot-password-form'

export function ForgotPasswordPage() {
  return (
    <Page
      title="Choose a new password"
      intro={<p>It happens to everyone. Tell us your address and we’ll send a link to choose a new password.</p>}
    >
      <section className="card narrow" aria-label="Ask for a link">
        <ForgotPasswordForm />
        <p>
          Remembered it? <Link href="/login">Log in</Link>
        </p>
      </section>
    </Page>
  )
}
