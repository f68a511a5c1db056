import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'

/** POST /spaces/{sid}/leave: leave, on your own, at any time. */
export function leaveSpace(spaceId: number): Promise<void> {
  return api.post<void>(`/spaces/${spaceId}/leave`)
}

/** onLeft runs before the space's data is dropped (and its pages unmount). */
export function useLeaveSpace(spaceId: number, onLeft?: () => void) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => leaveSpace(spaceId),
    onSuccess: () => {
      onLeft?.()
      client.removeQueries({ queryKey: keys.space(spaceId) })
      void client.invalidateQueries({ queryKey: keys.spaces })
    },
  })
}
