import { EmptyState, ErrorState, Loading } from '../../../components/status'
import { consentCategoryLabel } from '../../../config/words'
import { longDay, timeOf } from '../../../lib/dates'
import { useSpaceContext } from '../../../lib/space'
import { groupReads, type ReadGroup } from '../access-groups'
import { useAccessLog } from '../api/get-access-log'
import { count } from '../../../lib/plural'

function when(group: ReadGroup, timeZone: string): string {
  const first = timeOf(group.first, timeZone)
  const last = timeOf(group.last, timeZone)
  return first === last ? `at ${first}` : `between ${first} and ${last}`
}

function reads(n: number): string {
  return n === 1 ? 'Read once' : `Read ${count(n, 'time')}`
}

/** Who has read which of my data, and when, grouped by person, kind of data and day. */
export function AccessLog() {
  const { space, me, nameOf } = useSpaceContext()
  const query = useAccessLog(space.id)
  if (query.isPending) return <Loading label="Loading the access log…" />
  if (query.error) return <ErrorState error={query.error} onRetry={() => query.refetch()} />
  const items = query.data.pages.flatMap((page) => page.items)
  if (items.length === 0) {
    return <EmptyState title="Nobody has read anything of yours that is logged here." />
  }
  const groups = groupReads(items, me.timezone)
  return (
    <div className="stack">
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Reads of your data">
        <table className="table">
          <caption className="visually-hidden">Reads of your data, by person, kind of data and day, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr key={group.key}>
                <td>{longDay(group.day)}</td>
                <td>{nameOf(group.viewerId)}</td>
                <td>
                  {consentCategoryLabel(group.category)}
                  <span className="muted small">
                    {' '}
                    · {reads(group.reads)} {when(group, me.timezone)} · {group.records.slice(0, 3).join('; ')}
                  </span>
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
