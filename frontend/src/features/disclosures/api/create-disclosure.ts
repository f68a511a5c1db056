import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { Disclosure, DisclosureCategory } from '../../../lib/types'
import { refreshDisclosures } from './refresh'

export interface DisclosureInput {
  title: string
  body: string
  category: DisclosureCategory
  occurred_on?: string | null
}

/** POST /spaces/{sid}/disclosures (repairing partner). */
export function createDisclosure(spaceId: number, input: DisclosureInput): Promise<Disclosure> {
  return api.post<Disclosure>(`/spaces/${spaceId}/disclosures`, input)
}

export function useCreateDisclosure(spaceId: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: DisclosureInput) => createDisclosure(spaceId, input),
    onSuccess: () => refreshDisclosures(client, spaceId),
  })
}
