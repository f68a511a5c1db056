import { useMutation } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'

/** POST /auth/password-reset: the same answer whether or not the address has an account. */
export async function requestPasswordReset(email: string): Promise<void> {
  await api.post<{ status: string }>('/auth/password-reset', { email })
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset })
}
