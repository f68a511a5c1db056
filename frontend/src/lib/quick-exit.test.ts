import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mockFetch } from '../test/fetch-mock'
import { api, forgetCsrfToken } from './api-client'
import { hasExited, onQuickExit, quickExit, resetQuickExitForTests } from './quick-exit'

describe('quickExit', () => {
  let replace: ReturnType<typeof vi.fn>

  beforeEach(() => {
    resetQuickExitForTests()
    forgetCsrfToken()
    replace = vi.fn()
    vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, replace } as unknown as Location)
    document.body.innerHTML = '<div id="root"><p>A disclosure</p></div>'
  })

  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('replaces the page with the neutral one (no new history entry)', () => {
    mockFetch({})
    quickExit()
    expect(replace).toHaveBeenCalledWith('/weather.html')
    expect(hasExited()).toBe(true)
  })

  it('blanks the app and the title before leaving, and wipes what is in memory', () => {
    mockFetch({})
    const wipe = vi.fn()
    onQuickExit(wipe)
    quickExit()
    expect(document.getElementById('root')?.innerHTML).toBe('')
    expect(document.title).toBe('Weather')
    expect(wipe).toHaveBeenCalled()
  })

  it('logs out in the background with keepalive and the cached CSRF token', async () => {
    const mock = mockFetch({ 'POST /x': { body: {} }, 'POST /auth/logout': { status: 204 } })
    await api.post('/x')
    quickExit()
    const logout = mock.calls.find((c) => c.path === '/auth/logout')
    expect(logout?.init.keepalive).toBe(true)
    expect(logout?.headers['X-CSRFToken']).toBe('token-1')
  })

  it('still leaves if the cleanup or the network fails', () => {
    vi.stubGlobal('fetch', () => {
      throw new Error('offline')
    })
    onQuickExit(() => {
      throw new Error('boom')
    })
    quickExit()
    expect(replace).toHaveBeenCalledWith('/weather.html')
  })
})
