import { useInfiniteQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { AccessLogEntry, Page } from '../../../lib/types'

/** GET /spaces/{sid}/access-log: who has read which of my data, and when. */
export function getAccessLog(spaceId: number, before?: number | null): Promise<Page<AccessLogEntry>> {
  return api.get<Page<AccessLogEntry>>(`/spaces/${spaceId}/access-log`, { query: { before, limit: 200 } })
}

export function useAccessLog(spaceId: number) {
  return useInfiniteQuery({
    queryKey: keys.inSpace(spaceId, 'access-log'),
    queryFn: ({ pageParam }) => getAccessLog(spaceId, pageParam),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next_before,
  })
}
