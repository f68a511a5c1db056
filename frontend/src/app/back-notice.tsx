import { useEffect, useState } from 'react'
import { LEAVE_WINDOW_MS, installBackGuard } from '../lib/back-guard'

/** Guards the browser's Back button, and says so when the next Back would leave Mend. */
export function BackNotice() {
  const [showing, setShowing] = useState(false)
  useEffect(() => installBackGuard(setShowing), [])
  useEffect(() => {
    if (!showing) return
    const timer = window.setTimeout(() => setShowing(false), LEAVE_WINDOW_MS)
    return () => window.clearTimeout(timer)
  }, [showing])
  return (
    <div className="back-notice" role="status" aria-live="polite">
      {showing ? (
        <p className="notice notice--warm">
          You’re on Mend’s first page. Press Back again to leave Mend, or use Quick exit to leave at once.
        </p>
      ) : null}
    </div>
  )
}
