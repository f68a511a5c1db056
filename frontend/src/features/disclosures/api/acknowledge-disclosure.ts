import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { components } from '../../../lib/api-types'
import { refreshDisclosures } from './refresh'

type Acknowledgement = components['schemas']['AcknowledgementOut']

/** POST /spaces/{sid}/disclosures/{id}/acknowledge: the hurt partner's explicit "I have taken this in". */
export function acknowledgeDisclosure(spaceId: number, id: number): Promise<Acknowledgement> {
  return api.post<Acknowledgement>(`/spaces/${spaceId}/disclosures/${id}/acknowledge`)
}

export function useAcknowledgeDisclosure(spaceId: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (id: number) => acknowledgeDisclosure(spaceId, id),
    onSuccess: () => refreshDisclosures(client, spaceId),
  })
}
