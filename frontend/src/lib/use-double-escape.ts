import { useEffect } from 'react'
import { QUICK_EXIT_WINDOW_MS } from '../config/api'

/** Calls onDouble when Escape is pressed twice within windowMs, wherever focus is. */
export function useDoubleEscape(onDouble: () => void, windowMs: number = QUICK_EXIT_WINDOW_MS): void {
  useEffect(() => {
    let last = -Infinity
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' && event.key !== 'Esc') return
      const now = Date.now()
      if (now - last <= windowMs) {
        last = -Infinity
        onDouble()
      } else {
        last = now
      }
    }
    // Capture phase: a dialog that stops Escape from bubbling can't swallow the exit.
    window.addEventListener('keydown', onKeyDown, true)
    return () => window.removeEventListener('keydown', onKeyDown, true)
  }, [onDouble, windowMs])
}
