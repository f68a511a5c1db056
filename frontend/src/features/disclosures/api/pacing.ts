import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { components } from '../../../lib/api-types'
import { keys } from '../../../lib/query-keys'
import { refreshDisclosures } from './refresh'

export type Pacing = components['schemas']['PacingOut']
type Release = { disclosure_id: number } | { all: true }

/** GET /spaces/{sid}/pacing: whether new disclosures wait for me, and which are waiting. */
export function getPacing(spaceId: number): Promise<Pacing> {
  return api.get<Pacing>(`/spaces/${spaceId}/pacing`)
}

export function usePacing(spaceId: number, enabled = true) {
  return useQuery({
    queryKey: keys.inSpace(spaceId, 'disclosures', 'pacing'),
    queryFn: () => getPacing(spaceId),
    enabled,
  })
}

/** PUT /spaces/{sid}/pacing: hold new disclosures until I choose to read them, or stop. */
export function useSetPacing(spaceId: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (hold: boolean) => api.put<Pacing>(`/spaces/${spaceId}/pacing`, { hold_disclosures: hold }),
    onSuccess: () => refreshDisclosures(client, spaceId),
  })
}

/** POST /spaces/{sid}/pacing/release: show one held disclosure, or all. Nobody is told. */
export function useReleaseHeld(spaceId: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (release: Release) => api.post<Pacing>(`/spaces/${spaceId}/pacing/release`, release),
    onSuccess: () => refreshDisclosures(client, spaceId),
  })
}
