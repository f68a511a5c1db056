import { useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { Instrument } from '../../../lib/types'

/** GET /measures: the questionnaires offered, with their items, options and cut-off. */
export function getInstruments(): Promise<Instrument[]> {
  return api.get<Instrument[]>('/measures')
}

export function useInstruments() {
  return useQuery({ queryKey: ['measures', 'instruments'], queryFn: getInstruments, staleTime: Infinity })
}
