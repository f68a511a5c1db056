import { QueryClient } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import { applyLiveEvent, isLiveEvent, staleKeys } from './live-events'
import type { LiveEvent } from './live-events'

describe('live events', () => {
  it('recognises the mend:event payload', () => {
    expect(isLiveEvent({ type: 'checkin.created', space_id: 3, data: {} } as LiveEvent)).toBe(true)
    expect(isLiveEvent({ type: 'x' })).toBe(false)
    expect(isLiveEvent({ type: 'made.up', space_id: 3, data: {} })).toBe(false)
    expect(isLiveEvent(null)).toBe(false)
  })

  it('refreshes disclosures and the record when a disclosure is created', () => {
    expect(staleKeys({ type: 'disclosure.created', space_id: 3, data: {} } as LiveEvent)).toEqual(
      expect.arrayContaining([
        ['spaces', 3, 'disclosures'],
        ['spaces', 3, 'record'],
      ]),
    )
  })

  it('refreshes the therapist’s markers and not-taken-in count when a disclosure is amended or taken in', () => {
    for (const type of ['disclosure.revised', 'disclosure.acknowledged'] as const) {
      expect(staleKeys({ type, space_id: 3, data: {} } as LiveEvent)).toContainEqual(['spaces', 3, 'therapist-context'])
    }
  })

  it('refreshes everything about the space when consent changes, so revoked data disappears', async () => {
    const client = new QueryClient()
    client.setQueryData(['spaces', 3, 'checkins', {}], { items: [1] })
    client.setQueryData(['spaces', 4, 'checkins', {}], { items: [2] })
    applyLiveEvent(client, { type: 'consent.changed', space_id: 3, data: {} } as LiveEvent)
    expect(client.getQueryState(['spaces', 3, 'checkins', {}])?.isInvalidated).toBe(true)
    expect(client.getQueryState(['spaces', 4, 'checkins', {}])?.isInvalidated).toBe(false)
  })

  it('refreshes check-ins and the trend for a new check-in', () => {
    expect(staleKeys({ type: 'checkin.created', space_id: 1, data: {} } as LiveEvent)).toEqual(
      expect.arrayContaining([
        ['spaces', 1, 'checkins'],
        ['spaces', 1, 'trends'],
      ]),
    )
  })
})
