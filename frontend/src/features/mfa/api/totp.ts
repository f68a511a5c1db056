import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { components } from '../../../lib/api-types'
import { mfaKey } from './mfa-status'

type S = components['schemas']
export type TotpSetup = S['TotpSetupOut']
export type RecoveryCodes = S['RecoveryCodesOut']

/** POST /auth/mfa/totp: a new secret (not active until confirmed). */
export function useStartTotp() {
  return useMutation({
    mutationFn: (password: string) => api.post<TotpSetup>('/auth/mfa/totp', { password }),
  })
}

/** POST /auth/mfa/totp/confirm: TOTP on, ten recovery codes back (shown once). */
export function useConfirmTotp() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (code: string) => api.post<RecoveryCodes>('/auth/mfa/totp/confirm', { code }),
    onSuccess: () => client.invalidateQueries({ queryKey: mfaKey }),
  })
}

/** DELETE /auth/mfa/totp: TOTP off (password asked again). */
export function useDisableTotp() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (password: string) => api.delete<void>('/auth/mfa/totp', { password }),
    onSuccess: () => client.invalidateQueries({ queryKey: mfaKey }),
  })
}

/** POST /auth/mfa/recovery-codes: ten new codes, the old ones retired. */
export function useRegenerateRecoveryCodes() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (password: string) => api.post<RecoveryCodes>('/auth/mfa/recovery-codes', { password }),
    onSuccess: () => client.invalidateQueries({ queryKey: mfaKey }),
  })
}
