import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, forgetCsrfToken } from '../../../lib/api-client'
import { resetSession } from '../../../lib/session'

/** DELETE /account {password}: erase my account and what I wrote. The session ends with it. */
export async function deleteAccount(password: string): Promise<void> {
  await api.delete<void>('/account', { password })
  forgetCsrfToken()
}

/** onDeleted runs before the session is reset (and the account page unmounts). */
export function useDeleteAccount(onDeleted?: () => void) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: deleteAccount,
    onSuccess: () => {
      onDeleted?.()
      resetSession(client, null)
    },
  })
}
