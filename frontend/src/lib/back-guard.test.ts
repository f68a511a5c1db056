import { afterEach, describe, expect, it, vi } from 'vitest'
import { installBackGuard, parentPath } from './back-guard'

describe('parentPath', () => {
  it.each([
    ['/record/5', '/record'],
    ['/commitments/3', '/commitments'],
    ['/sharing', '/'],
    ['/', '/'],
    ['/couples/4', '/'],
    ['/couples/4/record/9', '/couples/4'],
  ])('Back from %s goes to %s', (from, to) => {
    expect(parentPath(from)).toBe(to)
  })
})

describe('installBackGuard', () => {
  let stop: (() => void) | null = null
  afterEach(() => {
    stop?.()
    window.history.replaceState(null, '', '/')
  })

  it('turns Back on a deeper page into a step up inside Mend', () => {
    window.history.replaceState(null, '', '/record/5')
    stop = installBackGuard(vi.fn())
    expect(window.history.state).toEqual({ mendGuard: true })
    // Back: the browser pops the guard entry
    window.history.replaceState(null, '', '/record/5')
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }))
    expect(window.location.pathname).toBe('/record')
    expect(window.history.state).toEqual({ mendGuard: true })
  })

  it('on the first page, warns before Back leaves Mend', () => {
    window.history.replaceState(null, '', '/')
    const warn = vi.fn()
    stop = installBackGuard(warn)
    window.history.replaceState(null, '', '/')
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }))
    expect(warn).toHaveBeenCalledWith(true)
    expect(window.location.pathname).toBe('/')
    const back = vi.spyOn(window.history, 'back').mockImplementation(() => undefined)
    window.history.replaceState(null, '', '/')
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }))
    expect(back).toHaveBeenCalled()
    expect(warn).toHaveBeenLastCalledWith(false)
  })
})
