import type { QueryClient } from '@tanstack/react-query'
import { keys } from '../../../lib/query-keys'

/** After any write to a commitment: lists, details and the record's verification. */
export function refreshCommitments(client: QueryClient, spaceId: number): void {
  void client.invalidateQueries({ queryKey: keys.inSpace(spaceId, 'commitments') })
  void client.invalidateQueries({ queryKey: keys.inSpace(spaceId, 'record') })
}
