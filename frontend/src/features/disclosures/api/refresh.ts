import type { QueryClient } from '@tanstack/react-query'
import { keys } from '../../../lib/query-keys'

/** After any write to a disclosure: its lists, its detail and the record's verification. */
export function refreshDisclosures(client: QueryClient, spaceId: number): void {
  void client.invalidateQueries({ queryKey: keys.inSpace(spaceId, 'disclosures') })
  void client.invalidateQueries({ queryKey: keys.inSpace(spaceId, 'record') })
}
