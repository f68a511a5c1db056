import { useState } from 'react'
import { TextArea } from '../../../components/field'
import { FormError } from '../../../components/form-message'
import { formProblem } from '../../../lib/form-errors'
import type { Check, Verdict } from '../../../lib/types'
import { useReviewCheck } from '../api/review-check'

/** The hurt partner confirms a check, or disputes it with an optional note. Changeable later. */
export function ReviewControls({
  spaceId,
  check,
  partnerName,
  onReviewed,
}: {
  spaceId: number
  check: Check
  partnerName: string
  /** Called once the review is saved (say, to move focus where the check used to be). */
  onReviewed?: (verdict: Verdict) => void
}) {
  const [disputing, setDisputing] = useState(false)
  const [note, setNote] = useState('')
  const mutation = useReviewCheck(spaceId)
  const problem = formProblem(mutation.error, ['note', 'verdict'])
  const send = (verdict: Verdict) =>
    mutation.mutate(
      { commitmentId: check.commitment_id, checkId: check.id, verdict, note: note.trim() || null },
      {
        onSuccess: () => {
          setDisputing(false)
          onReviewed?.(verdict)
        },
      },
    )

  return (
    <div className="review-controls">
      <FormError>{problem.general ?? problem.field('verdict')}</FormError>
      {disputing ? (
        <div className="stack">
          <TextArea
            label="What doesn’t ring true?"
            hint={`Optional. ${partnerName} will see that you disputed this, and your note.`}
            rows={2}
            maxLength={5000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            error={problem.field('note')}
          />
          <div className="button-row">
            <button type="button" className="btn btn--small" disabled={mutation.isPending} onClick={() => send('disputed')}>
              Send my dispute
            </button>
            <button type="button" className="btn btn--secondary btn--small" onClick={() => setDisputing(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          <button type="button" className="btn btn--secondary btn--small" disabled={mutation.isPending} onClick={() => send('confirmed')}>
            That’s right
          </button>
          <button type="button" className="btn btn--secondary btn--small" disabled={mutation.isPending} onClick={() => setDisputing(true)}>
            That doesn’t match what I saw…
          </button>
        </div>
      )}
    </div>
  )
}
