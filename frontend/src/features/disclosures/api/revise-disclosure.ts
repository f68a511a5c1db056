import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { DisclosureDetail } from '../../../lib/types'
import { refreshDisclosures } from './refresh'

export interface RevisionInput {
  title?: string
  body?: string
  reason: string
}

/** POST /spaces/{sid}/disclosures/{id}/revisions: an open amendment; the earlier words stay visible. */
export function reviseDisclosure(spaceId: number, id: number, input: RevisionInput): Promise<DisclosureDetail> {
  return api.post<DisclosureDetail>(`/spaces/${spaceId}/disclosures/${id}/revisions`, input)
}

export function useReviseDisclosure(spaceId: number, id: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: RevisionInput) => reviseDisclosure(spaceId, id, input),
    onSuccess: () => refreshDisclosures(client, spaceId),
  })
}
