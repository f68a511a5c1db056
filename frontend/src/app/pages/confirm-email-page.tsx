import { useEffect, useRef, useState } from 'react'
import { Link } from 'wouter'
import { Page } from '../../components/page'
import { Loading } from '../../components/status'
import { useConfirmEmail } from '../../features/account/api/confirm-email'
import { errorMessage, ProblemError } from '../../lib/api-client'
import { takeLinkToken } from '../../lib/link-token'

/** /confirm-email#token=...: the account moves to the address the link was sent to. */
export function ConfirmEmailPage() {
  const [token] = useState(takeLinkToken)
  const mutation = useConfirmEmail()
  const sent = useRef(false)
  useEffect(() => {
    if (token && !sent.current) {
      sent.current = true
      mutation.mutate(token)
    }
  }, [token, mutation])

  return (
    <Page title="Your new address">
      <section className="card narrow" aria-label="Your new address">
        {!token ? (
          <p role="alert">This link is missing a part. Please open it again from the message we sent.</p>
        ) : mutation.isSuccess ? (
          <p role="status">
            Done: your account now uses <strong>{mutation.data.email}</strong>. <Link href="/">Continue</Link>
          </p>
        ) : mutation.isError ? (
          <p className="notice notice--error" role="alert">
            {mutation.error instanceof ProblemError && mutation.error.status === 410
              ? 'This link has expired or was already used. You can ask again from your account page.'
              : errorMessage(mutation.error)}
          </p>
        ) : (
          <Loading label="Confirming your new address…" />
        )}
      </section>
    </Page>
  )
}
