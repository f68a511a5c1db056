import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mockFetch } from '../test/fetch-mock'
import { api, forgetCsrfToken } from './api-client'
import { DEFAULT_QUICK_EXIT_URL } from '../config/api'
import { guardBackForwardCache, hasExited, leaveIfReturningAfterExit, onQuickExit, quickExit, resetQuickExitForTests } from './quick-exit'

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
    document.head.querySelector('meta[name="mend-quick-exit"]')?.remove()
    vi.restoreAllMocks()
  })

  function navigationWas(type: string) {
    vi.spyOn(performance, 'getEntriesByType').mockReturnValue([{ type } as unknown as PerformanceEntry])
  }

  it('replaces the page with a neutral one on another site (no new history entry)', () => {
    mockFetch({})
    quickExit()
    expect(replace).toHaveBeenCalledWith(DEFAULT_QUICK_EXIT_URL)
    expect(DEFAULT_QUICK_EXIT_URL).toMatch(/^https:\/\//)
    expect(hasExited()).toBe(true)
  })

  it('goes where the server says in index.html', () => {
    mockFetch({})
    document.head.insertAdjacentHTML('beforeend', '<meta name="mend-quick-exit" content="https://news.example/" />')
    quickExit()
    expect(replace).toHaveBeenCalledWith('https://news.example/')
  })

  it('logs out even when no CSRF token was ever fetched (nothing saved since login)', () => {
    const mock = mockFetch({ 'POST /auth/logout': { status: 204 } })
    quickExit()
    const logout = mock.calls.find((c) => c.path === '/auth/logout')
    expect(logout?.method).toBe('POST')
    expect(logout?.init.keepalive).toBe(true)
    expect(logout?.init.credentials).toBe('same-origin')
  })

  it('leaves again at once when Back brings a Mend page back after an exit', () => {
    mockFetch({})
    quickExit()
    replace.mockClear()
    navigationWas('back_forward')
    expect(leaveIfReturningAfterExit()).toBe(true)
    expect(replace).toHaveBeenCalledWith(DEFAULT_QUICK_EXIT_URL)
  })

  it('opens normally when the person comes back on purpose, and forgets the exit', () => {
    mockFetch({})
    quickExit()
    replace.mockClear()
    navigationWas('navigate')
    expect(leaveIfReturningAfterExit()).toBe(false)
    navigationWas('back_forward')
    expect(leaveIfReturningAfterExit()).toBe(false)
    expect(replace).not.toHaveBeenCalled()
  })

  it('leaves a page restored from the back/forward cache after an exit in this tab', () => {
    mockFetch({})
    quickExit()
    replace.mockClear()
    const stop = guardBackForwardCache()
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }))
    stop()
    expect(replace).toHaveBeenCalledWith(DEFAULT_QUICK_EXIT_URL)
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
    expect(replace).toHaveBeenCalledWith(DEFAULT_QUICK_EXIT_URL)
  })
})
