import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { Consents } from '../../../lib/types'

/** POST /spaces/{sid}/consents/stop-all: revoke every grant I made in the space, in one step. */
export function stopAllSharing(spaceId: number): Promise<Consents> {
  return api.post<Consents>(`/spaces/${spaceId}/consents/stop-all`)
}

export function useStopAllSharing(spaceId: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => stopAllSharing(spaceId),
    onSettled: () => client.invalidateQueries({ queryKey: ['spaces', spaceId] }),
  })
}
