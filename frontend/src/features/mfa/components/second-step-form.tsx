import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { TextField } from '../../../components/field'
import { FormError } from '../../../components/form-message'
import { formProblem } from '../../../lib/form-errors'
import { resetSession } from '../../../lib/session'
import { verifySecondStep, type SecondStep } from '../api/verify'
import { passkeyErrorMessage, passkeysSupported } from '../lib/webauthn'

export type Method = 'totp' | 'passkey' | 'recovery_code'

/** The second login step: a code from the app, a passkey, or a recovery code. */
export function SecondStepForm({ methods, onDone }: { methods: Method[]; onDone?: () => void }) {
  const client = useQueryClient()
  const [useRecovery, setUseRecovery] = useState(!methods.includes('totp'))
  const [code, setCode] = useState('')
  const mutation = useMutation({
    mutationFn: verifySecondStep,
    onSuccess: (user) => {
      onDone?.()
      resetSession(client, user)
    },
  })
  const field = useRecovery ? 'recovery_code' : 'code'
  const problem = formProblem(mutation.error, [field])
  const browserProblem = passkeyErrorMessage(mutation.error)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const step: SecondStep = useRecovery ? { recovery_code: code.trim() } : { code: code.replace(/\s/g, '') }
    mutation.mutate(step)
  }
  const canType = methods.includes('totp') || methods.includes('recovery_code')
  return (
    <div className="form">
      <FormError>{browserProblem ?? problem.general}</FormError>
      {methods.includes('passkey') && passkeysSupported() ? (
        <button type="button" className="btn" disabled={mutation.isPending} onClick={() => mutation.mutate({ passkey: true })}>
          Use my passkey
        </button>
      ) : null}
      {canType ? (
        <form onSubmit={submit} noValidate className="form">
          <TextField
            key={field}
            label={useRecovery ? 'A recovery code' : 'The six-digit code from your authenticator app'}
            name={field}
            inputMode={useRecovery ? 'text' : 'numeric'}
            autoComplete="one-time-code"
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={problem.field(field)}
          />
          <button type="submit" className="btn" disabled={mutation.isPending || !code.trim()}>
            {mutation.isPending ? 'Checking…' : 'Continue'}
          </button>
        </form>
      ) : null}
      {methods.includes('recovery_code') && methods.includes('totp') ? (
        <button
          type="button"
          className="btn btn--link"
          onClick={() => {
            setUseRecovery(!useRecovery)
            setCode('')
            mutation.reset()
          }}
        >
          {useRecovery ? 'Use a code from my app instead' : 'Use a recovery code instead'}
        </button>
      ) : null}
    </div>
  )
}
