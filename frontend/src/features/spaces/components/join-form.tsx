import { useState, type FormEvent } from 'react'
import { TextField } from '../../../components/field'
import { FormError } from '../../../components/form-message'
import { formProblem } from '../../../lib/form-errors'
import { useAcceptInvite } from '../api/accept-invite'

const FIELDS = ['code'] as const

/** Join a space with the code someone gave you. */
export function JoinForm({ onJoined }: { onJoined?: (spaceId: number) => void }) {
  const [code, setCode] = useState('')
  const mutation = useAcceptInvite()
  const problem = formProblem(mutation.error, FIELDS)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    mutation.mutate(code.trim(), { onSuccess: (membership) => onJoined?.(membership.space_id) })
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <FormError>{problem.general}</FormError>
      <TextField
        label="Invite code"
        hint="Codes work once and last 72 hours. Ask for a new one if yours has expired."
        name="code"
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        required
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={problem.field('code')}
      />
      <button type="submit" className="btn" disabled={mutation.isPending || code.trim() === ''}>
        {mutation.isPending ? 'Joining…' : 'Join'}
      </button>
    </form>
  )
}
