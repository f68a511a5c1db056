import { useInfiniteQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { AwaitingReview, Page } from '../../../lib/types'

/** GET /spaces/{sid}/checks/awaiting-review (hurt partner): reports nobody has reviewed yet, newest first. */
export function getAwaitingReview(spaceId: number, before: number | null, limit: number): Promise<Page<AwaitingReview>> {
  return api.get<Page<AwaitingReview>>(`/spaces/${spaceId}/checks/awaiting-review`, { query: { before, limit } })
}

/** Paged; kept under the commitments key so every commitment write refreshes it. */
export function useAwaitingReview(spaceId: number, limit: number) {
  return useInfiniteQuery({
    queryKey: keys.inSpace(spaceId, 'commitments', 'awaiting-review', limit),
    queryFn: ({ pageParam }) => getAwaitingReview(spaceId, pageParam, limit),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next_before,
  })
}
