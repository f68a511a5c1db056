import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { Invite, SpaceRole } from '../../../lib/types'

/** POST /spaces/{sid}/invites: a single-use code for a vacant role, shown only once. */
export function createInvite(spaceId: number, role: SpaceRole): Promise<Invite> {
  return api.post<Invite>(`/spaces/${spaceId}/invites`, { role })
}

export function useCreateInvite(spaceId: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (role: SpaceRole) => createInvite(spaceId, role),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.inSpace(spaceId, 'invites') }),
  })
}
