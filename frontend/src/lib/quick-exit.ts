/**
 * Quick exit: replace Mend at once with a neutral page. The current history
 * entry is replaced (the app only ever keeps one, see lib/router.ts), the page
 * is blanked before leaving so no snapshot of it is kept, the in-memory cache
 * is dropped, and the session is ended on the server in the background.
 */
import { QUICK_EXIT_URL } from '../config/api'
import { apiUrl, cachedCsrfToken } from './api-client'

type Cleanup = () => void

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
}

export function quickExit(): void {
  exited = true
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
  window.location.replace(QUICK_EXIT_URL)
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

/** If the browser restores this page from its back/forward cache after an exit, leave again. */
export function guardBackForwardCache(): () => void {
  const onPageShow = (event: PageTransitionEvent) => {
    if (exited && event.persisted) window.location.replace(QUICK_EXIT_URL)
  }
  window.addEventListener('pageshow', onPageShow)
  return () => window.removeEventListener('pageshow', onPageShow)
}
