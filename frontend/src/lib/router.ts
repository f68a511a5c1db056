/**
 * Navigation that keeps a single history entry for the whole app: every move
 * replaces the current entry instead of pushing a new one. After a quick exit
 * (which replaces that entry too) the back button cannot step back into Mend's
 * pages. In-app "Back to ..." links take the place of the browser's back button.
 */
import { navigate, usePathname } from 'wouter/use-browser-location'

type NavigateOptions = { replace?: boolean; state?: unknown }

const replaceOnly = (to: string | URL, options: NavigateOptions = {}) =>
  navigate(to, { ...options, replace: true })

export const useSingleEntryLocation = (options?: { ssrPath?: string }): [string, typeof replaceOnly] => [
  usePathname(options),
  replaceOnly,
]
