import { useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { Consents } from '../../../lib/types'

/** GET /spaces/{sid}/consents: what I share with whom, what others share with me, and every change. */
export function getConsents(spaceId: number): Promise<Consents> {
  return api.get<Consents>(`/spaces/${spaceId}/consents`)
}

export function useConsents(spaceId: number) {
  return useQuery({ queryKey: keys.inSpace(spaceId, 'consents'), queryFn: () => getConsents(spaceId) })
}
