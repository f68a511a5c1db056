import { useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { Commitment, Page } from '../../../lib/types'

/** GET /spaces/{sid}/commitments: those I may see, newest first, each with reliability and streak. */
export function getCommitments(spaceId: number): Promise<Page<Commitment>> {
  return api.get<Page<Commitment>>(`/spaces/${spaceId}/commitments`, { query: { limit: 200 } })
}

export function useCommitments(spaceId: number) {
  return useQuery({ queryKey: keys.inSpace(spaceId, 'commitments', 'list'), queryFn: () => getCommitments(spaceId) })
}
