import './checkins.css'
import { useState } from 'react'
import { EmptyState, ErrorState, Loading } from '../../../components/status'
import { dateTime } from '../../../lib/dates'
import { useSpaceContext } from '../../../lib/space'
import type { Checkin } from '../../../lib/types'
import { useCheckins } from '../api/get-checkins'

function scores(checkin: Checkin): string[] {
  const out: string[] = []
  if (checkin.felt_safety !== null) out.push(`Felt safety ${checkin.felt_safety}`)
  if (checkin.regulation !== null) out.push(`Settled ${checkin.regulation}`)
  if (checkin.predicted_safety !== null) out.push(`Guessed partner’s safety ${checkin.predicted_safety}`)
  return out
}

/** Recent check-ins the reader may see, newest first, with notes where they are shared. */
export function CheckinList({ authorId, pageSize = 10 }: { authorId?: number; pageSize?: number }) {
  const { space, me, nameOf } = useSpaceContext()
  const [before, setBefore] = useState<number[]>([])
  const cursor = before[before.length - 1]
  const query = useCheckins(space.id, { author_id: authorId, limit: pageSize, before: cursor })
  if (query.isPending) return <Loading label="Loading check-ins…" />
  if (query.error) return <ErrorState error={query.error} onRetry={() => query.refetch()} />
  const items = query.data?.items ?? []
  if (items.length === 0 && before.length === 0) return <EmptyState title="No check-ins to show yet." />
  return (
    <div className="stack">
      <ul className="list">
        {items.map((checkin) => (
          <li key={checkin.id} className="list__item checkin-item">
            <div>
              <strong>{nameOf(checkin.author_id)}</strong>{' '}
              <span className="muted">{dateTime(checkin.created_at, me.timezone)}</span>
            </div>
            <div className="checkin-item__scores">
              {scores(checkin).map((s) => (
                <span key={s} className="tag">
                  {s}
                </span>
              ))}
              {checkin.tags.map((tag) => (
                <span key={tag} className="tag tag--muted">
                  {tag}
                </span>
              ))}
            </div>
            {checkin.note ? <p className="checkin-item__note">{checkin.note}</p> : null}
            {checkin.author_id === me.id && checkin.note_private ? <span className="muted small">Note kept private</span> : null}
          </li>
        ))}
      </ul>
      <div className="button-row">
        {before.length > 0 ? (
          <button type="button" className="btn btn--secondary btn--small" onClick={() => setBefore(before.slice(0, -1))}>
            Newer
          </button>
        ) : null}
        {query.data?.next_before ? (
          <button
            type="button"
            className="btn btn--secondary btn--small"
            onClick={() => setBefore([...before, query.data!.next_before!])}
          >
            Earlier
          </button>
        ) : null}
      </div>
    </div>
  )
}
