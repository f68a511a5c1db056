import { useState, type FormEvent } from 'react'
import { TextField } from '../../../components/field'
import { FormError, FormSuccess } from '../../../components/form-message'
import { formProblem } from '../../../lib/form-errors'
import { useRequestPasswordReset } from '../api/request-password-reset'

/** Ask for a link to choose a new password; the answer is the same for any address. */
export function ForgotPasswordForm() {
  const [email, setEmail] = useState('')
  const mutation = useRequestPasswordReset()
  const problem = formProblem(mutation.error, ['email'])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    mutation.mutate(email.trim())
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <FormError>{problem.general}</FormError>
      <TextField
        label="Your email"
        type="email"
        name="email"
        autoComplete="username"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={problem.field('email')}
      />
      <button type="submit" className="btn" disabled={mutation.isPending || !email.trim()}>
        {mutation.isPending ? 'Sending…' : 'Send me a link'}
      </button>
      <FormSuccess>
        {mutation.isSuccess
          ? 'If that address has an account, a link to choose a new password is on its way. It works once, for 30 minutes.'
          : undefined}
      </FormSuccess>
    </form>
  )
}
