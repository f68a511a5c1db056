import { useState } from 'react'
import { Link, useLocation } from 'wouter'
import { Page } from '../../components/page'
import { ResetPasswordForm } from '../../features/auth/components/reset-password-form'
import { setFlash } from '../../lib/flash'
import { takeLinkToken } from '../../lib/link-token'

/** /reset-password#token=...: choose a new password, then log in with it. */
export function ResetPasswordPage() {
  const [token] = useState(takeLinkToken)
  const [, navigate] = useLocation()
  const done = () => {
    setFlash('Your new password is saved, and every device was signed out. Please log in with it.')
    navigate('/login')
  }
  return (
    <Page title="Choose a new password">
      <section className="card narrow" aria-label="Choose your new password">
        {token ? (
          <ResetPasswordForm token={token} onDone={done} />
        ) : (
          <p role="alert">This link is missing a part. Please open it again from the message we sent.</p>
        )}
        <p>
          <Link href="/forgot-password">Ask for a new link</Link>
        </p>
      </section>
    </Page>
  )
}
