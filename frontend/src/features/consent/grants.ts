/** Pure helpers for the sharing screen: who can be shared with, and when a share ends. */
import type { ConsentGiven } from '../../lib/types'

export interface Viewer {
  id: number
  role: string
  name: string
}

/** The people I can share with, partner first, from the grants the API lists. */
export function viewersOf(given: ConsentGiven[], nameOf: (id: number) => string): Viewer[] {
  const seen = new Map<number, Viewer>()
  for (const grant of given) {
    if (!seen.has(grant.viewer_id)) {
      seen.set(grant.viewer_id, { id: grant.viewer_id, role: grant.viewer_role, name: nameOf(grant.viewer_id) })
    }
  }
  const rank = (v: Viewer) => (v.role === 'therapist' ? 1 : 0)
  return [...seen.values()].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
}

/** When a share should end: null (until stopped), or an ISO time. */
export function expiryFor(choice: string, date: string, now: Date = new Date()): string | null | 'invalid' {
  if (choice === 'none') return null
  if (choice === 'date') {
    if (!date) return 'invalid'
    const end = new Date(`${date}T23:59:59`)
    return Number.isNaN(end.getTime()) || end <= now ? 'invalid' : end.toISOString()
  }
  return new Date(now.getTime() + Number(choice) * 86_400_000).toISOString()
}

