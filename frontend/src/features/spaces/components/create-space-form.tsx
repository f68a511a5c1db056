import { useState, type FormEvent } from 'react'
import { TextField } from '../../../components/field'
import { FormError } from '../../../components/form-message'
import { formProblem } from '../../../lib/form-errors'
import type { PartnerRole } from '../../../lib/types'
import { ROLE_LABELS } from '../../../config/words'
import { useCreateSpace } from '../api/create-space'
import { ROLE_EXPLANATIONS } from './role-explainer'

const FIELDS = ['name', 'my_role'] as const
const ROLES: PartnerRole[] = ['hurt', 'repairing']

/** Start a space: choose your role, knowing what it means and what your partner will see. */
export function CreateSpaceForm({ onCreated }: { onCreated?: (spaceId: number) => void }) {
  const [role, setRole] = useState<PartnerRole | null>(null)
  const [name, setName] = useState('')
  const [roleMissing, setRoleMissing] = useState(false)
  const mutation = useCreateSpace()
  const problem = formProblem(mutation.error, FIELDS)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!role) {
      setRoleMissing(true)
      return
    }
    mutation.mutate({ my_role: role, name: name.trim() || null }, { onSuccess: (space) => onCreated?.(space.id) })
  }
  const roleError = problem.field('my_role') ?? (roleMissing && !role ? 'Please choose your role.' : undefined)

  return (
    <form onSubmit={submit} noValidate className="form">
      <FormError>{problem.general}</FormError>
      <fieldset className="choices" aria-describedby={roleError ? 'role-error' : undefined}>
        <legend className="field__label">Which of these is you?</legend>
        {ROLES.map((value) => {
          const text = ROLE_EXPLANATIONS[value]
          return (
            <label key={value} className="choice choice--card">
              <input type="radio" name="my_role" value={value} checked={role === value} onChange={() => setRole(value)} />
              <span>
                <span className="choice__label">
                  {text.title} <span className="tag">{ROLE_LABELS[value]}</span>
                </span>
                <span className="choice__explain">{text.means}</span>
                <span className="choice__explain">
                  <strong>What your partner sees: </strong>
                  {text.sees}
                </span>
              </span>
            </label>
          )
        })}
        {roleError ? (
          <p id="role-error" className="field__error">
            {roleError}
          </p>
        ) : null}
      </fieldset>
      <TextField
        label="A name for your space"
        hint="Only the two of you (and a therapist you invite) see it."
        optional
        maxLength={100}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={problem.field('name')}
      />
      <button type="submit" className="btn" disabled={mutation.isPending}>
        {mutation.isPending ? 'Creating…' : 'Create our space'}
      </button>
    </form>
  )
}
