/**
 * The app's one Socket.IO connection (same origin, the session cookie, path
 * /socket.io). It is opened while someone is logged in and closed at logout
 * and quick exit. Each `mend:event` refreshes the queries it makes stale; the
 * events of this tab's own writes are not sent to it (live-origin.ts).
 */
import type { QueryClient } from '@tanstack/react-query'
import type { Socket } from 'socket.io-client'
import { applyLiveEvent, isLiveEvent, type LiveEvent } from './live-events'
import { setLiveSocketId } from './live-origin'

export const LIVE_EVENT = 'mend:event'

type Listener = (event: LiveEvent) => void

let socket: Socket | null = null
let opening: Promise<void> | null = null
let wanted = false
const listeners = new Set<Listener>()

/** Open the connection (loading the client library on first use) and route its events. */
export function connectLive(client: QueryClient): Promise<void> {
  wanted = true
  if (socket || opening) return opening ?? Promise.resolve()
  opening = import('socket.io-client')
    .then(({ io }) => {
      if (!wanted) return
      const opened = io({ path: '/socket.io', withCredentials: true, reconnectionDelayMax: 10_000 })
      socket = opened
      // Writes name this socket, so the server does not echo them back to this tab.
      opened.on('connect', () => setLiveSocketId(opened.id))
      opened.on('disconnect', () => setLiveSocketId(undefined))
      socket.on(LIVE_EVENT, (payload: unknown) => {
        if (!isLiveEvent(payload)) return
        applyLiveEvent(client, payload)
        for (const listener of listeners) listener(payload)
      })
      // After a gap (sleep, network change) anything may have happened: refresh what is on screen.
      socket.io.on('reconnect', () => void client.invalidateQueries())
    })
    .catch(() => undefined)
    .finally(() => {
      opening = null
    })
  return opening
}

/** Close the connection (logout, quick exit, account deleted). */
export function disconnectLive(): void {
  wanted = false
  setLiveSocketId(undefined)
  socket?.disconnect()
  socket = null
}

/** Hear about live events (e.g. to announce them). Returns the unsubscribe function. */
export function onLiveEvent(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
