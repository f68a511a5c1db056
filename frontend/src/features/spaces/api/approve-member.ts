import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { Space } from '../../../lib/types'

/** POST /spaces/{sid}/members/{user_id}/approve: approve a therapist your partner invited. */
export function approveMember(spaceId: number, userId: number): Promise<Space> {
  return api.post<Space>(`/spaces/${spaceId}/members/${userId}/approve`)
}

export function useApproveMember(spaceId: number) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (userId: number) => approveMember(spaceId, userId),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.spaces }),
  })
}
