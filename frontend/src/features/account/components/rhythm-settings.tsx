import { useState } from 'react'
import { FormError, FormSuccess } from '../../../components/form-message'
import { errorMessage } from '../../../lib/api-client'
import { dateTime } from '../../../lib/dates'
import { type Reminders, useMuteActivity } from '../api/reminders'

type Draft = Reminders
type SetDraft = (draft: Draft) => void

const MUTE_CHOICES = [1, 3, 7, 14, 30]
const DAY_NAMES: Record<Reminders['digest']['day'], string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
}

/** A reminder when a questionnaire is ready for me, at a time I choose. */
export function MeasuresReminder({ draft, setDraft }: { draft: Draft; setDraft: SetDraft }) {
  return (
    <>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.measures.enabled}
          onChange={(e) => setDraft({ ...draft, measures: { ...draft.measures, enabled: e.target.checked } })}
        />{' '}
        Remind me when a short questionnaire is ready
      </label>
      <label className="field">
        <span className="field__label">Questionnaire reminder time</span>
        <input
          type="time"
          value={draft.measures.time}
          onChange={(e) => setDraft({ ...draft, measures: { ...draft.measures, time: e.target.value } })}
        />
      </label>
    </>
  )
}

/** "Something new in your space": on or off. */
export function ActivityNotices({ draft, setDraft }: { draft: Draft; setDraft: SetDraft }) {
  return (
    <label className="checkbox">
      <input
        type="checkbox"
        checked={draft.activity.enabled}
        onChange={(e) => setDraft({ ...draft, activity: { ...draft.activity, enabled: e.target.checked } })}
      />{' '}
      Tell me when something new is in our space (at most once an hour, never what it is)
    </label>
  )
}

/** Mute activity notices for a few days, or end a mute early. */
export function MuteActivity({
  saved,
  onUnmute,
  openedAt,
}: {
  saved: Reminders
  onUnmute: () => void
  openedAt: number
}) {
  const [days, setDays] = useState(3)
  const mute = useMuteActivity()
  const until = saved.activity.muted_until
  const muted = until !== null && Date.parse(until) > openedAt
  return (
    <div className="field" role="group" aria-label="Mute notices">
      <FormError>{mute.error ? errorMessage(mute.error) : null}</FormError>
      {muted && until ? (
        <p>
          Notices are muted until {dateTime(until)}. Nothing that arrives meanwhile will be told later.{' '}
          <button type="button" className="btn btn--secondary" onClick={onUnmute}>
            Unmute notices
          </button>
        </p>
      ) : (
        <div className="button-row">
          <label className="field">
            <span className="field__label">Mute notices for</span>
            <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {MUTE_CHOICES.map((n) => (
                <option key={n} value={n}>
                  {n === 1 ? '1 day' : `${n} days`}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="btn btn--secondary"
            disabled={mute.isPending}
            onClick={() => mute.mutate(days)}
          >
            Mute notices
          </button>
        </div>
      )}
      <FormSuccess>{mute.isSuccess && muted ? 'Notices are muted. Take the time you need.' : null}</FormSuccess>
    </div>
  )
}

/** A therapist's weekly digest: counts only, on a day and at a time they choose. */
export function WeeklyDigest({ draft, setDraft }: { draft: Draft; setDraft: SetDraft }) {
  return (
    <>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.digest.enabled}
          onChange={(e) => setDraft({ ...draft, digest: { ...draft.digest, enabled: e.target.checked } })}
        />{' '}
        Send me a weekly digest (how many couples have alerts, never who or what)
      </label>
      <label className="field">
        <span className="field__label">Digest day</span>
        <select
          value={draft.digest.day}
          onChange={(e) =>
            setDraft({ ...draft, digest: { ...draft.digest, day: e.target.value as Reminders['digest']['day'] } })
          }
        >
          {Object.entries(DAY_NAMES).map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Digest time</span>
        <input
          type="time"
          value={draft.digest.time}
          onChange={(e) => setDraft({ ...draft, digest: { ...draft.digest, time: e.target.value } })}
        />
      </label>
    </>
  )
}
