/**
 * Quick exit: replace Mend at once with a neutral page on another site. The
 * current history entry is replaced (the app keeps one, see lib/router.ts),
 * the page is blanked before leaving so no snapshot of it is kept, the
 * in-memory cache is dropped, and the session is ended on the server.
 *
 * The logout needs no CSRF token (the server checks the request's origin
 * instead), so it works in every state, even before the page fetched one.
 * A mark in this tab's sessionStorage makes any Mend page reached again with
 * Back or Forward leave at once, before it shows anything; opening Mend on
 * purpose (typing its address, reloading) clears the mark.
 */
import { quickExitUrl } from '../config/api'
import { apiUrl, cachedCsrfToken } from './api-client'

type Cleanup = () => void

const LEFT_MARK = 'mend:left'
const cleanups = new Set<Cleanup>()
let exited = false

/** Register something to wipe on quick exit (e.g. the query cache). */
export function onQuickExit(cleanup: Cleanup): () => void {
  cleanups.add(cleanup)
  return () => cleanups.delete(cleanup)
}

/** For tests. */
export function hasExited(): boolean {
  return exited
}

export function resetQuickExitForTests(): void {
  exited = false
  cleanups.clear()
  forgetMark()
}

export function quickExit(): void {
  exited = true
  setMark()
  endSessionInBackground()
  for (const cleanup of cleanups) {
    try {
      cleanup()
    } catch {
      // leaving matters more than tidying up
    }
  }
  document.title = 'Weather'
  const root = document.getElementById('root')
  if (root) root.replaceChildren()
  window.location.replace(quickExitUrl())
}

function endSessionInBackground(): void {
  const token = cachedCsrfToken()
  try {
    void fetch(apiUrl('/auth/logout'), {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: true,
      headers: token ? { 'X-CSRFToken': token } : {},
    }).catch(() => undefined)
  } catch {
    // fetch may be missing or refuse keepalive; the page still leaves
  }
}

/**
 * At start-up, before anything renders: true (and already leaving) when this
 * page was reached with Back or Forward after a quick exit in this tab.
 */
export function leaveIfReturningAfterExit(): boolean {
  if (!hasMark()) return false
  if (navigationType() !== 'back_forward') {
    forgetMark() // opened on purpose: welcome back
    return false
  }
  window.location.replace(quickExitUrl())
  return true
}

/** If the browser restores a Mend page from its back/forward cache after an exit, leave again. */
export function guardBackForwardCache(): () => void {
  const onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted && (exited || hasMark())) {
      const root = document.getElementById('root')
      if (root) root.replaceChildren()
      window.location.replace(quickExitUrl())
    }
  }
  window.addEventListener('pageshow', onPageShow)
  return () => window.removeEventListener('pageshow', onPageShow)
}

function navigationType(): string {
  const entry = performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined
  return entry?.type ?? 'navigate'
}

function setMark(): void {
  try {
    window.sessionStorage.setItem(LEFT_MARK, '1')
  } catch {
    // storage switched off: the server-side logout still protects the account
  }
}

function hasMark(): boolean {
  try {
    return window.sessionStorage.getItem(LEFT_MARK) === '1'
  } catch {
    return false
  }
}

function forgetMark(): void {
  try {
    window.sessionStorage.removeItem(LEFT_MARK)
  } catch {
    // nothing to forget
  }
}
