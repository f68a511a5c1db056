import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, forgetCsrfToken } from '../../../lib/api-client'
import { resetSession } from '../../../lib/session'
import type { User } from '../../../lib/types'

export interface LoginInput {
  email: string
  password: string
}

/** POST /auth/login: the server starts a new session, so the CSRF token is fetched afresh. */
export async function login(input: LoginInput): Promise<User> {
  const user = await api.post<User>('/auth/login', input)
  forgetCsrfToken()
  return user
}

/** onLoggedIn runs before the new session replaces the old one (see useRegister). */
export function useLogin(onLoggedIn?: (user: User) => void) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: login,
    onSuccess: (user) => {
      onLoggedIn?.(user)
      resetSession(client, user)
    },
  })
}
