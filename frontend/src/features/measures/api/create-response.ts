import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { MeasureResponse } from '../../../lib/types'

/** POST /spaces/{sid}/measures/{instrument}/responses: my answers, scored by the server. */
export function createResponse(spaceId: number, instrument: string, answers: number[]): Promise<MeasureResponse> {
  return api.post<MeasureResponse>(`/spaces/${spaceId}/measures/${instrument}/responses`, { answers })
}

export function useCreateResponse(spaceId: number, instrument: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (answers: number[]) => createResponse(spaceId, instrument, answers),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.inSpace(spaceId, 'measures') }),
  })
}
