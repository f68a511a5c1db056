import { QueryClient } from '@tanstack/react-query'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { liveSocketId } from './live-origin'
import { connectLive, disconnectLive } from './socket'

type Handler = (...args: unknown[]) => void

/** A stand-in for socket.io-client's socket and its manager (socket.io), recording handlers. */
const fake = vi.hoisted(() => {
  const on = (handlers: Map<string, Handler[]>) => (name: string, handler: Handler) => {
    handlers.set(name, [...(handlers.get(name) ?? []), handler])
  }
  const socketHandlers = new Map<string, Handler[]>()
  const managerHandlers = new Map<string, Handler[]>()
  const socket = {
    id: 'sid-1',
    on: on(socketHandlers),
    io: { on: on(managerHandlers) },
    disconnect: () => undefined,
  }
  const fire = (handlers: Map<string, Handler[]>, name: string, ...args: unknown[]) => {
    for (const handler of handlers.get(name) ?? []) handler(...args)
  }
  return {
    socket,
    emitEvent: (payload: unknown) => fire(socketHandlers, 'mend:event', payload),
    connected: () => fire(socketHandlers, 'connect'),
    disconnected: () => fire(socketHandlers, 'disconnect'),
    reconnect: () => fire(managerHandlers, 'reconnect', 1),
  }
})

vi.mock('socket.io-client', () => ({ io: () => fake.socket }))

describe('the live connection', () => {
  afterEach(() => disconnectLive())

  it('refreshes everything on screen after reconnecting, so events missed in the gap still show', async () => {
    const client = new QueryClient()
    await connectLive(client)
    client.setQueryData(['spaces', 3, 'checkins', {}], { items: [1] })
    client.setQueryData(['me'], { id: 1 })
    expect(client.getQueryState(['spaces', 3, 'checkins', {}])?.isInvalidated).toBe(false)

    fake.reconnect()

    expect(client.getQueryState(['spaces', 3, 'checkins', {}])?.isInvalidated).toBe(true)
    expect(client.getQueryState(['me'])?.isInvalidated).toBe(true)
  })

  it('refreshes only what an event makes stale while connected', async () => {
    const client = new QueryClient()
    await connectLive(client)
    client.setQueryData(['spaces', 3, 'checkins', {}], { items: [1] })
    client.setQueryData(['spaces', 4, 'checkins', {}], { items: [2] })

    fake.emitEvent({ type: 'checkin.created', space_id: 3, data: {} })

    expect(client.getQueryState(['spaces', 3, 'checkins', {}])?.isInvalidated).toBe(true)
    expect(client.getQueryState(['spaces', 4, 'checkins', {}])?.isInvalidated).toBe(false)
  })

  it('remembers its socket id while connected, for writes to name (so they are not echoed back)', async () => {
    await connectLive(new QueryClient())
    expect(liveSocketId()).toBeUndefined()
    fake.connected()
    expect(liveSocketId()).toBe('sid-1')
    fake.disconnected()
    expect(liveSocketId()).toBeUndefined()
    fake.connected()
    disconnectLive()
    expect(liveSocketId()).toBeUndefined()
  })
})
