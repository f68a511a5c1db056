import './checkins.css'
import { useState } from 'react'
import { LineChart } from '../../../components/charts/line-chart'
import { formatScore, lastOf, meanOf } from '../../../components/charts/chart-math'
import { ErrorState, EmptyState, Loading } from '../../../components/status'
import { addDays, shortDay } from '../../../lib/dates'
import type { Bucket, DisclosureDay, Trend } from '../../../lib/types'
import { useSafetyTrend } from '../api/get-safety-trend'
import { count } from '../../../lib/plural'
import { useToday } from '../../../lib/use-today'
import { AttunementChart } from './attunement-chart'
import { DisclosureDayList } from './disclosure-days'
import { markersFor } from './disclosure-markers'
import { TrendTable } from './trend-table'

const RANGES = [
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 182, label: '6 months' },
]

interface SafetyTrendProps {
  spaceId: number
  timeZone: string
  /** Whose felt safety this is, as the reader should read it: "you", "Sam". */
  feltBy: string
  /** Who guesses it (the repairing partner), for the attunement chart. */
  guessedBy: string
  /** Days disclosures were logged or amended, marked on the chart (the therapist's view, where shared). */
  disclosureDays?: DisclosureDay[] | null
}

function describe(trend: Trend, feltBy: string): string {
  const means = trend.points.map((p) => p.mean)
  const rolling = trend.points.map((p) => p.rolling_mean_7d)
  const present = means.filter((m): m is number => m !== null)
  const unit = trend.bucket === 'day' ? 'day' : 'week'
  if (present.length === 0) return `No felt-safety scores between ${shortDay(trend.from)} and ${shortDay(trend.to)}.`
  return (
    `Felt safety (${feltBy}) by ${unit}, ${shortDay(trend.from)} to ${shortDay(trend.to)}: ` +
    `${present.length} ${unit}s with a score, average ${formatScore(meanOf(means))}, ` +
    `lowest ${formatScore(Math.min(...present))}, highest ${formatScore(Math.max(...present))}, ` +
    `latest 7-day average ${formatScore(lastOf(rolling))}.`
  )
}

/** The felt-safety trend: by day or week, with the 7-day rolling mean, and attunement where shared. */
export function SafetyTrend({ spaceId, timeZone, feltBy, guessedBy, disclosureDays }: SafetyTrendProps) {
  const today = useToday(timeZone)
  const [days, setDays] = useState(30)
  const [bucket, setBucket] = useState<Bucket>('day')
  const range = { from: addDays(today, -(days - 1)), to: today, bucket }
  const trend = useSafetyTrend(spaceId, range)

  return (
    <div className="stack">
      <div className="chart-controls">
        <fieldset className="choice-row">
          <legend className="visually-hidden">Time span</legend>
          {RANGES.map((r) => (
            <label key={r.days} className="choice choice--inline">
              <input type="radio" name={`range-${spaceId}`} checked={days === r.days} onChange={() => setDays(r.days)} />
              <span>{r.label}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="choice-row">
          <legend className="visually-hidden">Group by</legend>
          <label className="choice choice--inline">
            <input type="radio" name={`bucket-${spaceId}`} checked={bucket === 'day'} onChange={() => setBucket('day')} />
            <span>By day</span>
          </label>
          <label className="choice choice--inline">
            <input type="radio" name={`bucket-${spaceId}`} checked={bucket === 'week'} onChange={() => setBucket('week')} />
            <span>By week</span>
          </label>
        </fieldset>
      </div>
      {trend.isPending ? <Loading label="Loading the trend…" /> : null}
      {trend.error ? <ErrorState error={trend.error} onRetry={() => trend.refetch()} /> : null}
      {trend.data ? (
        <TrendBody trend={trend.data} feltBy={feltBy} guessedBy={guessedBy} disclosureDays={disclosureDays ?? []} />
      ) : null}
    </div>
  )
}

interface TrendBodyProps {
  trend: Trend
  feltBy: string
  guessedBy: string
  disclosureDays: DisclosureDay[]
}

function TrendBody({ trend, feltBy, guessedBy, disclosureDays }: TrendBodyProps) {
  const hasScores = trend.points.some((p) => p.mean !== null)
  const markers = markersFor(disclosureDays, trend.points, trend.to)
  if (!hasScores) {
    return (
      <EmptyState title="No felt-safety scores in this time span yet.">
        <p>When check-ins are shared, they appear here as a line over time.</p>
      </EmptyState>
    )
  }
  return (
    <>
      <LineChart
        title={`Felt safety by ${trend.bucket}`}
        description={
          describe(trend, feltBy) +
          (markers.length > 0 ? ` Upright lines mark ${count(markers.length, 'day')} with a disclosure logged or amended, listed below the chart.` : '')
        }
        xLabels={trend.points.map((p) => shortDay(p.start))}
        series={[
          {
            label: trend.bucket === 'day' ? 'Each day' : 'Each week',
            tone: 'felt',
            values: trend.points.map((p) => p.mean),
            dots: true,
          },
          ...(trend.bucket === 'day'
            ? [{ label: '7-day average', tone: 'rolling' as const, values: trend.points.map((p) => p.rolling_mean_7d) }]
            : []),
        ]}
        markers={markers}
        markerLabel="A disclosure logged or amended"
      />
      <DisclosureDayList markers={markers} />
      <TrendTable trend={trend} />
      {trend.attunement && trend.attunement.length > 0 ? (
        <AttunementChart trend={trend} feltBy={feltBy} guessedBy={guessedBy} />
      ) : null}
    </>
  )
}
