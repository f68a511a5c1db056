import { describe, expect, it } from 'vitest'
import type { AccessLogEntry } from '../../lib/types'
import { groupReads } from './access-groups'

function read(id: number, at: string, viewer = 3, category = 'checkins', records = '28 check-ins'): AccessLogEntry {
  return { id, created_at: at, viewer_id: viewer, category, records } as AccessLogEntry
}

describe('groupReads', () => {
  it('folds repeated reads by the same therapist of the same data on the same day into one row', () => {
    const entries = Array.from({ length: 15 }, (_, i) => read(100 - i, `2026-12-04T09:${String(27 - i).padStart(2, '0')}:00Z`))
    const groups = groupReads(entries, 'UTC')
    expect(groups).toHaveLength(1)
    expect(groups[0]).toMatchObject({ reads: 15, first: '2026-12-04T09:13:00Z', last: '2026-12-04T09:27:00Z', records: ['28 check-ins'] })
  })

  it('keeps different therapists, kinds of data and days apart, newest first', () => {
    const groups = groupReads(
      [
        read(5, '2026-12-04T10:00:00Z', 3, 'commitments', '2 commitments'),
        read(4, '2026-12-04T09:00:00Z', 4),
        read(3, '2026-12-04T08:00:00Z', 3),
        read(2, '2026-12-03T23:30:00Z', 3),
      ],
      'Europe/Berlin',
    )
    // 23:30 UTC on the 3rd is already the 4th in Berlin: one group with the 08:00 read.
    expect(groups.map((g) => [g.day, g.viewerId, g.category, g.reads])).toEqual([
      ['2026-12-04', 3, 'commitments', 1],
      ['2026-12-04', 4, 'checkins', 1],
      ['2026-12-04', 3, 'checkins', 2],
    ])
  })
})
