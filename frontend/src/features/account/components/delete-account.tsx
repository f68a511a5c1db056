import { useState, type FormEvent } from 'react'
import { TextField } from '../../../components/field'
import { FormError } from '../../../components/form-message'
import { ProblemError } from '../../../lib/api-client'
import { formProblem } from '../../../lib/form-errors'
import { useDeleteAccount } from '../api/delete-account'

const WRONG_PASSWORD = 'urn:mend:problem:wrong-password'

/** Erase the account, with a plain account of what happens, confirmed with the password. */
export function DeleteAccount({ onDeleted, therapist = false }: { onDeleted: () => void; therapist?: boolean }) {
  const [open, setOpen] = useState(false)
  const [password, setPassword] = useState('')
  const mutation = useDeleteAccount(onDeleted)
  const problem = formProblem(mutation.error, ['password'])
  // A wrong password is about the password field: show it there, not above the form.
  const wrongPassword = mutation.error instanceof ProblemError && mutation.error.type === WRONG_PASSWORD
  const passwordError = problem.field('password') ?? (wrongPassword ? problem.general : undefined)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    mutation.mutate(password)
  }

  return (
    <div className="stack">
      <p>Deleting your account is something you can do on your own, at any time. Here is what happens:</p>
      {therapist ? (
        <ul>
          <li>Your account and your private notes on each couple are erased.</li>
          <li>You leave every couple’s space at once, and see nothing of theirs any more.</li>
          <li>What the couples wrote stays theirs.</li>
        </ul>
      ) : (
        <ul>
          <li>Your account and everything you wrote — check-ins, notes, disclosures, replies, commitments, reports and reviews — are erased.</li>
          <li>
            The record keeps only a fingerprint of each erased entry, never the words, so the other partner can still see
            that history wasn’t quietly rewritten.
          </li>
          <li>You leave every space you are in. Nobody can see your data any more, including a therapist.</li>
          <li>What others wrote stays theirs.</li>
        </ul>
      )}
      <p>
        <strong>This can’t be undone.</strong> If you want a copy, export your data first.
      </p>
      {open ? (
        <form onSubmit={submit} noValidate className="form confirm">
          <FormError>{wrongPassword ? undefined : problem.general}</FormError>
          <TextField
            label="Your password, to confirm"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={passwordError}
          />
          <div className="button-row">
            <button type="submit" className="btn btn--danger" disabled={mutation.isPending || !password}>
              {mutation.isPending ? 'Deleting…' : 'Delete my account for good'}
            </button>
            <button type="button" className="btn btn--secondary" onClick={() => setOpen(false)}>
              Keep my account
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="btn btn--secondary" onClick={() => setOpen(true)}>
          Delete my account…
        </button>
      )}
    </div>
  )
}
