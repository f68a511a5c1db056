import { useMutation, useQueryClient } from '@tanstack/react-query'
import { FormError } from '../../../components/form-message'
import { errorMessage } from '../../../lib/api-client'
import { resetSession } from '../../../lib/session'
import { passkeyLogin } from '../api/passkeys'
import { passkeyErrorMessage, passkeysSupported } from '../lib/webauthn'

/** Log in with a passkey alone, no email or password. */
export function PasskeyLoginButton({ onDone }: { onDone?: () => void }) {
  const client = useQueryClient()
  const mutation = useMutation({
    mutationFn: passkeyLogin,
    onSuccess: (user) => {
      onDone?.()
      resetSession(client, user)
    },
  })
  if (!passkeysSupported()) return null
  return (
    <div className="form">
      <FormError>{mutation.error ? (passkeyErrorMessage(mutation.error) ?? errorMessage(mutation.error)) : null}</FormError>
      <button type="button" className="btn btn--secondary" disabled={mutation.isPending} onClick={() => mutation.mutate()}>
        Use a passkey instead
      </button>
    </div>
  )
}
