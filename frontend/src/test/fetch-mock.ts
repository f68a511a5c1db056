import { vi } from 'vitest'

export interface Call {
  method: string
  path: string
  headers: Record<string, string>
  body: unknown
  init: RequestInit
}

type Reply = { status?: number; body?: unknown; headers?: Record<string, string> }
type Handler = (call: Call) => Reply | Promise<Reply>

/**
 * Replace fetch with a router: handlers are keyed "METHOD /path" (path without
 * /api/v1 and without the query). Unmatched requests answer 404 problem details.
 * GET /auth/csrf answers a token unless a handler overrides it.
 */
export function mockFetch(handlers: Record<string, Handler | Reply>) {
  const calls: Call[] = []
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost')
    const method = (init.method ?? 'GET').toUpperCase()
    const path = url.pathname.replace(/^\/api\/v1/, '')
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>))
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined
    const call: Call = { method, path: path + url.search, headers, body, init }
    calls.push(call)
    const key = `${method} ${path}`
    const handler = handlers[key] ?? (key === 'GET /auth/csrf' ? { body: { csrf_token: 'token-1' } } : undefined)
    const reply: Reply = handler
      ? typeof handler === 'function'
        ? await handler(call)
        : handler
      : { status: 404, body: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No such thing.' } }
    const status = reply.status ?? 200
    if (status === 204) return new Response(null, { status })
    const isProblem = status >= 400
    return new Response(JSON.stringify(reply.body ?? {}), {
      status,
      headers: { 'Content-Type': isProblem ? 'application/problem+json' : 'application/json', ...reply.headers },
    })
  })
  vi.stubGlobal('fetch', fn)
  return { fn, calls, unsafe: () => calls.filter((c) => c.method !== 'GET') }
}

export function problem(status: number, detail: string, errors?: Record<string, unknown>, type = 'urn:mend:problem:test') {
  return { status, body: { type, title: 'Problem', status, detail, ...(errors ? { errors } : {}) } }
}
