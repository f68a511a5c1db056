import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { DisclosureResponse } from '../../../lib/types'
import { refreshDisclosures } from './refresh'

/** POST /spaces/{sid}/disclosures/{id}/responses: a question, an answer, a reaction. */
export function respondToDisclosure(spaceId: number, id: number, body: string): Promise<DisclosureResponse> {
  return api.post<DisclosureResponse>(`/spaces/${spaceId}/disclosures/${id}/responses`, { body })
}

export function useRespondToDisclosure(spaceId: number, id: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: string) => respondToDisclosure(spaceId, id, body),
    onSuccess: () => refreshDisclosures(client, spaceId),
  })
}
