import { useState, type FormEvent } from 'react'
import { TextField } from '../../../components/field'
import { FormError, FormSuccess } from '../../../components/form-message'
import { formProblem } from '../../../lib/form-errors'
import { useChangePassword } from '../api/change-password'

const FIELDS = ['current_password', 'new_password'] as const

/** Change the password, with the current one to confirm; other devices are signed out. */
export function ChangePassword() {
  const [currentPassword, setCurrentPassword] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const mutation = useChangePassword()
  const problem = formProblem(mutation.error, FIELDS)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    mutation.mutate(
      { current_password: currentPassword, new_password: newPassword },
      {
        onSuccess: () => {
          setCurrentPassword('')
          setNewPassword('')
        },
      },
    )
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <p>
        Changing your password logs you out on every other device and in any other window where Mend is open; this
        window stays logged in.
      </p>
      <FormError>{problem.general}</FormError>
      <TextField
        label="Current password"
        type="password"
        name="current_password"
        autoComplete="current-password"
        required
        value={currentPassword}
        onChange={(e) => setCurrentPassword(e.target.value)}
        error={problem.field('current_password')}
      />
      <TextField
        label="New password"
        hint="At least 10 characters. A few unrelated words make a strong one."
        type="password"
        name="new_password"
        autoComplete="new-password"
        minLength={10}
        required
        value={newPassword}
        onChange={(e) => setNewPassword(e.target.value)}
        error={problem.field('new_password')}
      />
      <button type="submit" className="btn" disabled={mutation.isPending || !currentPassword || !newPassword}>
        {mutation.isPending ? 'Changing your password…' : 'Change my password'}
      </button>
      <FormSuccess>
        {mutation.isSuccess ? 'Your password has been changed. You are still logged in here.' : undefined}
      </FormSuccess>
    </form>
  )
}
