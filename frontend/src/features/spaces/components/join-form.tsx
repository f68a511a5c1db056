import { useState, type FormEvent } from 'react'
import { TextField } from '../../../components/field'
import { FormError } from '../../../components/form-message'
import { roleLabel } from '../../../config/words'
import { setFlash } from '../../../lib/flash'
import { formProblem } from '../../../lib/form-errors'
import type { Membership } from '../../../lib/types'
import { useAcceptInvite } from '../api/accept-invite'

const FIELDS = ['code'] as const

/** What a partner who just joined needs to know first: their role, and what is shared by default. */
export function joinedMessage(membership: Pick<Membership, 'role'>): string {
  if (membership.role === 'therapist') return ''
  return (
    `You joined as the ${roleLabel(membership.role)}. Your check-in scores are now shared with your partner, ` +
    'as they are by default; your check-in notes are not. You can change either at any time on the Sharing page.'
  )
}

/** Join a space with the code someone gave you. Partners are told beforehand what joining means. */
export function JoinForm({ onJoined, forPartner = true }: { onJoined?: (spaceId: number) => void; forPartner?: boolean }) {
  const [code, setCode] = useState('')
  const mutation = useAcceptInvite()
  const problem = formProblem(mutation.error, FIELDS)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    mutation.mutate(code.trim(), {
      onSuccess: (membership) => {
        const message = joinedMessage(membership)
        if (message) setFlash(message)
        onJoined?.(membership.space_id)
      },
    })
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <FormError>{problem.general}</FormError>
      {forPartner ? (
        <p className="muted small" id="join-means">
          You join in the role your partner chose when they made the code: Hurt partner or Repairing partner. Once you
          join, your check-in scores are shared with your partner by default (your notes are not); you can change that
          at any time.
        </p>
      ) : null}
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
