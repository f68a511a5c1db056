import { useQueries, useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { CommitmentDetail } from '../../../lib/types'

/** GET /spaces/{sid}/commitments/{id}: with all checks (newest first) and the status history. */
export function getCommitment(spaceId: number, id: number): Promise<CommitmentDetail> {
  return api.get<CommitmentDetail>(`/spaces/${spaceId}/commitments/${id}`)
}

function detailQuery(spaceId: number, id: number) {
  return { queryKey: keys.inSpace(spaceId, 'commitments', 'detail', id), queryFn: () => getCommitment(spaceId, id) }
}

export function useCommitment(spaceId: number, id: number) {
  return useQuery(detailQuery(spaceId, id))
}

/** Several commitments' details at once (one request each). */
export function useCommitmentDetails(spaceId: number, ids: number[]) {
  return useQueries({ queries: ids.map((id) => detailQuery(spaceId, id)) })
}
