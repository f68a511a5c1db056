/**
 * The token a mailed link carries in its fragment (`/verify#token=...`). Fragments never
 * reach a server or a Referer header; once read, it is also taken out of the address bar
 * and the browser history, so it is not left behind on a shared device.
 */
export function takeLinkToken(location: Pick<Location, 'hash' | 'pathname' | 'search'> = window.location): string | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''))
  const token = params.get('token')
  if (token && typeof window !== 'undefined' && window.history) {
    window.history.replaceState(window.history.state, '', location.pathname + location.search)
  }
  return token || null
}
