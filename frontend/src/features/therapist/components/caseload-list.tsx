import { Link } from 'wouter'
import { formatScore } from '../../../components/charts/chart-math'
import { Sparkline } from '../../../components/charts/sparkline'
import { EmptyState, ErrorState, Loading } from '../../../components/status'
import { roleLabel } from '../../../config/words'
import { ProblemError } from '../../../lib/api-client'
import type { CaseloadItem } from '../../../lib/types'
import { useCaseload } from '../api/get-caseload'
import { count } from '../../../lib/plural'
import './therapist.css'

const TREND_WORDS: Record<string, string> = { rising: 'rising', falling: 'falling', steady: 'steady' }
const ALERT_TONE: Record<string, string> = {
  sudden_drop: 'tag--danger',
  felt_safety_drop: 'tag--danger',
  low_felt_safety: 'tag--danger',
  disputed_check: 'tag--warn',
  no_checkin: 'tag--muted',
  reliable_deterioration: 'tag--danger',
  measure_cutoff: 'tag--warn',
  measures_missed: 'tag--muted',
}

/** A questionnaire's latest score, in words: past the cut-off, and a reliable change. */
function measureNote(measure: CaseloadItem['measures'][number]): string {
  const notes = []
  if (measure.beyond_cutoff) notes.push('past cut-off')
  const change = measure.last_change
  if (change?.reliable) notes.push(change.direction === 'worse' ? 'reliably worse' : 'reliably better')
  return notes.length ? ` (${notes.join(', ')})` : ''
}

/** Every couple, most in need of attention first, with only what they share. */
export function CaseloadList({ fallback }: { fallback?: React.ReactNode }) {
  const query = useCaseload()
  if (query.isPending) return <Loading label="Loading your caseload…" />
  if (query.error) {
    if (query.error instanceof ProblemError && query.error.status === 404) {
      return (
        <>
          <p className="notice">The caseload summary isn’t available on this server yet. Here are your couples.</p>
          {fallback}
        </>
      )
    }
    return <ErrorState error={query.error} onRetry={() => query.refetch()} />
  }
  if (query.data.items.length === 0) {
    return (
      <EmptyState title="No couples yet.">
        <p>
          When a couple invites you, <Link href="/join">join with their code</Link>.
        </p>
      </EmptyState>
    )
  }
  return (
    <ol className="plain-list caseload">
      {query.data.items.map((item) => (
        <li key={item.space.id}>
          <CaseloadRow item={item} />
        </li>
      ))}
    </ol>
  )
}

function CaseloadRow({ item }: { item: CaseloadItem }) {
  const partners = item.members.filter((m) => m.role !== 'therapist')
  const felt = item.felt_safety
  const nameOf = (id: number) => item.members.find((m) => m.user_id === id)?.display_name ?? 'A partner'
  return (
    <article className={item.alerts.length > 0 ? 'caseload-row caseload-row--alert' : 'caseload-row'}>
      <div className="caseload-row__head">
        <h2 className="caseload-row__title">
          <Link href={`/couples/${item.space.id}`}>{item.space.name}</Link>
        </h2>
        <p className="muted small">
          {partners.map((m) => `${m.display_name} (${roleLabel(m.role)})`).join(' · ') || 'Waiting for partners to join'}
        </p>
      </div>
      {item.alerts.length > 0 ? (
        <ul className="caseload-row__alerts" aria-label="Needs attention">
          {item.alerts.map((alert) => (
            <li key={alert.kind + alert.message}>
              <span className={`tag ${ALERT_TONE[alert.kind] ?? 'tag--warn'}`}>{alert.message}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {item.awaiting_approval ? (
        <p className="muted">
          <span className="tag">Awaiting approval</span> Both partners approve a therapist before anything, names
          included, is shown. You will see this couple here once they have.
        </p>
      ) : item.nothing_shared ? (
        <p className="muted">Nothing is shared with you yet.</p>
      ) : (
        <dl className="caseload-row__figures">
          <div>
            <dt>Felt safety</dt>
            <dd>
              {felt ? (
                <>
                  <Sparkline
                    values={felt.sparkline}
                    label={`Felt safety over the last 28 days; 7-day mean ${formatScore(felt.mean_7d)}, 28-day mean ${formatScore(felt.mean_28d)}.`}
                  />
                  <span>
                    latest {formatScore(felt.latest?.value)} · 7-day {formatScore(felt.mean_7d)} · 28-day{' '}
                    {formatScore(felt.mean_28d)}
                    {!felt.enough_data ? ' · not enough data yet for a trend' : felt.trend ? ` · ${TREND_WORDS[felt.trend] ?? felt.trend}` : ''}
                  </span>
                </>
              ) : (
                <span className="muted">Not shared</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Commitments</dt>
            <dd>
              {item.commitments ? (
                <span>
                  {item.commitments.active_count} active · reliability{' '}
                  {item.commitments.reliability_overall === null ? '–' : `${Math.round(item.commitments.reliability_overall * 100)}%`}
                  {item.commitments.open_disputes ? ` · ${item.commitments.open_disputes} disputed` : ''}
                </span>
              ) : (
                <span className="muted">Not shared</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Questionnaires</dt>
            <dd>
              {item.measures.length === 0 ? (
                <span className="muted">None shared</span>
              ) : (
                item.measures
                  .filter((m) => m.latest !== null)
                  .map((m) => `${nameOf(m.respondent_id)} ${m.name ?? m.instrument} ${m.latest}${measureNote(m)}`)
                  .join(' · ')
              )}
            </dd>
          </div>
          <div>
            <dt>Last check-in</dt>
            <dd>
              {item.days_since_checkin.length === 0 ? (
                <span className="muted">Not shared</span>
              ) : (
                item.days_since_checkin
                  .map((d) => `${nameOf(d.user_id)}: ${d.days === null ? 'none yet' : d.days === 0 ? 'today' : `${count(d.days, 'day')} ago`}`)
                  .join(' · ')
              )}
            </dd>
          </div>
        </dl>
      )}
    </article>
  )
}
