import { useState, type FormEvent, type ReactNode } from 'react'
import { TextField } from '../../../components/field'
import { FormError } from '../../../components/form-message'
import { formProblem } from '../../../lib/form-errors'

/** Ask for the password again before a sign-in factor changes. */
export function PasswordConfirm({
  action,
  busy,
  error,
  onConfirm,
  danger = false,
  children,
}: {
  action: string
  busy: boolean
  error: unknown
  onConfirm: (password: string) => void
  danger?: boolean
  children?: ReactNode
}) {
  const [password, setPassword] = useState('')
  const problem = formProblem(error, ['password'])
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onConfirm(password)
  }
  return (
    <form onSubmit={submit} noValidate className="form">
      <FormError>{problem.general}</FormError>
      {children}
      <TextField
        label="Your password"
        hint="We ask again before anything about how you sign in changes."
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={problem.field('password')}
      />
      <button type="submit" className={danger ? 'btn btn--danger' : 'btn'} disabled={busy || !password}>
        {action}
      </button>
    </form>
  )
}
