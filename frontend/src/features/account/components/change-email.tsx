import { useState, type FormEvent } from 'react'
import { TextField } from '../../../components/field'
import { FormError, FormSuccess } from '../../../components/form-message'
import { formProblem } from '../../../lib/form-errors'
import { useChangeEmail } from '../api/change-email'

const FIELDS = ['password', 'new_email'] as const

/** Move the account to another address: confirmed from that address; the current one is told. */
export function ChangeEmail() {
  const [password, setPassword] = useState('')
  const [newEmail, setNewEmail] = useState('')
  const mutation = useChangeEmail()
  const problem = formProblem(mutation.error, FIELDS)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    mutation.mutate({ password, new_email: newEmail.trim() }, { onSuccess: () => setPassword('') })
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <p>
        We’ll send a link to the new address; your account moves once it is opened. Your current address gets a short
        note, so nobody can move your account quietly.
      </p>
      <FormError>{problem.general}</FormError>
      <TextField
        label="New email"
        hint="Use an address only you can read."
        type="email"
        name="new_email"
        autoComplete="email"
        required
        value={newEmail}
        onChange={(e) => setNewEmail(e.target.value)}
        error={problem.field('new_email')}
      />
      <TextField
        label="Your password"
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={problem.field('password')}
      />
      <button type="submit" className="btn" disabled={mutation.isPending || !password || !newEmail.trim()}>
        {mutation.isPending ? 'Sending…' : 'Send the link'}
      </button>
      <FormSuccess>
        {mutation.isSuccess ? 'Please open the link we sent to the new address. It works for 24 hours.' : undefined}
      </FormSuccess>
    </form>
  )
}
