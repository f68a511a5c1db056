import { useMutation } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { AccountType } from '../../../lib/types'

export interface RegisterInput {
  email: string
  password: string
  display_name: string
  account_type: AccountType
  timezone: string
}

/**
 * POST /auth/register: always 202, whether or not the address already has an account
 * (so nobody can use this form to find out). Nobody is logged in: the mailed link does that.
 */
export async function register(input: RegisterInput): Promise<void> {
  await api.post<{ status: string }>('/auth/register', input)
}

export function useRegister(onRegistered?: (email: string) => void) {
  return useMutation({
    mutationFn: register,
    onSuccess: (_answer, input) => onRegistered?.(input.email),
  })
}
