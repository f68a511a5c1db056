import { useInfiniteQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { Page, TherapistNote } from '../../../lib/types'

/** GET /spaces/{sid}/therapist-notes: my private notes on this couple. */
export function getTherapistNotes(spaceId: number, before?: number | null): Promise<Page<TherapistNote>> {
  return api.get<Page<TherapistNote>>(`/spaces/${spaceId}/therapist-notes`, { query: { before, limit: 20 } })
}

export function useTherapistNotes(spaceId: number) {
  return useInfiniteQuery({
    queryKey: keys.inSpace(spaceId, 'therapist-notes'),
    queryFn: ({ pageParam }) => getTherapistNotes(spaceId, pageParam),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next_before,
  })
}
