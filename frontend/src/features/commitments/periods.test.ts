import { describe, expect, it } from 'vitest'
import { halfLifePeriods, periodName, periodOf, periodWeight, previousPeriod } from './periods'

describe('periods', () => {
  it('is the day itself for daily commitments and the Monday for weekly ones', () => {
    expect(periodOf('2026-11-26', 'daily')).toBe('2026-11-26')
    expect(periodOf('2026-11-26', 'weekly')).toBe('2026-11-23')
  })

  it('names periods the way people say them', () => {
    expect(periodName('2026-11-26', 'daily', '2026-11-26')).toBe('today')
    expect(periodName('2026-11-25', 'daily', '2026-11-26')).toBe('yesterday')
    expect(periodName('2026-11-23', 'weekly', '2026-11-26')).toBe('this week')
    expect(periodName('2026-11-16', 'weekly', '2026-11-26')).toBe('last week')
    expect(previousPeriod('2026-11-26', 'weekly')).toBe('2026-11-16')
  })

  it('matches the reliability formula: m = 0.5 ** (sqrt(f) / 13)', () => {
    expect(periodWeight('daily')).toBeCloseTo(1 - 0.5 ** (1 / 13), 10)
    expect(periodWeight('weekly')).toBeCloseTo(1 - 0.5 ** (Math.sqrt(1 / 7) / 13), 10)
    expect(halfLifePeriods('daily')).toBe(13)
    expect(halfLifePeriods('weekly')).toBeCloseTo(34.4, 1)
  })
})
