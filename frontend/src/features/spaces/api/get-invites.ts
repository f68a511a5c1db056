import { useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { PendingInvite } from '../../../lib/types'

/** GET /spaces/{sid}/invites: invitations still waiting to be used (codes are never shown again). */
export async function getInvites(spaceId: number): Promise<PendingInvite[]> {
  const page = await api.get<{ items: PendingInvite[] }>(`/spaces/${spaceId}/invites`)
  return page.items
}

export function useInvites(spaceId: number) {
  return useQuery({ queryKey: keys.inSpace(spaceId, 'invites'), queryFn: () => getInvites(spaceId) })
}
