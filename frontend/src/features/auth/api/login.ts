import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, forgetCsrfToken } from '../../../lib/api-client'
import { resetSession } from '../../../lib/session'
import type { User } from '../../../lib/types'

export interface LoginInput {
  email: string
  password: string
}

/** With a second factor on, the password step answers this and nobody is logged in yet. */
export interface SecondStepNeeded {
  mfa_required: true
  methods: ('totp' | 'passkey' | 'recovery_code')[]
}

export function needsSecondStep(answer: User | SecondStepNeeded): answer is SecondStepNeeded {
  return 'mfa_required' in answer && answer.mfa_required === true
}

/** POST /auth/login: the server starts a new session, so the CSRF token is fetched afresh. */
export async function login(input: LoginInput): Promise<User | SecondStepNeeded> {
  const answer = await api.post<User | SecondStepNeeded>('/auth/login', input)
  if (!needsSecondStep(answer)) forgetCsrfToken()
  return answer
}

/** onLoggedIn runs before the new session replaces the old one (see useRegister);
 * onSecondStep when the account asks for its second factor first. */
export function useLogin(onLoggedIn?: (user: User) => void, onSecondStep?: (step: SecondStepNeeded) => void) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: login,
    onSuccess: (answer) => {
      if (needsSecondStep(answer)) {
        onSecondStep?.(answer)
        return
      }
      onLoggedIn?.(answer)
      resetSession(client, answer)
    },
  })
}
