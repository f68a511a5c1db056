/**
 * A one-time message for the next page (kept in memory only, never in storage).
 *
 * The page it is meant for may mount more than once as its data arrives (a space list
 * refetched after joining, say); each mount within a few seconds on the same address
 * shows it again, so it never vanishes before it was read. Any other page, or a later
 * visit, finds nothing.
 */
let message: string | null = null
let shown: { path: string; at: number } | null = null
const REMOUNT_GRACE_MS = 10_000

export function setFlash(text: string): void {
  message = text
  shown = null
}

export function takeFlash(path: string = window.location.pathname, now: number = Date.now()): string | null {
  if (message === null) return null
  if (shown === null) shown = { path, at: now }
  if (shown.path === path && now - shown.at <= REMOUNT_GRACE_MS) return message
  message = null
  shown = null
  return null
}
