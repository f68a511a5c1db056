import { useState, type FormEvent } from 'react'
import { TextArea, TextField } from '../../../components/field'
import { FormError } from '../../../components/form-message'
import { formProblem } from '../../../lib/form-errors'
import type { DisclosureDetail } from '../../../lib/types'
import { useReviseDisclosure } from '../api/revise-disclosure'

const FIELDS = ['title', 'body', 'reason'] as const

/** An open amendment: new words and the reason; the earlier words stay in the history for both of you. */
export function ReviseForm({
  spaceId,
  disclosure,
  partnerName,
  onDone,
}: {
  spaceId: number
  disclosure: DisclosureDetail
  partnerName: string
  onDone: () => void
}) {
  const [title, setTitle] = useState(disclosure.title ?? '')
  const [body, setBody] = useState(disclosure.body ?? '')
  const [reason, setReason] = useState('')
  const [unchanged, setUnchanged] = useState(false)
  const mutation = useReviseDisclosure(spaceId, disclosure.id)
  const problem = formProblem(mutation.error, FIELDS)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const input: { title?: string; body?: string; reason: string } = { reason: reason.trim() }
    if (title.trim() !== disclosure.title) input.title = title.trim()
    if (body.trim() !== disclosure.body) input.body = body.trim()
    if (input.title === undefined && input.body === undefined) {
      setUnchanged(true)
      return
    }
    setUnchanged(false)
    mutation.mutate(input, { onSuccess: onDone })
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <p>
        An amendment adds to the truth; it never hides what was there. {partnerName} will see the earlier words next to
        the new ones, with your reason.
      </p>
      <FormError>{unchanged ? 'Change the title or the text (or both) to amend this disclosure.' : problem.general}</FormError>
      <TextField label="Title" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} error={problem.field('title')} />
      <TextArea label="What happened, and how it affected you both" rows={8} maxLength={20000} value={body} onChange={(e) => setBody(e.target.value)} error={problem.field('body')} />
      <TextArea
        label="Why are you amending it?"
        hint="For example: “I left out that it happened more than once.”"
        rows={3}
        maxLength={1000}
        required
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={problem.field('reason')}
      />
      <div className="button-row">
        <button type="submit" className="btn" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : 'Save the amendment'}
        </button>
        <button type="button" className="btn btn--secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}
