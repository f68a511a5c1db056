import { useState, type FormEvent } from 'react'
import { TextField } from '../../../components/field'
import { FormError } from '../../../components/form-message'
import { ProblemError } from '../../../lib/api-client'
import { formProblem } from '../../../lib/form-errors'
import { useResetPassword } from '../api/reset-password'

const EXPIRED = 'This link has expired or was already used. You can ask for a new one below.'

/** Choose a new password with the token from the mailed link. */
export function ResetPasswordForm({ token, onDone }: { token: string; onDone: () => void }) {
  const [password, setPassword] = useState('')
  const mutation = useResetPassword(onDone)
  const problem = formProblem(mutation.error, ['new_password'])
  const expired = mutation.error instanceof ProblemError && mutation.error.status === 410

  const submit = (event: FormEvent) => {
    event.preventDefault()
    mutation.mutate({ token, new_password: password })
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <p>Choosing a new password signs you out everywhere, so anyone using your old one is signed out too.</p>
      <FormError>{expired ? EXPIRED : problem.general}</FormError>
      <TextField
        label="New password"
        hint="At least 10 characters. A few unrelated words make a strong one."
        type="password"
        name="new_password"
        autoComplete="new-password"
        minLength={10}
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={problem.field('new_password')}
      />
      <button type="submit" className="btn" disabled={mutation.isPending || !password}>
        {mutation.isPending ? 'Saving…' : 'Save my new password'}
      </button>
    </form>
  )
}
