import { useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { Caseload } from '../../../lib/types'
import { keys } from '../../../lib/query-keys'

/** GET /therapist/caseload: my couples with consented figures and alerts, most in need first. */
export function getCaseload(): Promise<Caseload> {
  return api.get<Caseload>('/therapist/caseload')
}

export function useCaseload() {
  return useQuery({ queryKey: keys.caseload, queryFn: getCaseload })
}
