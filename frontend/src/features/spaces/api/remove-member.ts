import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'

/** DELETE /spaces/{sid}/members/{user_id}: remove a therapist; what you shared with them ends. */
export function removeMember(spaceId: number, userId: number): Promise<void> {
  return api.delete<void>(`/spaces/${spaceId}/members/${userId}`)
}

export function useRemoveMember(spaceId: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (userId: number) => removeMember(spaceId, userId),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.spaces })
      void client.invalidateQueries({ queryKey: keys.space(spaceId) })
    },
  })
}
