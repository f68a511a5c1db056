import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { LineChart } from '../../../components/charts/line-chart'
import { longDay } from '../../../lib/dates'
import { DisclosureDayList } from './disclosure-days'
import { describeDay, markersFor } from './disclosure-markers'

const point = (start: string) => ({ start, mean: 5, count: 1, rolling_mean_7d: 5 })
const DAYS = [point('2026-03-02'), point('2026-03-03'), point('2026-03-04')]
const WEEKS = [point('2026-02-23'), point('2026-03-02'), point('2026-03-09')]

describe('disclosure markers on the felt-safety chart', () => {
  it('says what happened on a day, with one plural helper', () => {
    expect(describeDay({ day: '2026-03-03', disclosed: 1, amended: 0 })).toBe('1 disclosure logged')
    expect(describeDay({ day: '2026-03-03', disclosed: 2, amended: 1 })).toBe('2 disclosures logged, 1 disclosure amended')
  })

  it('puts each day on its own day, or on the week holding it, and leaves out days off the chart', () => {
    const days = [
      { day: '2026-03-03', disclosed: 1, amended: 0 },
      { day: '2026-03-05', disclosed: 0, amended: 1 },
      { day: '2026-01-01', disclosed: 1, amended: 0 },
    ]
    expect(markersFor(days, DAYS, '2026-03-04').map((m) => m.index)).toEqual([1])
    expect(markersFor(days, WEEKS, '2026-03-15').map((m) => m.index)).toEqual([1, 1])
    expect(markersFor(days, DAYS, '2026-03-04')[0].label).toBe(`${longDay('2026-03-03')}: 1 disclosure logged`)
  })

  it('draws an upright line per marker, with a legend key and the days listed in words', () => {
    const markers = markersFor([{ day: '2026-03-03', disclosed: 1, amended: 1 }], DAYS, '2026-03-04')
    const { container } = render(
      <>
        <LineChart
          title="Felt safety by day"
          description="d"
          xLabels={['a', 'b', 'c']}
          series={[{ label: 'Each day', tone: 'felt', values: [5, 5, 5], dots: true }]}
          markers={markers}
          markerLabel="A disclosure logged or amended"
        />
        <DisclosureDayList markers={markers} />
      </>,
    )
    expect(container.querySelectorAll('.chart__marker line')).toHaveLength(1)
    expect(screen.getByText('A disclosure logged or amended')).toBeInTheDocument()
    const list = screen.getByRole('list', { name: 'Disclosures on this chart' })
    expect(list).toHaveTextContent(`${longDay('2026-03-03')}: 1 disclosure logged, 1 disclosure amended`)
  })

  it('draws nothing and lists nothing without markers', () => {
    const { container } = render(<DisclosureDayList markers={[]} />)
    expect(container).toBeEmptyDOMElement()
  })
})
