import { renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useDoubleEscape } from './use-double-escape'

function press(key: string) {
  window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }))
}

describe('useDoubleEscape', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('fires when Escape is pressed twice within a second', () => {
    const onDouble = vi.fn()
    renderHook(() => useDoubleEscape(onDouble))
    press('Escape')
    vi.advanceTimersByTime(400)
    press('Escape')
    expect(onDouble).toHaveBeenCalledTimes(1)
  })

  it('does not fire for a single Escape, or two far apart', () => {
    const onDouble = vi.fn()
    renderHook(() => useDoubleEscape(onDouble))
    press('Escape')
    vi.advanceTimersByTime(1500)
    press('Escape')
    expect(onDouble).not.toHaveBeenCalled()
  })

  it('ignores other keys', () => {
    const onDouble = vi.fn()
    renderHook(() => useDoubleEscape(onDouble))
    press('Enter')
    press('Enter')
    expect(onDouble).not.toHaveBeenCalled()
  })

  it('needs a fresh pair after firing (a third press alone does nothing)', () => {
    const onDouble = vi.fn()
    renderHook(() => useDoubleEscape(onDouble))
    press('Escape')
    press('Escape')
    press('Escape')
    expect(onDouble).toHaveBeenCalledTimes(1)
  })

  it('still fires when a dialog stops Escape from bubbling', () => {
    const onDouble = vi.fn()
    renderHook(() => useDoubleEscape(onDouble))
    const input = document.createElement('input')
    input.addEventListener('keydown', (e) => e.stopPropagation())
    document.body.append(input)
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    expect(onDouble).toHaveBeenCalledTimes(1)
    input.remove()
  })

  it('stops listening when unmounted', () => {
    const onDouble = vi.fn()
    const { unmount } = renderHook(() => useDoubleEscape(onDouble))
    unmount()
    press('Escape')
    press('Escape')
    expect(onDouble).not.toHaveBeenCalled()
  })
})
