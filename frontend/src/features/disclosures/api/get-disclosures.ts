import { useInfiniteQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { Disclosure, Page } from '../../../lib/types'

/** GET /spaces/{sid}/disclosures: the disclosures I may see, newest first, each as it reads now. */
export function getDisclosures(spaceId: number, before?: number | null, limit = 20): Promise<Page<Disclosure>> {
  return api.get<Page<Disclosure>>(`/spaces/${spaceId}/disclosures`, { query: { before, limit } })
}

export function useDisclosures(spaceId: number, limit = 20) {
  return useInfiniteQuery({
    queryKey: keys.inSpace(spaceId, 'disclosures', 'list', limit),
    queryFn: ({ pageParam }) => getDisclosures(spaceId, pageParam, limit),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next_before,
  })
}
