import { useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { DisclosureDetail } from '../../../lib/types'

/** GET /spaces/{sid}/disclosures/{id}: with every revision (oldest first) and its thread. */
export function getDisclosure(spaceId: number, id: number): Promise<DisclosureDetail> {
  return api.get<DisclosureDetail>(`/spaces/${spaceId}/disclosures/${id}`)
}

export function useDisclosure(spaceId: number, id: number) {
  return useQuery({
    queryKey: keys.inSpace(spaceId, 'disclosures', 'detail', id),
    queryFn: () => getDisclosure(spaceId, id),
  })
}
