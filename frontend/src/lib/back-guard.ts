/**
 * The browser's Back button inside Mend. Mend keeps one entry of its own plus
 * a guard entry on top; Back lands on the first, and instead of silently
 * leaving Mend it goes up to the page above this one (a disclosure to the
 * record, a page to home). On the home page, Back says once that pressing it
 * again leaves Mend, and a second Back within a few seconds does.
 */
const GUARD = { mendGuard: true }
export const LEAVE_WINDOW_MS = 5000

/** The page "above" a path: /record/5 -> /record, /couples/3 -> /, /sharing -> /. */
export function parentPath(pathname: string): string {
  const parts = pathname.split('/').filter(Boolean)
  if (parts.length <= 1) return '/'
  const parent = parts.slice(0, -1)
  // /couples/3/record/5 -> /couples/3 (the couple page shows the record)
  if (parent.length >= 3 && parent[0] === 'couples') return `/couples/${parent[1]}`
  if (parent.length === 1 && parent[0] === 'couples') return '/'
  return `/${parent.join('/')}`
}

/** Start guarding; `onLeaveWarning(true)` asks the app to say "Back again leaves Mend". */
export function installBackGuard(onLeaveWarning: (showing: boolean) => void): () => void {
  const isGuarded = () => (window.history.state as { mendGuard?: boolean } | null)?.mendGuard === true
  if (!isGuarded()) window.history.pushState(GUARD, '', window.location.href)
  // The page the person is on (the entry under the guard keeps the address Mend opened at).
  let current = window.location.pathname
  let warnedAt = -Infinity
  let leaving = false

  const remember = () => {
    if (isGuarded()) current = window.location.pathname
  }
  const onPopState = () => {
    if (leaving) return
    if (isGuarded()) return remember()
    if (current !== '/') {
      window.history.pushState(GUARD, '', parentPath(current))
      return
    }
    if (Date.now() - warnedAt <= LEAVE_WINDOW_MS) {
      leaving = true
      onLeaveWarning(false)
      window.history.back()
      return
    }
    warnedAt = Date.now()
    window.history.pushState(GUARD, '', '/')
    onLeaveWarning(true)
  }
  // wouter announces its own pushState/replaceState calls with events of those names.
  window.addEventListener('replaceState', remember)
  window.addEventListener('pushState', remember)
  window.addEventListener('popstate', onPopState)
  return () => {
    window.removeEventListener('replaceState', remember)
    window.removeEventListener('pushState', remember)
    window.removeEventListener('popstate', onPopState)
  }
}
