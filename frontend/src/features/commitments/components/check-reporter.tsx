import { useState, type FormEvent } from 'react'
import { TextArea } from '../../../components/field'
import { FormError } from '../../../components/form-message'
import { OUTCOME_LABELS } from '../../../config/words'
import { formProblem } from '../../../lib/form-errors'
import type { Cadence, Outcome } from '../../../lib/types'
import { useReportCheck } from '../api/report-check'

const OUTCOMES: Outcome[] = ['kept', 'partial', 'missed']
const FIELDS = ['outcome', 'note', 'period_start'] as const

/** Report how one period went: kept, partly kept or missed, with an optional note. */
export function CheckReporter({
  spaceId,
  commitmentId,
  cadence,
  period,
  periodLabel,
  onDone,
}: {
  spaceId: number
  commitmentId: number
  cadence: Cadence
  period: string
  periodLabel: string
  onDone?: () => void
}) {
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [note, setNote] = useState('')
  const [missing, setMissing] = useState(false)
  const mutation = useReportCheck(spaceId, commitmentId)
  const problem = formProblem(mutation.error, FIELDS)
  const name = `outcome-${commitmentId}-${period}`

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!outcome) {
      setMissing(true)
      return
    }
    mutation.mutate({ period_start: period, outcome, note: note.trim() || null }, { onSuccess: () => onDone?.() })
  }
  const outcomeError = problem.field('outcome') ?? (missing && !outcome ? 'Please choose how it went.' : undefined)

  return (
    <form onSubmit={submit} noValidate className="form check-reporter">
      <FormError>{problem.general ?? problem.field('period_start')}</FormError>
      <fieldset className="choice-row">
        <legend className="field__label">
          How did it go {cadence === 'ongoing' ? 'today' : periodLabel}?
        </legend>
        {OUTCOMES.map((value) => (
          <label key={value} className="choice choice--inline">
            <input type="radio" name={name} checked={outcome === value} onChange={() => setOutcome(value)} />
            <span>{OUTCOME_LABELS[value]}</span>
          </label>
        ))}
        {outcomeError ? <p className="field__error">{outcomeError}</p> : null}
      </fieldset>
      {outcome === 'missed' || outcome === 'partial' ? (
        <p className="muted small">
          Thank you for saying so. An honest “missed” builds more trust than a doubtful “kept”.
        </p>
      ) : null}
      <TextArea
        label="Anything to add?"
        optional
        rows={2}
        maxLength={5000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={problem.field('note')}
      />
      <button type="submit" className="btn btn--small" disabled={mutation.isPending}>
        {mutation.isPending ? 'Saving…' : 'Report'}
      </button>
    </form>
  )
}
