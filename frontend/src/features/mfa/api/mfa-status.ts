import { useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { components } from '../../../lib/api-types'

export type MfaStatus = components['schemas']['MfaStatusOut']
export type Passkey = components['schemas']['PasskeyOut']

export const mfaKey = ['auth', 'mfa'] as const

/** GET /auth/mfa: my second factors, and whether my account must have one. */
export function fetchMfaStatus(): Promise<MfaStatus> {
  return api.get<MfaStatus>('/auth/mfa')
}

export function useMfaStatus() {
  return useQuery({ queryKey: mfaKey, queryFn: fetchMfaStatus })
}

/** Whether the status shows at least one second factor switched on. */
export function hasFactor(status: MfaStatus | undefined): boolean {
  return Boolean(status && (status.totp || status.passkeys.length > 0))
}
