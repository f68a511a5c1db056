import { useState, type FormEvent } from 'react'
import { FormError, FormSuccess } from '../../../components/form-message'
import { ErrorState, Loading } from '../../../components/status'
import { errorMessage } from '../../../lib/api-client'
import { type Reminders, useReminders, useSaveReminders } from '../api/reminders'
import { ActivityNotices, MeasuresReminder, MuteActivity, WeeklyDigest } from './rhythm-settings'

const WEEK_MS = 7 * 24 * 60 * 60 * 1000

type Props = { canReport: boolean; therapist: boolean }
type Draft = { draft: Reminders; setDraft: (draft: Reminders) => void }

/** Gentle reminders, each off until chosen: for partners, to check in, a report that is due (the
 * repairing partner), a questionnaire, and notices of something new (with a mute); for therapists,
 * a weekly digest. */
export function ReminderSettings({ canReport, therapist }: Props) {
  const query = useReminders()
  if (query.isPending) return <Loading label="Loading your reminders…" />
  if (query.error) return <ErrorState error={query.error} onRetry={() => query.refetch()} />
  return <ReminderForm saved={query.data} canReport={canReport} therapist={therapist} />
}

function ReminderForm({ saved, canReport, therapist }: Props & { saved: Reminders }) {
  const [draft, setDraft] = useState(saved)
  const [openedAt] = useState(() => Date.now())
  const mutation = useSaveReminders()
  const quiet = draft.quiet_hours && 'from' in draft.quiet_hours ? draft.quiet_hours : null

  // A mute is its own action: saving the form keeps the mute as the server has it.
  const save = (changes: Partial<Reminders> = {}) =>
    mutation.mutate({
      ...draft,
      activity: { ...draft.activity, muted_until: saved.activity.muted_until },
      ...changes,
    })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save()
  }
  const snoozed = saved.snoozed_until !== null && Date.parse(saved.snoozed_until) > openedAt

  return (
    <form onSubmit={submit} noValidate className="form">
      <p>Reminders come by email, at the times you choose, in your own time zone. They never say what is in your space.</p>
      <FormError>{mutation.error ? errorMessage(mutation.error) : null}</FormError>
      {therapist ? (
        <WeeklyDigest draft={draft} setDraft={setDraft} />
      ) : (
        <PartnerReminders draft={draft} setDraft={setDraft} canReport={canReport} />
      )}
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
      {therapist ? null : (
        <MuteActivity
          saved={saved}
          openedAt={openedAt}
          onUnmute={() => save({ activity: { ...draft.activity, muted_until: null } })}
        />
      )}
    </form>
  )
}

function PartnerReminders({ draft, setDraft, canReport }: Draft & { canReport: boolean }) {
  return (
    <>
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
      <MeasuresReminder draft={draft} setDraft={setDraft} />
      <ActivityNotices draft={draft} setDraft={setDraft} />
    </>
  )
}
