import { useState, type FormEvent } from 'react'
import { TextArea } from '../../../components/field'
import { FormError } from '../../../components/form-message'
import { EmptyState, ErrorState, Loading } from '../../../components/status'
import { dateTime } from '../../../lib/dates'
import { formProblem } from '../../../lib/form-errors'
import { useCreateTherapistNote } from '../api/create-therapist-note'
import { useTherapistNotes } from '../api/get-therapist-notes'
import './therapist.css'

/** The therapist's private notes on one couple: only their author ever sees them. */
export function TherapistNotes({ spaceId, timeZone }: { spaceId: number; timeZone: string }) {
  const notes = useTherapistNotes(spaceId)
  const mutation = useCreateTherapistNote(spaceId)
  const [body, setBody] = useState('')
  const problem = formProblem(mutation.error, ['body'])
  const submit = (event: FormEvent) => {
    event.preventDefault()
    mutation.mutate(body.trim(), { onSuccess: () => setBody('') })
  }
  return (
    <div className="stack">
      <form onSubmit={submit} noValidate className="form">
        <FormError>{problem.general}</FormError>
        <TextArea
          label="New note"
          hint="Only you can read your notes. The couple never sees them."
          rows={4}
          maxLength={20000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          error={problem.field('body')}
        />
        <button type="submit" className="btn" disabled={mutation.isPending || !body.trim()}>
          {mutation.isPending ? 'Saving…' : 'Save note'}
        </button>
      </form>
      {notes.isPending ? <Loading label="Loading your notes…" /> : null}
      {notes.error ? <ErrorState error={notes.error} onRetry={() => notes.refetch()} /> : null}
      {notes.data ? (
        notes.data.pages[0].items.length === 0 ? (
          <EmptyState title="No notes yet." />
        ) : (
          <ol className="plain-list">
            {notes.data.pages
              .flatMap((p) => p.items)
              .map((note) => (
                <li key={note.id} className="therapist-note">
                  <p className="muted small">{dateTime(note.created_at, timeZone)}</p>
                  <p className="therapist-note__body">{note.body}</p>
                </li>
              ))}
          </ol>
        )
      ) : null}
      {notes.hasNextPage ? (
        <button type="button" className="btn btn--secondary btn--small" onClick={() => notes.fetchNextPage()}>
          Show earlier notes
        </button>
      ) : null}
    </div>
  )
}
