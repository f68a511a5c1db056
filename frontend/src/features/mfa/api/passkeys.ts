import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, forgetCsrfToken } from '../../../lib/api-client'
import type { components } from '../../../lib/api-types'
import type { User } from '../../../lib/types'
import { assertionJson, creationOptions, registrationJson, requestOptions } from '../lib/webauthn'
import { mfaKey } from './mfa-status'

type S = components['schemas']
export type PasskeyCreated = S['PasskeyCreatedOut']
type Options = { publicKey: Record<string, unknown> }

/** Password again, then the browser makes a passkey, then POST /auth/mfa/passkeys saves it. */
export async function addPasskey({ password, name }: { password: string; name: string }): Promise<PasskeyCreated> {
  const options = await api.post<Options>('/auth/mfa/passkeys/registration-options', { password })
  const credential = (await navigator.credentials.create(creationOptions(options.publicKey))) as PublicKeyCredential
  return api.post<PasskeyCreated>('/auth/mfa/passkeys', { name, credential: registrationJson(credential) })
}

export function useAddPasskey() {
  const client = useQueryClient()
  return useMutation({ mutationFn: addPasskey, onSuccess: () => client.invalidateQueries({ queryKey: mfaKey }) })
}

/** DELETE /auth/mfa/passkeys/{id} (password asked again). */
export function useRemovePasskey() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ id, password }: { id: number; password: string }) =>
      api.delete<void>(`/auth/mfa/passkeys/${id}`, { password }),
    onSuccess: () => client.invalidateQueries({ queryKey: mfaKey }),
  })
}

/** Ask the browser for a passkey's answer to a fresh sign-in challenge. */
export async function passkeyAssertion(): Promise<Record<string, unknown>> {
  const options = await api.post<Options>('/auth/mfa/passkeys/authentication-options')
  const credential = (await navigator.credentials.get(requestOptions(options.publicKey))) as PublicKeyCredential
  return assertionJson(credential)
}

/** Sign in with a passkey alone: POST /auth/mfa/passkeys/login. */
export async function passkeyLogin(): Promise<User> {
  const credential = await passkeyAssertion()
  const user = await api.post<User>('/auth/mfa/passkeys/login', { credential })
  forgetCsrfToken()
  return user
}
