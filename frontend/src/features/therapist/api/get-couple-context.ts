import { useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { CoupleContext } from '../../../lib/types'

/**
 * GET /spaces/{sid}/therapist-context: the days disclosures were logged or amended, how many
 * the hurt partner has not yet taken in, and who stopped sharing what (the last 182 days, the
 * couple page's longest chart span). A null field is one its owner has not shared.
 */
export function getCoupleContext(spaceId: number): Promise<CoupleContext> {
  return api.get<CoupleContext>(`/spaces/${spaceId}/therapist-context`)
}

export function useCoupleContext(spaceId: number) {
  return useQuery({ queryKey: keys.inSpace(spaceId, 'therapist-context'), queryFn: () => getCoupleContext(spaceId) })
}
