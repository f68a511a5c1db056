import type { Instrument, MeasureSeries } from '../../../lib/types'

/** The last change (and whether it is reliable), completion and missed-in-a-row, in words. */
export function SeriesSummary({ series, instrument }: { series: MeasureSeries; instrument: Instrument }) {
  const latest = series.points.at(-1)
  const change = series.last_change
  const plan = series.schedule
  return (
    <ul className="series-summary small">
      <li>
        {latest
          ? `Latest ${latest.score} of ${instrument.scoring.max}: ${latest.band.toLowerCase()}.`
          : 'Not answered yet.'}
      </li>
      {change ? (
        <li>
          Last change {change.difference > 0 ? '+' : ''}
          {change.difference} ({change.previous} to {change.latest},{' '}
          {change.direction === 'same' ? 'no change' : change.direction}).{' '}
          {change.reliable === null ? (
            <span className="muted">{change.explanation}</span>
          ) : change.reliable ? (
            <strong>A reliable change.</strong>
          ) : (
            <span>Within measurement noise (not a reliable change).</span>
          )}
        </li>
      ) : null}
      {plan ? (
        <li>
          Offered every {plan.every_weeks === 1 ? 'week' : `${plan.every_weeks} weeks`}
          {plan.completion_rate !== null ? `; answered ${Math.round(plan.completion_rate * 100)}% of the time` : ''}
          {plan.missed_in_a_row > 0 ? `; the last ${plan.missed_in_a_row} missed in a row` : ''}
          {plan.due ? '; one is open now' : ''}.
        </li>
      ) : (
        <li className="muted">Not on a schedule.</li>
      )}
    </ul>
  )
}
