import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { components } from '../../../lib/api-types'
import { refreshDisclosures } from './refresh'

type Acknowledgement = components['schemas']['AcknowledgementOut']

/**
 * POST /spaces/{sid}/disclosures/{id}/acknowledge: the hurt partner's explicit "I have taken this in"
 * of the revision they read (an amendment since then answers 409, so unread words are never taken in).
 */
export function acknowledgeDisclosure(spaceId: number, id: number, revision: number): Promise<Acknowledgement> {
  return api.post<Acknowledgement>(`/spaces/${spaceId}/disclosures/${id}/acknowledge`, { revision })
}

export function useAcknowledgeDisclosure(spaceId: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ id, revision }: { id: number; revision: number }) => acknowledgeDisclosure(spaceId, id, revision),
    onSettled: () => refreshDisclosures(client, spaceId),
  })
}
