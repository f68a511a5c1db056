import { useId } from 'react'
import type { MeasureAdherence } from '../../../lib/types'
import { useSetSchedule } from '../api/set-schedule'

const WEEKS = [1, 2, 3, 4, 5, 6, 7, 8]

/** How often a questionnaire is offered: every 1-8 weeks, or not on a schedule. */
export function SchedulePicker({
  spaceId,
  instrument,
  name,
  schedule,
  respondentId,
}: {
  spaceId: number
  instrument: string
  name: string
  schedule: MeasureAdherence | null
  respondentId?: number
}) {
  const id = useId()
  const mutation = useSetSchedule(spaceId)
  const change = (value: string) =>
    mutation.mutate({ instrument, everyWeeks: value === '' ? null : Number(value), respondentId })
  return (
    <div className="schedule-picker">
      <label htmlFor={id} className="small">
        Offer the {name}
      </label>{' '}
      <select
        id={id}
        value={schedule ? String(schedule.every_weeks) : ''}
        onChange={(event) => change(event.target.value)}
        disabled={mutation.isPending}
      >
        <option value="">only when chosen</option>
        {WEEKS.map((weeks) => (
          <option key={weeks} value={weeks}>
            {weeks === 1 ? 'every week' : `every ${weeks} weeks`}
          </option>
        ))}
      </select>
    </div>
  )
}
