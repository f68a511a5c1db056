import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { Membership } from '../../../lib/types'

/** POST /invites/accept: join a space with a code. */
export function acceptInvite(code: string): Promise<Membership> {
  return api.post<Membership>('/invites/accept', { code })
}

export function useAcceptInvite() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: acceptInvite,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.spaces })
      void client.invalidateQueries({ queryKey: keys.caseload })
    },
  })
}
