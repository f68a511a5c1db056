import { CADENCE_LABELS } from '../../../config/words'
import type { Cadence, Commitment } from '../../../lib/types'
import { wordFor } from '../../../lib/plural'
import { useSpaceContext } from '../../../lib/space'
import { useToday } from '../../../lib/use-today'
import { halfLifePeriods, periodOf, periodWeight } from '../periods'

function unit(cadence: Cadence, n: number): string {
  return wordFor(n, cadence === 'weekly' ? 'week' : 'day')
}

/** Whether the commitment's first period is still going (so nothing has been earned or lost yet). */
export function firstPeriodRunning(commitment: Commitment, today: string): boolean {
  const cadence = commitment.cadence as Cadence
  return periodOf(today, cadence) <= periodOf(commitment.starts_on, cadence)
}

/**
 * Reliability as it is earned: the run of kept periods first, then the smoothed score with
 * how slowly it builds, so that a new commitment never reads as a verdict.
 */
export function ReliabilityMeter({ commitment }: { commitment: Commitment }) {
  const { me } = useSpaceContext()
  const today = useToday(me.timezone)
  const cadence = commitment.cadence as Cadence
  const percent = Math.round(commitment.reliability * 100)
  const halfWay = Math.round(halfLifePeriods(cadence))
  const slowly = `Reliability builds slowly: about ${halfWay} ${unit(cadence, halfWay)} kept take it half way.`
  if (firstPeriodRunning(commitment, today)) {
    return (
      <div className="reliability">
        <p className="reliability__streak">
          Just begun. Reliability starts to build when the first {unit(cadence, 1)} is over. {slowly}
        </p>
      </div>
    )
  }
  return (
    <div className="reliability">
      <p className="reliability__run">
        {commitment.streak > 0
          ? `${commitment.streak} ${unit(cadence, commitment.streak)} kept in a row.`
          : 'No run of kept periods at the moment.'}
      </p>
      <div className="reliability__row">
        <span className="reliability__label" id={`rel-${commitment.id}`}>
          Reliability so far
        </span>
        <meter
          className="reliability__meter"
          min={0}
          max={100}
          value={percent}
          aria-labelledby={`rel-${commitment.id}`}
        />
        <span className="reliability__value">{percent}%</span>
      </div>
      {percent < 50 ? <p className="reliability__streak">{slowly}</p> : null}
    </div>
  )
}

/** The reliability formula, in words anyone can check. */
export function ReliabilityExplainer() {
  const daily = Math.round(periodWeight('daily') * 100)
  const weekly = Math.round(periodWeight('weekly') * 100)
  return (
    <details className="explainer">
      <summary>How reliability is worked out</summary>
      <div className="explainer__body">
        <p>
          Reliability is earned slowly and openly. Each time a period ends, the score moves a small step towards 100% if
          the commitment was kept, halfway if it was partly kept, and towards 0% if it was missed or not reported.
        </p>
        <ul>
          <li>
            {CADENCE_LABELS.daily}: each day moves the score about {daily}% of the way, so a day from{' '}
            {Math.round(halfLifePeriods('daily'))} days ago counts half as much as today.
          </li>
          <li>
            {CADENCE_LABELS.weekly}: each week moves it about {weekly}% of the way; a week from{' '}
            {Math.round(halfLifePeriods('weekly'))} weeks ago counts half as much as this one.
          </li>
          <li>{CADENCE_LABELS.ongoing}: nothing is expected on a schedule; each report counts like a day’s.</li>
          <li>A check your partner disputes counts as partly kept at most. Paused time leaves the score as it was.</li>
        </ul>
        <p className="small muted">
          The exact formula: new score = old score × m + result × (1 − m), where m = 0.5<sup>√f ÷ 13</sup> and f is the
          number of checks expected per day (1 for daily, 1/7 for weekly). The streak counts kept periods in a row, up to the latest one.
        </p>
      </div>
    </details>
  )
}
