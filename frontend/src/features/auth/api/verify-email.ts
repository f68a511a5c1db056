import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, forgetCsrfToken } from '../../../lib/api-client'
import { resetSession } from '../../../lib/session'
import type { User } from '../../../lib/types'

/** POST /auth/verify: confirms the address and logs in (a new session, so a new CSRF token). */
export async function verifyEmail(token: string): Promise<User> {
  const user = await api.post<User>('/auth/verify', { token })
  forgetCsrfToken()
  return user
}

/** onVerified runs before the new session replaces the old one (see useLogin). */
export function useVerifyEmail(onVerified?: (user: User) => void) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: verifyEmail,
    onSuccess: (user) => {
      onVerified?.(user)
      resetSession(client, user)
    },
  })
}
