import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { Checkin, Page } from '../../../lib/types'

export interface CheckinFilter {
  from?: string
  to?: string
  author_id?: number
  limit?: number
  before?: number
}

/** GET /spaces/{sid}/checkins: the check-ins I may see, newest first. */
export function getCheckins(spaceId: number, filter: CheckinFilter = {}): Promise<Page<Checkin>> {
  return api.get<Page<Checkin>>(`/spaces/${spaceId}/checkins`, { query: { ...filter } })
}

export function useCheckins(spaceId: number, filter: CheckinFilter = {}, enabled = true) {
  return useQuery({
    queryKey: keys.inSpace(spaceId, 'checkins', filter),
    queryFn: () => getCheckins(spaceId, filter),
    placeholderData: keepPreviousData,
    enabled,
  })
}
