import { useState, type FormEvent } from 'react'
import { SelectField, TextArea, TextField } from '../../../components/field'
import { FormError, FormSuccess } from '../../../components/form-message'
import { CADENCE_LABELS } from '../../../config/words'
import { formProblem } from '../../../lib/form-errors'
import type { Cadence } from '../../../lib/types'
import { useCreateCommitment } from '../api/create-commitment'

const FIELDS = ['title', 'description', 'cadence', 'starts_on'] as const
const CADENCES: Cadence[] = ['daily', 'weekly', 'ongoing']

/** Make a commitment: something concrete you will do, and how often you will report on it. */
export function CommitmentForm({ spaceId, partnerName, onSaved }: { spaceId: number; partnerName: string; onSaved?: () => void }) {
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [cadence, setCadence] = useState<Cadence>('daily')
  const [startsOn, setStartsOn] = useState('')
  const mutation = useCreateCommitment(spaceId)
  const problem = formProblem(mutation.error, FIELDS)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    mutation.mutate(
      { title: title.trim(), description: description.trim() || null, cadence, starts_on: startsOn || null },
      {
        onSuccess: () => {
          setTitle('')
          setDescription('')
          setStartsOn('')
          onSaved?.()
        },
      },
    )
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <p className="muted">
        Small, concrete and checkable works best: something {partnerName} could notice you doing. Trust is rebuilt in
        small moments of dependability, not grand gestures.
      </p>
      <FormError>{problem.general}</FormError>
      <TextField
        label="I will…"
        hint="For example: “Tell you the same day if J. contacts me.”"
        maxLength={200}
        required
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={problem.field('title')}
      />
      <TextArea
        label="More detail"
        optional
        rows={3}
        maxLength={5000}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={problem.field('description')}
      />
      <SelectField
        label="How often will you report on it?"
        value={cadence}
        onChange={(e) => setCadence(e.target.value as Cadence)}
        options={CADENCES.map((value) => ({ value, label: CADENCE_LABELS[value] }))}
        error={problem.field('cadence')}
      />
      <TextField
        label="Starting on"
        hint="Leave empty to start today."
        type="date"
        optional
        value={startsOn}
        onChange={(e) => setStartsOn(e.target.value)}
        error={problem.field('starts_on')}
      />
      <button type="submit" className="btn" disabled={mutation.isPending}>
        {mutation.isPending ? 'Saving…' : 'Make this commitment'}
      </button>
      <FormSuccess>{mutation.isSuccess ? `Saved. ${partnerName} can see it now.` : undefined}</FormSuccess>
    </form>
  )
}
