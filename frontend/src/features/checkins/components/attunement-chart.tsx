import { LineChart } from '../../../components/charts/line-chart'
import { formatScore, meanOf } from '../../../components/charts/chart-math'
import { addDays, shortDay } from '../../../lib/dates'
import type { Trend } from '../../../lib/types'
import { count, wordFor } from '../../../lib/plural'

/** Days from `from` to `to` inclusive. */
function daysBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let day = from; day <= to; day = addDays(day, 1)) out.push(day)
  return out
}

/** How close the repairing partner's guesses were to how the hurt partner felt, day by day. */
export function AttunementChart({ trend, feltBy, guessedBy }: { trend: Trend; feltBy: string; guessedBy: string }) {
  const days = daysBetween(trend.from, trend.to)
  const byDay = new Map((trend.attunement ?? []).map((a) => [a.date, a]))
  const felt = days.map((d) => byDay.get(d)?.felt ?? null)
  const predicted = days.map((d) => byDay.get(d)?.predicted ?? null)
  const gaps = (trend.attunement ?? []).map((a) => Math.abs(a.difference))
  const average = meanOf(gaps)
  const guesser = guessedBy === 'You' ? 'your' : `${guessedBy}’s`
  const summary = `On ${count(gaps.length, 'day')} with both a score and a guess, ${guesser} guesses were on average ${formatScore(average)} ${wordFor(Number(formatScore(average)), 'point')} away from how ${feltBy === 'You' ? 'you' : feltBy} felt.`
  return (
    <div className="stack">
      <h3>Guesses and feelings side by side</h3>
      <p className="muted">{summary}</p>
      <LineChart
        title="Attunement: predicted and felt safety"
        description={summary}
        xLabels={days.map(shortDay)}
        series={[
          { label: 'Felt', tone: 'felt', values: felt, dots: true },
          { label: 'Guessed', tone: 'predicted', values: predicted, dots: true, dashed: true },
        ]}
      />
    </div>
  )
}
