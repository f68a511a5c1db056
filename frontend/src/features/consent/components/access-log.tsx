import { EmptyState, ErrorState, Loading } from '../../../components/status'
import { consentCategoryLabel } from '../../../config/words'
import { dateTime } from '../../../lib/dates'
import { useSpaceContext } from '../../../lib/space'
import { useAccessLog } from '../api/get-access-log'

/** Who has read which of my data, and when (a therapist's reads are always logged). */
export function AccessLog() {
  const { space, me, nameOf } = useSpaceContext()
  const query = useAccessLog(space.id)
  if (query.isPending) return <Loading label="Loading the access log…" />
  if (query.error) return <ErrorState error={query.error} onRetry={() => query.refetch()} />
  const items = query.data.pages.flatMap((page) => page.items)
  if (items.length === 0) {
    return <EmptyState title="Nobody has read anything of yours that is logged here." />
  }
  return (
    <div className="stack">
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Reads of your data, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry) => (
              <tr key={entry.id}>
                <td>{dateTime(entry.created_at, me.timezone)}</td>
                <td>{nameOf(entry.viewer_id)}</td>
                <td>
                  {consentCategoryLabel(entry.category)}
                  <span className="muted small"> · {entry.records}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {query.hasNextPage ? (
        <button type="button" className="btn btn--secondary btn--small" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {query.isFetchingNextPage ? 'Loading…' : 'Show earlier'}
        </button>
      ) : null}
    </div>
  )
}
