import { useState, type FormEvent } from 'react'
import { FormError, FormSuccess } from '../../../components/form-message'
import { ErrorState, Loading } from '../../../components/status'
import { errorMessage } from '../../../lib/api-client'
import { type Reminders, useReminders, useSaveReminders } from '../api/reminders'

const WEEK_MS = 7 * 24 * 60 * 60 * 1000

/** Gentle reminders, each off until chosen: to check in, and (for the repairing partner) a report that is due. */
export function ReminderSettings({ canReport }: { canReport: boolean }) {
  const query = useReminders()
  if (query.isPending) return <Loading label="Loading your reminders…" />
  if (query.error) return <ErrorState error={query.error} onRetry={() => query.refetch()} />
  return <ReminderForm saved={query.data} canReport={canReport} />
}

function ReminderForm({ saved, canReport }: { saved: Reminders; canReport: boolean }) {
  const [draft, setDraft] = useState(saved)
  const [openedAt] = useState(() => Date.now())
  const mutation = useSaveReminders()
  const quiet = draft.quiet_hours && 'from' in draft.quiet_hours ? draft.quiet_hours : null

  const save = (changes: Partial<Reminders> = {}) => mutation.mutate({ ...draft, ...changes })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save()
  }
  const snoozed = saved.snoozed_until !== null && Date.parse(saved.snoozed_until) > openedAt

  return (
    <form onSubmit={submit} noValidate className="form">
      <p>Reminders come by email, at the times you choose, in your own time zone. They never say what is in your space.</p>
      <FormError>{mutation.error ? errorMessage(mutation.error) : null}</FormError>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.checkin.enabled}
          onChange={(e) => setDraft({ ...draft, checkin: { ...draft.checkin, enabled: e.target.checked } })}
        />{' '}
        Remind me to check in
      </label>
      <label className="field">
        <span className="field__label">Check-in reminder time</span>
        <input
          type="time"
          value={draft.checkin.time}
          onChange={(e) => setDraft({ ...draft, checkin: { ...draft.checkin, time: e.target.value } })}
        />
      </label>
      {canReport ? (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.commitments.enabled}
            onChange={(e) => setDraft({ ...draft, commitments: { ...draft.commitments, enabled: e.target.checked } })}
          />{' '}
          Remind me when a commitment report is due (at {draft.commitments.time})
        </label>
      ) : null}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.channels.includes('push')}
          onChange={(e) =>
            setDraft({ ...draft, channels: e.target.checked ? ['email', 'push'] : ['email'] })
          }
        />{' '}
        Also as a notification on my devices
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={quiet !== null}
          onChange={(e) => setDraft({ ...draft, quiet_hours: e.target.checked ? { from: '22:00', to: '07:00' } : null })}
        />{' '}
        Keep quiet at night (22:00 to 07:00)
      </label>
      <div className="button-row">
        <button type="submit" className="btn" disabled={mutation.isPending}>
          Save my reminders
        </button>
        {snoozed ? (
          <button type="button" className="btn btn--secondary" onClick={() => save({ snoozed_until: null })}>
            Resume reminders
          </button>
        ) : (
          <button
            type="button"
            className="btn btn--secondary"
            onClick={() => save({ snoozed_until: new Date(Date.now() + WEEK_MS).toISOString() })}
          >
            Pause reminders for a week
          </button>
        )}
      </div>
      <FormSuccess>{mutation.isSuccess ? 'Your reminders are saved.' : null}</FormSuccess>
    </form>
  )
}
