/**
 * The browser side of passkeys: the server's JSON options (binary values in
 * base64url) turned into what navigator.credentials expects, and the
 * credential it returns turned back into JSON for the server.
 */

type Json = Record<string, unknown>

export function passkeysSupported(): boolean {
  return typeof window !== 'undefined' && 'PublicKeyCredential' in window && Boolean(navigator.credentials)
}

export function fromBase64url(value: string): ArrayBuffer {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(value.length / 4) * 4, '=')
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i)
  return bytes.buffer
}

export function toBase64url(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function withIds(list: unknown): unknown {
  if (!Array.isArray(list)) return list
  return list.map((item: Json) => ({ ...item, id: fromBase64url(item.id as string) }))
}

export function creationOptions(json: Json): CredentialCreationOptions {
  const user = json.user as Json
  return {
    publicKey: {
      ...json,
      challenge: fromBase64url(json.challenge as string),
      user: { ...user, id: fromBase64url(user.id as string) },
      excludeCredentials: withIds(json.excludeCredentials),
    } as unknown as PublicKeyCredentialCreationOptions,
  }
}

export function requestOptions(json: Json): CredentialRequestOptions {
  return {
    publicKey: {
      ...json,
      challenge: fromBase64url(json.challenge as string),
      allowCredentials: withIds(json.allowCredentials),
    } as unknown as PublicKeyCredentialRequestOptions,
  }
}

/** A new credential as the JSON the server reads. */
export function registrationJson(credential: PublicKeyCredential): Json {
  const response = credential.response as AuthenticatorAttestationResponse
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: credential.type,
    response: {
      clientDataJSON: toBase64url(response.clientDataJSON),
      attestationObject: toBase64url(response.attestationObject),
      transports: typeof response.getTransports === 'function' ? response.getTransports() : [],
    },
    clientExtensionResults: credential.getClientExtensionResults(),
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
  }
}

/** An assertion as the JSON the server reads. */
export function assertionJson(credential: PublicKeyCredential): Json {
  const response = credential.response as AuthenticatorAssertionResponse
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: credential.type,
    response: {
      clientDataJSON: toBase64url(response.clientDataJSON),
      authenticatorData: toBase64url(response.authenticatorData),
      signature: toBase64url(response.signature),
      userHandle: response.userHandle ? toBase64url(response.userHandle) : undefined,
    },
    clientExtensionResults: credential.getClientExtensionResults(),
  }
}

/** What to tell a person when the browser's passkey dialog did not finish. */
export function passkeyErrorMessage(error: unknown): string | null {
  if (error instanceof DOMException) {
    if (error.name === 'NotAllowedError' || error.name === 'AbortError') {
      return 'The passkey request was cancelled or timed out. You can try again whenever you are ready.'
    }
    if (error.name === 'InvalidStateError') return 'This device already holds a passkey for your account.'
    return 'Your browser could not use a passkey just now. Please try again.'
  }
  return null
}
