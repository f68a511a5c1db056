import './sessions.css'
import { FormError } from '../../../components/form-message'
import { errorMessage } from '../../../lib/api-client'
import { dateTime, longDay, todayIn } from '../../../lib/dates'
import type { LoginSession } from '../../../lib/types'
import { useEndSession, useSessions } from '../api/sessions'

/** Where this account is signed in, each with a button to sign it out. */
export function SessionsList({ timeZone }: { timeZone: string }) {
  const sessions = useSessions()
  const end = useEndSession()
  if (sessions.isPending) return <p className="loading">Looking up where you’re signed in…</p>
  if (sessions.isError) return <FormError>{errorMessage(sessions.error)}</FormError>
  return (
    <div className="stack">
      <p>
        These are the devices where you’re signed in. If you see one you don’t recognise, or lost a device, you can sign it
        out here; it is signed out straight away.
      </p>
      <ul className="list">
        {sessions.data.map((session) => (
          <SessionItem
            key={session.id}
            session={session}
            timeZone={timeZone}
            busy={end.isPending && end.variables?.id === session.id}
            onEnd={() => end.mutate(session)}
          />
        ))}
      </ul>
      <FormError>{end.error ? errorMessage(end.error) : undefined}</FormError>
      <p role="status" aria-live="polite" className="muted small">
        {end.isSuccess && !end.data.current ? `${end.data.device} has been signed out.` : ''}
      </p>
    </div>
  )
}

/** The last active day is a UTC day: "today" when it is today's, else the date. */
function lastActive(day: string): string {
  return day === todayIn('UTC') ? 'today' : longDay(day)
}

function SessionItem({
  session,
  timeZone,
  busy,
  onEnd,
}: {
  session: LoginSession
  timeZone: string
  busy: boolean
  onEnd: () => void
}) {
  const label = session.current ? 'Sign out here' : 'Sign out'
  return (
    <li className="list__item session">
      <div className="session__about">
        <strong>{session.device}</strong> {session.current ? <span className="tag">This device</span> : null}
        <div className="muted small">
          Signed in {dateTime(session.created_at, timeZone)} · last active {lastActive(session.last_active_on)}
        </div>
      </div>
      <button
        type="button"
        className="btn btn--secondary btn--small"
        aria-label={`${label}: ${session.device}, signed in ${dateTime(session.created_at, timeZone)}`}
        disabled={busy}
        onClick={onEnd}
      >
        {busy ? 'Signing out…' : label}
      </button>
    </li>
  )
}
