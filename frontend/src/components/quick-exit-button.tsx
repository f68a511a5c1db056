import { quickExit } from '../lib/quick-exit'

/** Always visible: leaves Mend at once for a neutral page. Escape twice does the same. */
export function QuickExitButton() {
  return (
    <button type="button" className="quick-exit" onClick={quickExit} aria-describedby="quick-exit-hint">
      Quick exit
      <span id="quick-exit-hint" className="visually-hidden">
        Leaves Mend at once for a weather page. You can also press Escape twice.
      </span>
    </button>
  )
}
