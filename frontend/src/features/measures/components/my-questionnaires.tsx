import { useState } from 'react'
import { ErrorState, Loading } from '../../../components/status'
import { useSpaceContext } from '../../../lib/space'
import type { Instrument, MeasureSeries } from '../../../lib/types'
import { useInstruments } from '../api/get-instruments'
import { useMeasures } from '../api/get-measures'
import { Questionnaire } from './questionnaire'
import { SchedulePicker } from './schedule-picker'
import './measures.css'

/** A partner's questionnaires on their home page: what is due, the latest score, how often. */
export function MyQuestionnaires() {
  const { space, me } = useSpaceContext()
  const instruments = useInstruments()
  const measures = useMeasures(space.id)
  const [open, setOpen] = useState<string | null>(null)
  if (instruments.isPending || measures.isPending) return <Loading label="Loading your questionnaires…" />
  if (instruments.error) return <ErrorState error={instruments.error} onRetry={() => instruments.refetch()} />
  if (measures.error) return <ErrorState error={measures.error} onRetry={() => measures.refetch()} />
  const mine = (id: string) =>
    measures.data.series.find((s) => s.instrument === id && s.respondent_id === me.id) ?? null
  const openInstrument = instruments.data.find((i) => i.id === open)
  if (openInstrument) {
    return <Questionnaire spaceId={space.id} instrument={openInstrument} onDone={() => setOpen(null)} />
  }
  const due = new Set(measures.data.due)
  return (
    <div className="my-questionnaires">
      <p className="small muted">
        A few short, well-tested questions, for you and anyone you choose to share them with. Nobody sees your
        answers unless you share them on the Sharing page.
      </p>
      <ul className="questionnaire-list">
        {instruments.data.map((instrument) => (
          <QuestionnaireRow
            key={instrument.id}
            spaceId={space.id}
            instrument={instrument}
            series={mine(instrument.id)}
            due={due.has(instrument.id)}
            onOpen={() => setOpen(instrument.id)}
          />
        ))}
      </ul>
    </div>
  )
}

function QuestionnaireRow({
  spaceId,
  instrument,
  series,
  due,
  onOpen,
}: {
  spaceId: number
  instrument: Instrument
  series: MeasureSeries | null
  due: boolean
  onOpen: () => void
}) {
  const latest = series?.points.at(-1)
  return (
    <li className="questionnaire-row">
      <div>
        <p className="questionnaire-row__name">
          {instrument.name} <span className="small muted">{instrument.title}</span>
          {due ? <span className="tag tag--warn">Ready for you</span> : null}
        </p>
        <p className="small muted">
          {latest ? `Last time: ${latest.score} (${latest.band.toLowerCase()})` : 'Not answered yet'}
        </p>
        <SchedulePicker
          spaceId={spaceId}
          instrument={instrument.id}
          name={instrument.name}
          schedule={series?.schedule ?? null}
        />
      </div>
      <button type="button" className="btn btn--small" onClick={onOpen} aria-label={`Answer the ${instrument.name}`}>
        Answer
      </button>
    </li>
  )
}
