import type { FormEvent } from 'react'
import { DraftNote } from '../../../components/draft-note'
import { TextArea } from '../../../components/field'
import { FormError, FormSuccess } from '../../../components/form-message'
import { dateTime } from '../../../lib/dates'
import { formProblem } from '../../../lib/form-errors'
import { useSpaceContext } from '../../../lib/space'
import type { Check } from '../../../lib/types'
import { useDraft } from '../../../lib/use-draft'
import { useReplyToCheck } from '../api/reply-to-check'

/** The conversation under a reviewed check; a partner can answer (most often, a dispute). */
export function CheckReplies({ check }: { check: Check }) {
  const { space, me, myRole, nameOf, partner } = useSpaceContext()
  const canReply = (myRole === 'hurt' || myRole === 'repairing') && check.review !== null
  const disputed = check.review?.verdict === 'disputed'
  if (check.replies.length === 0 && !canReply) return null
  return (
    <div className="check-replies">
      {check.replies.length > 0 ? (
        <ol className="thread" aria-label="Replies">
          {check.replies.map((reply) => (
            <li key={reply.id} className={reply.author_id === me.id ? 'thread__item thread__item--mine' : 'thread__item'}>
              <p className="thread__meta">
                <strong>{nameOf(reply.author_id)}</strong>{' '}
                <span className="muted">{dateTime(reply.created_at, me.timezone)}</span>
              </p>
              <p className="thread__body">{reply.body}</p>
            </li>
          ))}
        </ol>
      ) : null}
      {canReply ? (
        <details>
          <summary>{myRole === 'repairing' && disputed ? `Reply to ${partner?.display_name ?? 'your partner'}` : 'Reply'}</summary>
          <ReplyForm spaceId={space.id} check={check} hint={hintFor(myRole === 'repairing' && disputed)} />
        </details>
      ) : null}
    </div>
  )
}

function hintFor(answeringDispute: boolean): string {
  return answeringDispute
    ? 'Say what you remember, and listen to why it did not feel kept. A dispute is information, not an accusation.'
    : 'Your partner will see this under the check.'
}

function ReplyForm({ spaceId, check, hint }: { spaceId: number; check: Check; hint: string }) {
  const body = useDraft(`check-reply:${check.id}`)
  const mutation = useReplyToCheck(spaceId, check.commitment_id, check.id)
  const problem = formProblem(mutation.error, ['body'])
  const submit = (event: FormEvent) => {
    event.preventDefault()
    mutation.mutate(body.value.trim(), { onSuccess: body.clear })
  }
  return (
    <form onSubmit={submit} noValidate className="form">
      <FormError>{problem.general}</FormError>
      <DraftNote show={body.restored} />
      <TextArea
        label="Your reply"
        hint={hint}
        rows={3}
        maxLength={2000}
        value={body.value}
        onChange={(e) => body.setValue(e.target.value)}
        error={problem.field('body')}
      />
      <button type="submit" className="btn btn--secondary" disabled={mutation.isPending || body.value.trim() === ''}>
        {mutation.isPending ? 'Sending…' : 'Send reply'}
      </button>
      <FormSuccess>{mutation.isSuccess ? 'Sent. It is under the check now.' : undefined}</FormSuccess>
    </form>
  )
}
