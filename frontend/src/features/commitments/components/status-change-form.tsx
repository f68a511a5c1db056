import { useState, type FormEvent } from 'react'
import { TextArea } from '../../../components/field'
import { FormError } from '../../../components/form-message'
import { formProblem } from '../../../lib/form-errors'
import type { CommitmentStatus } from '../../../lib/types'
import { useChangeCommitmentStatus } from '../api/change-commitment-status'

const CHANGES: Record<string, { status: CommitmentStatus; label: string; explain: string }[]> = {
  active: [
    { status: 'paused', label: 'Pause it', explain: 'For a time when it can’t apply (travel, illness). The score waits.' },
    { status: 'completed', label: 'Mark it completed', explain: 'It has done its work, and you both agree.' },
    { status: 'withdrawn', label: 'Withdraw it', explain: 'You can no longer keep it. Saying so openly matters.' },
  ],
  paused: [
    { status: 'active', label: 'Resume it', explain: 'Start reporting again from today.' },
    { status: 'completed', label: 'Mark it completed', explain: 'It has done its work, and you both agree.' },
    { status: 'withdrawn', label: 'Withdraw it', explain: 'You can no longer keep it. Saying so openly matters.' },
  ],
}

const FIELDS = ['status', 'reason'] as const

/** Change a commitment's status, always with a reason; the history keeps every change. */
export function StatusChangeForm({
  spaceId,
  commitmentId,
  current,
  partnerName,
}: {
  spaceId: number
  commitmentId: number
  current: string
  partnerName: string
}) {
  const options = CHANGES[current] ?? []
  const [status, setStatus] = useState<CommitmentStatus | null>(null)
  const [reason, setReason] = useState('')
  const [missing, setMissing] = useState(false)
  const mutation = useChangeCommitmentStatus(spaceId, commitmentId)
  const problem = formProblem(mutation.error, FIELDS)
  if (options.length === 0) {
    return <p className="muted">This commitment is {current}; that is where its story rests. Its history stays visible.</p>
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!status) {
      setMissing(true)
      return
    }
    mutation.mutate({ status, reason: reason.trim() }, {
      onSuccess: () => {
        setStatus(null)
        setReason('')
      },
    })
  }
  return (
    <form onSubmit={submit} noValidate className="form">
      <FormError>{problem.general}</FormError>
      <fieldset className="choices">
        <legend className="field__label">What would you like to do?</legend>
        {options.map((option) => (
          <label key={option.status} className="choice">
            <input type="radio" name={`status-${commitmentId}`} checked={status === option.status} onChange={() => setStatus(option.status)} />
            <span>
              <span className="choice__label">{option.label}</span>
              <span className="choice__explain">{option.explain}</span>
            </span>
          </label>
        ))}
        {problem.field('status') || (missing && !status) ? (
          <p className="field__error">{problem.field('status') ?? 'Please choose a change.'}</p>
        ) : null}
      </fieldset>
      <TextArea
        label="Why?"
        hint={`${partnerName} will see your reason alongside the change.`}
        rows={3}
        maxLength={1000}
        required
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={problem.field('reason')}
      />
      <button type="submit" className="btn" disabled={mutation.isPending}>
        {mutation.isPending ? 'Saving…' : 'Save the change'}
      </button>
    </form>
  )
}
