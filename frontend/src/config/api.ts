/** The API lives on the same origin as the app, under this prefix. */
export const API_BASE = '/api/v1'

/** Where quick exit goes when the server names no page: a neutral site on another address. */
export const DEFAULT_QUICK_EXIT_URL = 'https://www.bbc.co.uk/weather'

/**
 * The neutral page quick exit replaces Mend with. The server writes it into
 * index.html (MEND_QUICK_EXIT_URL), so it is known before any request.
 */
export function quickExitUrl(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="mend-quick-exit"]')
  const url = meta?.content.trim() ?? ''
  return /^https?:\/\/[^/]/.test(url) ? url : DEFAULT_QUICK_EXIT_URL
}

/** Two presses of Escape within this many milliseconds leave the app. */
export const QUICK_EXIT_WINDOW_MS = 1000
