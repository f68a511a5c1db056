import { api, forgetCsrfToken } from '../../../lib/api-client'
import type { User } from '../../../lib/types'
import { passkeyAssertion } from './passkeys'

export type SecondStep = { code: string } | { recovery_code: string } | { passkey: true }

/** POST /auth/mfa/verify: the second login step; the server then starts the session. */
export async function verifySecondStep(step: SecondStep): Promise<User> {
  const body = 'passkey' in step ? { passkey: await passkeyAssertion() } : step
  const user = await api.post<User>('/auth/mfa/verify', body)
  forgetCsrfToken()
  return user
}
