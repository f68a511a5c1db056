import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, forgetCsrfToken } from '../../../lib/api-client'
import { resetSession } from '../../../lib/session'
import { disconnectLive } from '../../../lib/socket'

export interface ResetPasswordInput {
  token: string
  new_password: string
}

/** POST /auth/password-reset/confirm: every session of the account ends, this one included. */
export async function resetPassword(input: ResetPasswordInput): Promise<void> {
  await api.post<void>('/auth/password-reset/confirm', input)
  forgetCsrfToken()
}

export function useResetPassword(onReset?: () => void) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: resetPassword,
    onSuccess: () => {
      onReset?.()
      disconnectLive()
      resetSession(client, null)
    },
  })
}
