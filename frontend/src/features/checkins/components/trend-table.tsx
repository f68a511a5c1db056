import { formatScore } from '../../../components/charts/chart-math'
import { shortDay } from '../../../lib/dates'
import type { Trend } from '../../../lib/types'

/** The chart's numbers as a table, for anyone who prefers (or needs) to read them. */
export function TrendTable({ trend }: { trend: Trend }) {
  const rows = trend.points.filter((p) => p.count > 0).reverse()
  return (
    <details>
      <summary>Show the numbers</summary>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Felt safety numbers">
        <table className="table">
          <caption className="visually-hidden">Felt safety by {trend.bucket}, newest first</caption>
          <thead>
            <tr>
              <th scope="col">{trend.bucket === 'day' ? 'Day' : 'Week of'}</th>
              <th scope="col">Average</th>
              <th scope="col">Check-ins</th>
              {trend.bucket === 'day' ? <th scope="col">7-day average</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.start}>
                <th scope="row">{shortDay(p.start)}</th>
                <td>{formatScore(p.mean)}</td>
                <td>{p.count}</td>
                {trend.bucket === 'day' ? <td>{formatScore(p.rolling_mean_7d)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  )
}
