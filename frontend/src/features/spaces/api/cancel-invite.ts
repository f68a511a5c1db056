import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'

/** DELETE /spaces/{sid}/invites/{id}: withdraw an invitation; its code stops working at once. */
export function cancelInvite(spaceId: number, inviteId: number): Promise<void> {
  return api.delete<void>(`/spaces/${spaceId}/invites/${inviteId}`)
}

export function useCancelInvite(spaceId: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (inviteId: number) => cancelInvite(spaceId, inviteId),
    onSettled: () => client.invalidateQueries({ queryKey: keys.inSpace(spaceId, 'invites') }),
  })
}
