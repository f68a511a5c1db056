/**
 * The access log as a person reads it: a therapist opening a couple page reads
 * the same data many times a minute, so reads are grouped by who read, which
 * kind of data and which local day, with how many reads and between when.
 */
import { dayOf } from '../../lib/dates'
import type { AccessLogEntry } from '../../lib/types'

export interface ReadGroup {
  key: string
  day: string
  viewerId: number | null
  category: string
  reads: number
  first: string
  last: string
  /** What was read, as the log describes it, without repeats. */
  records: string[]
}

/** Group entries (newest first) by viewer, category and local day, newest group first. */
export function groupReads(entries: AccessLogEntry[], timeZone: string): ReadGroup[] {
  const groups = new Map<string, ReadGroup>()
  for (const entry of entries) {
    const day = dayOf(entry.created_at, timeZone)
    const key = `${day}|${entry.viewer_id}|${entry.category}`
    const group = groups.get(key)
    if (!group) {
      groups.set(key, {
        key,
        day,
        viewerId: entry.viewer_id,
        category: entry.category,
        reads: 1,
        first: entry.created_at,
        last: entry.created_at,
        records: [entry.records],
      })
      continue
    }
    group.reads += 1
    if (entry.created_at < group.first) group.first = entry.created_at
    if (entry.created_at > group.last) group.last = entry.created_at
    if (!group.records.includes(entry.records)) group.records.push(entry.records)
  }
  return [...groups.values()].sort((a, b) => b.last.localeCompare(a.last))
}
