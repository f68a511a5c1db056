import { CADENCE_LABELS } from '../../../config/words'
import type { Cadence, Commitment } from '../../../lib/types'
import { halfLifePeriods, periodWeight } from '../periods'

function unit(cadence: Cadence, n: number): string {
  const word = cadence === 'weekly' ? 'week' : cadence === 'daily' ? 'day' : 'report'
  return n === 1 ? word : `${word}s`
}

/** Reliability as a meter and a number, and the streak, in plain words. */
export function ReliabilityMeter({ commitment }: { commitment: Commitment }) {
  const percent = Math.round(commitment.reliability * 100)
  return (
    <div className="reliability">
      <div className="reliability__row">
        <span className="reliability__label" id={`rel-${commitment.id}`}>
          Reliability
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
      <p className="reliability__streak">
        {commitment.streak > 0
          ? `${commitment.streak} ${unit(commitment.cadence as Cadence, commitment.streak)} kept in a row`
          : 'No current run of kept periods'}
      </p>
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
