import type { FormEvent } from 'react'
import { DraftNote } from '../../../components/draft-note'
import { TextArea } from '../../../components/field'
import { FormError, FormSuccess } from '../../../components/form-message'
import { dateTime } from '../../../lib/dates'
import { formProblem } from '../../../lib/form-errors'
import { useSpaceContext } from '../../../lib/space'
import { useDraft } from '../../../lib/use-draft'
import type { DisclosureDetail } from '../../../lib/types'
import { useRespondToDisclosure } from '../api/respond-to-disclosure'

/** The conversation under a disclosure: questions, answers, reactions. */
export function Thread({ disclosure }: { disclosure: DisclosureDetail }) {
  const { space, me, myRole, nameOf, partner } = useSpaceContext()
  const body = useDraft(`reply:${disclosure.id}`)
  const mutation = useRespondToDisclosure(space.id, disclosure.id)
  const problem = formProblem(mutation.error, ['body'])
  const canReply = myRole === 'hurt' || myRole === 'repairing'
  const responses = [...disclosure.responses].sort((a, b) => a.created_at.localeCompare(b.created_at))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    mutation.mutate(body.value.trim(), { onSuccess: body.clear })
  }

  return (
    <div className="stack">
      {responses.length === 0 ? (
        <p className="muted">No replies yet.</p>
      ) : (
        <ol className="thread">
          {responses.map((response) => (
            <li key={response.id} className={response.author_id === me.id ? 'thread__item thread__item--mine' : 'thread__item'}>
              <p className="thread__meta">
                <strong>{nameOf(response.author_id)}</strong>{' '}
                <span className="muted">{dateTime(response.created_at, me.timezone)}</span>
              </p>
              <p className="thread__body">{response.body}</p>
            </li>
          ))}
        </ol>
      )}
      {canReply ? (
        <form onSubmit={submit} noValidate className="form">
          <FormError>{problem.general}</FormError>
          <DraftNote show={body.restored} />
          <TextArea
            label={myRole === 'hurt' ? 'Ask a question, or say how this landed' : 'Reply'}
            hint={
              myRole === 'hurt'
                ? `${partner?.display_name ?? 'Your partner'} will see this.`
                : 'Answer fully and honestly. If you feel defensive, pause first: speak to the impact, not your intentions.'
            }
            rows={3}
            maxLength={5000}
            value={body.value}
            onChange={(e) => body.setValue(e.target.value)}
            error={problem.field('body')}
          />
          <button type="submit" className="btn" disabled={mutation.isPending || body.value.trim() === ''}>
            {mutation.isPending ? 'Sending…' : 'Send'}
          </button>
          <FormSuccess>{mutation.isSuccess ? 'Sent.' : undefined}</FormSuccess>
        </form>
      ) : null}
    </div>
  )
}
