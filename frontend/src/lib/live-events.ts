/**
 * What a live event means for the data on screen: which queries to refresh.
 * Events carry ids only, never words, scores or names: the app refetches what
 * an event names through the consent-checked GET (one source of truth), so a
 * revoked grant makes data disappear at once.
 */
import type { QueryClient } from '@tanstack/react-query'
import { keys } from './query-keys'

/** What each event carries: the ids of the record concerned, nothing more. */
export interface LiveEventData {
  'disclosure.created': { id: number }
  'disclosure.revised': { id: number }
  'disclosure.responded': { id: number; disclosure_id: number }
  'disclosure.acknowledged': { id: number; disclosure_id: number; user_id: number }
  'commitment.created': { id: number }
  'commitment.updated': { id: number }
  'commitment.checked': { id: number; commitment_id: number }
  'commitment.reviewed': { id: number; commitment_id: number; check_id: number }
  'checkin.created': { id: number; owner_id: number }
  'measure.responded': { id: number; owner_id: number }
  'consent.changed': { owner_id: number; viewer_id?: number }
  'member.joined': { user_id: number }
  'member.left': { user_id: number }
}

export type LiveEventType = keyof LiveEventData

/** One `mend:event` message, discriminated by its type. */
export type LiveEvent = {
  [T in LiveEventType]: { type: T; space_id: number; data: LiveEventData[T] }
}[LiveEventType]

const LIVE_EVENT_TYPES: ReadonlySet<string> = new Set<LiveEventType>([
  'disclosure.created',
  'disclosure.revised',
  'disclosure.responded',
  'disclosure.acknowledged',
  'commitment.created',
  'commitment.updated',
  'commitment.checked',
  'commitment.reviewed',
  'checkin.created',
  'measure.responded',
  'consent.changed',
  'member.joined',
  'member.left',
])

export function isLiveEvent(value: unknown): value is LiveEvent {
  if (!value || typeof value !== 'object') return false
  const event = value as Record<string, unknown>
  return (
    typeof event.type === 'string' &&
    LIVE_EVENT_TYPES.has(event.type) &&
    typeof event.space_id === 'number'
  )
}

/** The query keys an event makes stale. */
export function staleKeys(event: LiveEvent): (readonly unknown[])[] {
  const sid = event.space_id
  const domain = event.type.split('.')[0]
  switch (domain) {
    case 'disclosure':
      // The therapist's chart markers and not-yet-taken-in count are drawn from disclosures too.
      return [
        keys.inSpace(sid, 'disclosures'),
        keys.inSpace(sid, 'record'),
        keys.inSpace(sid, 'therapist-context'),
        keys.caseload,
      ]
    case 'commitment':
      return [keys.inSpace(sid, 'commitments'), keys.inSpace(sid, 'record'), keys.caseload]
    case 'checkin':
      return [keys.inSpace(sid, 'checkins'), keys.inSpace(sid, 'trends'), keys.caseload]
    case 'measure':
      return [keys.inSpace(sid, 'measures'), keys.caseload]
    case 'consent':
      // What each person may see has changed: everything about this space may read differently.
      return [keys.space(sid), keys.caseload]
    case 'member':
      return [keys.spaces, keys.space(sid), keys.caseload]
    default:
      return [keys.space(sid)]
  }
}

export function applyLiveEvent(client: QueryClient, event: LiveEvent): void {
  for (const queryKey of staleKeys(event)) void client.invalidateQueries({ queryKey })
}
