/**
 * Navigation that keeps Mend to two history entries at most: every move
 * replaces the current entry instead of pushing a new one, so a quick exit
 * (which replaces it too) leaves nothing of Mend's pages to step back into.
 * In-app "Back to ..." links take the place of the browser's back button.
 */
import { navigate, usePathname } from 'wouter/use-browser-location'

type NavigateOptions = { replace?: boolean; state?: unknown }

// Keep the entry's state (the back guard's mark, see back-guard.ts) when moving on.
const replaceOnly = (to: string | URL, options: NavigateOptions = {}) =>
  navigate(to, { ...options, replace: true, state: options.state ?? window.history.state })

export const useSingleEntryLocation = (options?: { ssrPath?: string }): [string, typeof replaceOnly] => [
  usePathname(options),
  replaceOnly,
]
