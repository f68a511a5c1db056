import { describe, expect, it } from 'vitest'
import { creationOptions, fromBase64url, toBase64url } from './webauthn'

describe('webauthn JSON helpers', () => {
  it('round-trips bytes through base64url without padding', () => {
    const bytes = new Uint8Array([251, 255, 0, 1, 62, 63])
    const text = toBase64url(bytes.buffer)
    expect(text).not.toMatch(/[+/=]/)
    expect(new Uint8Array(fromBase64url(text))).toEqual(bytes)
  })

  it('turns the challenge, user id and excluded ids into bytes', () => {
    const options = creationOptions({
      challenge: 'AQID',
      user: { id: 'BAU', name: 'sam@example.org', displayName: 'Sam' },
      excludeCredentials: [{ id: 'Bgc', type: 'public-key' }],
    }).publicKey as PublicKeyCredentialCreationOptions
    expect(new Uint8Array(options.challenge as ArrayBuffer)).toEqual(new Uint8Array([1, 2, 3]))
    expect(new Uint8Array(options.user.id as ArrayBuffer)).toEqual(new Uint8Array([4, 5]))
    expect(new Uint8Array(options.excludeCredentials![0].id as ArrayBuffer)).toEqual(new Uint8Array([6, 7]))
  })
})
