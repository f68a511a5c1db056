import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import type { User } from '../../../lib/types'

/** POST /auth/email/confirm: the account moves to the confirmed address. */
export async function confirmEmail(token: string): Promise<User> {
  return api.post<User>('/auth/email/confirm', { token })
}

/** Updates who is logged in when it is the same account (it may be another browser's). */
export function useConfirmEmail() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: confirmEmail,
    onSuccess: (user) => {
      const me = client.getQueryData<User | null>(keys.me)
      if (me && me.id === user.id) client.setQueryData(keys.me, user)
    },
  })
}
