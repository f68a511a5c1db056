import { describe, expect, it } from 'vitest'
import { addDays, dateTime, timeOf, todayIn, weekStart } from './dates'

describe('dates', () => {
  it('gives today in the user’s timezone, not the device’s', () => {
    const instant = new Date('2026-03-01T23:30:00Z')
    expect(todayIn('UTC', instant)).toBe('2026-03-01')
    expect(todayIn('Asia/Tokyo', instant)).toBe('2026-03-02')
    expect(todayIn('America/Los_Angeles', instant)).toBe('2026-03-01')
  })

  it('adds days across month and year ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31')
  })

  it('finds the Monday of the ISO week', () => {
    expect(weekStart('2026-11-26')).toBe('2026-11-23') // a Thursday
    expect(weekStart('2026-11-23')).toBe('2026-11-23') // a Monday
    expect(weekStart('2026-11-29')).toBe('2026-11-23') // a Sunday
  })

  it('writes a time of day the same way everywhere (no "09:38 PM" beside "9:55 PM")', () => {
    const morning = '2026-01-05T09:38:00Z'
    const evening = '2026-01-05T21:55:00Z'
    expect(dateTime(morning, 'UTC')).toContain(timeOf(morning, 'UTC'))
    expect(dateTime(evening, 'UTC')).toContain(timeOf(evening, 'UTC'))
  })
})
