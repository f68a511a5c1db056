import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { Bucket, Trend } from '../../../lib/types'

export interface TrendRange {
  from: string
  to: string
  bucket: Bucket
}

/** GET /spaces/{sid}/trends/safety: felt safety by day or week, with the 7-day rolling mean and attunement. */
export function getSafetyTrend(spaceId: number, range: TrendRange): Promise<Trend> {
  return api.get<Trend>(`/spaces/${spaceId}/trends/safety`, { query: { ...range } })
}

export function useSafetyTrend(spaceId: number, range: TrendRange) {
  return useQuery({
    queryKey: keys.inSpace(spaceId, 'trends', range),
    queryFn: () => getSafetyTrend(spaceId, range),
    placeholderData: keepPreviousData,
  })
}
