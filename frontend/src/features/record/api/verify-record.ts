import { useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { Verification } from '../../../lib/types'

/** GET /spaces/{sid}/record/verify: recompute the hash chain of the space's history. */
export function verifyRecord(spaceId: number): Promise<Verification> {
  return api.get<Verification>(`/spaces/${spaceId}/record/verify`)
}

export function useVerifyRecord(spaceId: number) {
  return useQuery({ queryKey: keys.inSpace(spaceId, 'record', 'verify'), queryFn: () => verifyRecord(spaceId) })
}
