import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { ConsentCategory } from '../../../lib/types'

export interface ConsentInput {
  viewerId: number
  category: ConsentCategory
  granted: boolean
  expiresAt?: string | null
}

/** PUT /spaces/{sid}/consents/{viewer_id}/{category}: share, or stop sharing, one category with one person. */
export function setConsent(spaceId: number, input: ConsentInput): Promise<unknown> {
  return api.put(`/spaces/${spaceId}/consents/${input.viewerId}/${input.category}`, {
    granted: input.granted,
    expires_at: input.granted ? (input.expiresAt ?? null) : null,
  })
}

export function useSetConsent(spaceId: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: ConsentInput) => setConsent(spaceId, input),
    // What others may see changed: everything in this space may read differently now.
    onSettled: () => client.invalidateQueries({ queryKey: ['spaces', spaceId] }),
  })
}
