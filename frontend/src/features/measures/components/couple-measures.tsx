import { NotShared } from '../../../components/not-shared'
import { ErrorState, Loading } from '../../../components/status'
import type { Member } from '../../../lib/types'
import { useInstruments } from '../api/get-instruments'
import { useMeasures } from '../api/get-measures'
import { SchedulePicker } from './schedule-picker'
import { SeriesChart } from './series-chart'
import { SeriesSummary } from './series-summary'
import './measures.css'

/** The therapist's view of one couple's questionnaires: per partner and instrument, where shared. */
export function CoupleMeasures({
  spaceId,
  partners,
  sharing,
}: {
  spaceId: number
  partners: Member[]
  sharing: (userId: number) => boolean
}) {
  const instruments = useInstruments()
  const measures = useMeasures(spaceId)
  if (instruments.isPending || measures.isPending) return <Loading label="Loading questionnaires…" />
  if (instruments.error) return <ErrorState error={instruments.error} onRetry={() => instruments.refetch()} />
  if (measures.error) return <ErrorState error={measures.error} onRetry={() => measures.refetch()} />
  return (
    <div className="couple-measures">
      {partners.flatMap((partner) => (partner.user_id === null ? [] : [{ ...partner, user_id: partner.user_id }])).map((partner) => (
        <div key={partner.user_id} className="couple-measures__person">
          <h3>{partner.display_name}</h3>
          {!sharing(partner.user_id) ? (
            <NotShared who={partner.display_name} what="their questionnaires" />
          ) : (
            <div className="series-grid">
              {instruments.data.map((instrument) => {
                const series = measures.data.series.find(
                  (s) => s.respondent_id === partner.user_id && s.instrument === instrument.id,
                )
                return (
                  <article key={instrument.id} className="card card--quiet series-card">
                    <h4 className="card__title">
                      {instrument.name} <span className="small muted">{instrument.title}</span>
                    </h4>
                    {series && series.points.length > 0 ? (
                      <>
                        <SeriesChart series={series} instrument={instrument} />
                        <SeriesSummary series={series} instrument={instrument} />
                      </>
                    ) : (
                      <p className="small muted">No answers yet.</p>
                    )}
                    <SchedulePicker
                      spaceId={spaceId}
                      instrument={instrument.id}
                      name={`${instrument.name} to ${partner.display_name}`}
                      schedule={series?.schedule ?? null}
                      respondentId={partner.user_id}
                    />
                  </article>
                )
              })}
            </div>
          )}
        </div>
      ))}
    </div>
  )
}
