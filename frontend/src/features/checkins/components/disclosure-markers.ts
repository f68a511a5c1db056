import type { Marker } from '../../../components/charts/line-chart'
import { longDay } from '../../../lib/dates'
import { count } from '../../../lib/plural'
import type { DisclosureDay, TrendPoint } from '../../../lib/types'

/** "1 disclosure logged, 2 disclosures amended": what happened on one marked day. */
export function describeDay(day: DisclosureDay): string {
  const parts = []
  if (day.disclosed > 0) parts.push(`${count(day.disclosed, 'disclosure')} logged`)
  if (day.amended > 0) parts.push(`${count(day.amended, 'disclosure')} amended`)
  return parts.join(', ')
}

/** The disclosure days that fall in the chart's span, as markers on the point (day or week) holding each. */
export function markersFor(days: DisclosureDay[], points: TrendPoint[], to: string): Marker[] {
  if (points.length === 0) return []
  const markers: Marker[] = []
  for (const day of days) {
    if (day.day < points[0].start || day.day > to) continue
    let index = 0
    points.forEach((point, i) => {
      if (point.start <= day.day) index = i
    })
    markers.push({ index, label: `${longDay(day.day)}: ${describeDay(day)}` })
  }
  return markers
}
