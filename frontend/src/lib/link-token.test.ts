import { describe, expect, it } from 'vitest'
import { takeLinkToken } from './link-token'

describe('takeLinkToken', () => {
  it('reads the token from the fragment and removes it from the address bar', () => {
    window.history.replaceState(null, '', '/verify#token=abc-123_x')
    expect(takeLinkToken()).toBe('abc-123_x')
    expect(window.location.hash).toBe('')
    expect(window.location.pathname).toBe('/verify')
  })

  it('is null without a token', () => {
    window.history.replaceState(null, '', '/verify')
    expect(takeLinkToken()).toBeNull()
    window.history.replaceState(null, '', '/verify#other=1')
    expect(takeLinkToken()).toBeNull()
  })
})
