import { useEffect, useRef, useState } from 'react'
import { Link, useLocation } from 'wouter'
import { Page } from '../../components/page'
import { Loading } from '../../components/status'
import { useVerifyEmail } from '../../features/auth/api/verify-email'
import { errorMessage, ProblemError } from '../../lib/api-client'
import { takeLinkToken } from '../../lib/link-token'

/** /verify#token=...: confirms the address from the mailed link and signs in. */
export function VerifyPage() {
  const [token] = useState(takeLinkToken)
  const [, navigate] = useLocation()
  const mutation = useVerifyEmail(() => navigate('/welcome'))
  const sent = useRef(false)
  useEffect(() => {
    if (token && !sent.current) {
      sent.current = true // once, even when React runs effects twice in development
      mutation.mutate(token)
    }
  }, [token, mutation])

  return (
    <Page title="Confirming your address">
      <section className="card narrow" aria-label="Confirming your address">
        {!token ? (
          <p>This link is missing a part. Please open it again from the message we sent, or copy all of it.</p>
        ) : mutation.isError ? (
          <VerifyProblem error={mutation.error} />
        ) : (
          <Loading label="Confirming your address…" />
        )}
      </section>
    </Page>
  )
}

function VerifyProblem({ error }: { error: unknown }) {
  if (error instanceof ProblemError && error.status === 410) {
    return (
      <div role="alert">
        <p>This link has expired or was already used.</p>
        <p>
          If you confirmed your address already, you can <Link href="/login">log in</Link>. If not, a{' '}
          <Link href="/forgot-password">new-password link</Link> confirms it too.
        </p>
      </div>
    )
  }
  return (
    <p className="notice notice--error" role="alert">
      {errorMessage(error)}
    </p>
  )
}
