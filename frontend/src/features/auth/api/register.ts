import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, forgetCsrfToken } from '../../../lib/api-client'
import { resetSession } from '../../../lib/session'
import type { AccountType, User } from '../../../lib/types'

export interface RegisterInput {
  email: string
  password: string
  display_name: string
  account_type: AccountType
  timezone: string
}

/** POST /auth/register: creates the account and logs in (a new session, so a new CSRF token). */
export async function register(input: RegisterInput): Promise<User> {
  const user = await api.post<User>('/auth/register', input)
  forgetCsrfToken()
  return user
}

/**
 * onRegistered runs before the new session replaces the old one (and the
 * logged-out pages unmount), so it can choose where the new account lands.
 */
export function useRegister(onRegistered?: (user: User) => void) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: register,
    onSuccess: (user) => {
      onRegistered?.(user)
      resetSession(client, user)
    },
  })
}
