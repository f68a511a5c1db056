import { useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { Measures } from '../../../lib/types'

/** GET /spaces/{sid}/measures: the series I may see, and what is due for me. */
export function getMeasures(spaceId: number): Promise<Measures> {
  return api.get<Measures>(`/spaces/${spaceId}/measures`)
}

export function useMeasures(spaceId: number) {
  return useQuery({ queryKey: keys.inSpace(spaceId, 'measures'), queryFn: () => getMeasures(spaceId) })
}
