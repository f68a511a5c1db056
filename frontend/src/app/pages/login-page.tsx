import { Link, useLocation } from 'wouter'
import { useState } from 'react'
import { Page } from '../../components/page'
import { takeFlash } from '../../lib/flash'
import { LoginForm } from '../../features/auth/components/login-form'

export function LoginPage() {
  const [, navigate] = useLocation()
  const [flash] = useState(takeFlash)
  return (
    <Page
      title="Welcome to Mend"
      intro={<p>A private space for two people rebuilding trust, one honest day at a time.</p>}
    >
      {flash ? (
        <p className="notice notice--ok" role="status">
          {flash}
        </p>
      ) : null}
      <div className="two-col">
        <section className="card" aria-labelledby="login-title">
          <h2 id="login-title" className="card__title">
            Log in
          </h2>
          <LoginForm onDone={() => navigate('/')} />
          <p>
            <Link href="/forgot-password">Forgot your password?</Link>
          </p>
          <p>
            New here? <Link href="/register">Create an account</Link>
          </p>
        </section>
        <aside className="card card--quiet" aria-labelledby="safety-title">
          <h2 id="safety-title" className="card__title">
            Your safety first
          </h2>
          <p>
            If someone who could hurt you might see this device, please use one they can’t reach. The{' '}
            <strong>Quick exit</strong> button, or <kbd>Esc</kbd> pressed twice, leaves Mend at once.
          </p>
          <p>
            <Link href="/help">Where to find help</Link>
          </p>
        </aside>
      </div>
    </Page>
  )
}
