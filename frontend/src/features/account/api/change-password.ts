import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, forgetCsrfToken } from '../../../lib/api-client'
import { keys } from '../../../lib/query-keys'
import { connectLive, disconnectLive } from '../../../lib/socket'
import type { User } from '../../../lib/types'

export interface ChangePasswordInput {
  current_password: string
  new_password: string
}

/**
 * POST /auth/password: the server ends every session of the account and starts
 * a new one for this window, so the CSRF token is fetched afresh (as at login).
 */
export async function changePassword(input: ChangePasswordInput): Promise<User> {
  const user = await api.post<User>('/auth/password', input)
  forgetCsrfToken()
  return user
}

/** The same person stays logged in: keep what is loaded, and reopen the live connection the server closed. */
export function useChangePassword() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: changePassword,
    onSuccess: (user) => {
      client.setQueryData(keys.me, user)
      disconnectLive()
      void connectLive(client)
    },
  })
}
