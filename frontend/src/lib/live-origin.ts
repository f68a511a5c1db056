/**
 * This tab's live socket id, sent with each write (header X-Mend-Socket) so the
 * server tells every other tab and member but not this one: the write's own
 * answer refreshes this tab's screen, and a live event would refetch it twice.
 */
export const LIVE_ORIGIN_HEADER = 'X-Mend-Socket'

let current: string | undefined

/** Remember the connected socket's id (undefined while disconnected). */
export function setLiveSocketId(id: string | undefined): void {
  current = id || undefined
}

/** The id to name on a write, if this tab is connected. */
export function liveSocketId(): string | undefined {
  return current
}
