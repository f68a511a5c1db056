/**
 * What a live event means for the data on screen: which queries to refresh.
 * Events carry the record as the API would show it to this user, but the app
 * simply refetches: one source of truth (GET), and consent is applied by the
 * server on every read, so a revoked grant makes data disappear at once.
 */
import type { QueryClient } from '@tanstack/react-query'
import type { components } from './api-types'
import { keys } from './query-keys'

type Schemas = components['schemas']

/** What each event carries: the record as the REST API shows it to this user. */
export interface LiveEventData {
  'disclosure.created': Schemas['DisclosureDetailOut']
  'disclosure.revised': Schemas['DisclosureDetailOut']
  'disclosure.responded': Schemas['ResponseOut']
  'disclosure.acknowledged': Schemas['AcknowledgementOut']
  'commitment.created': Schemas['CommitmentOut']
  'commitment.updated': Schemas['CommitmentDetailOut']
  'commitment.checked': Schemas['CheckOut']
  'commitment.reviewed': Schemas['ReviewOut']
  'checkin.created': Schemas['CheckinOut']
  /** Ids only: the answers are refetched through the consent-checked GET. */
  'measure.responded': { id: number; owner_id: number }
  'consent.changed': Schemas['ConsentsOut']
  'member.joined': Schemas['SpaceOut']
  'member.left': Schemas['SpaceOut']
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
