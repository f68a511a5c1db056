import { useMutation } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'

export interface ChangeEmailInput {
  password: string
  new_email: string
}

/** POST /auth/email: a link goes to the new address; nothing moves until it is opened. */
export async function changeEmail(input: ChangeEmailInput): Promise<void> {
  await api.post<{ status: string }>('/auth/email', input)
}

export function useChangeEmail() {
  return useMutation({ mutationFn: changeEmail })
}
