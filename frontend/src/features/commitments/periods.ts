import { addDays, shortDay, weekStart } from '../../lib/dates'
import type { Cadence } from '../../lib/types'

/** The first day of the period containing day: the day itself, or its week's Monday. */
export function periodOf(day: string, cadence: Cadence): string {
  return cadence === 'weekly' ? weekStart(day) : day
}

/** The period before the one containing day. */
export function previousPeriod(day: string, cadence: Cadence): string {
  return cadence === 'weekly' ? addDays(weekStart(day), -7) : addDays(day, -1)
}

/** "today", "yesterday", "this week", "the week of Mon 3 Nov" … */
export function periodName(period: string, cadence: Cadence, today: string): string {
  if (cadence === 'weekly') {
    const thisWeek = weekStart(today)
    if (period === thisWeek) return 'this week'
    if (period === addDays(thisWeek, -7)) return 'last week'
    return `the week of ${shortDay(period)}`
  }
  if (period === today) return 'today'
  if (period === addDays(today, -1)) return 'yesterday'
  return shortDay(period)
}

/** How much one new period moves the reliability score: 1 - m, m = 0.5 ** (sqrt(f) / 13). */
export function periodWeight(cadence: Cadence): number {
  const perDay = cadence === 'weekly' ? 1 / 7 : 1
  return 1 - 0.5 ** (Math.sqrt(perDay) / 13)
}

/** After how many periods an old report counts half as much as a new one: 13 / sqrt(f). */
export function halfLifePeriods(cadence: Cadence): number {
  const perDay = cadence === 'weekly' ? 1 / 7 : 1
  return 13 / Math.sqrt(perDay)
}
