/**
 * The one way the app talks to the API: same-origin JSON under /api/v1, the
 * session cookie, an X-CSRFToken header on every unsafe request, and RFC 9457
 * problem details turned into a ProblemError with plain words. Trust-record
 * writes carry an Idempotency-Key and are retried with it (idempotent-writes.ts).
 * Writes name this tab's live socket, so its own write is not echoed back (live-origin.ts).
 */
import { onlineManager } from '@tanstack/react-query'
import { API_BASE } from '../config/api'
import { isTrustRecordWrite, newIdempotencyKey, sendWithRetries } from './idempotent-writes'
import { LIVE_ORIGIN_HEADER, liveSocketId } from './live-origin'

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const CSRF_FAILED = 'urn:mend:problem:csrf-failed'

export type FieldErrors = Record<string, string[]>

const PLAIN_WORDS: Record<number, string> = {
  0: "We couldn't reach Mend. Please check your connection and try again.",
  400: 'Something in that request was not quite right. Please try again.',
  401: 'Please log in to continue.',
  403: "You can't do that here.",
  404: "We couldn't find that. It may not be shared with you, or it may no longer exist.",
  405: "That can't be done here.",
  409: 'That has already been done, or something changed in the meantime.',
  413: 'That is too long to save. Please shorten it a little.',
  422: 'Some fields need attention.',
  429: 'Too many tries in a short time. Please wait a minute, then try again.',
  503: 'Mend is having trouble right now. Please try again in a moment.',
}

/** An error the API answered with (or a network failure, status 0), in plain words. */
export class ProblemError extends Error {
  readonly status: number
  readonly type: string
  readonly title: string
  readonly detail: string
  readonly errors: FieldErrors

  constructor(init: { status: number; type?: string; title?: string; detail?: string; errors?: unknown }) {
    const detail = init.detail || plainWords(init.status)
    super(detail)
    this.name = 'ProblemError'
    this.status = init.status
    this.type = init.type ?? 'about:blank'
    this.title = init.title ?? ''
    this.detail = detail
    this.errors = normaliseErrors(init.errors)
  }

  /** The messages for one field, if the API named it. */
  fieldError(field: string): string | undefined {
    const messages = this.errors[field]
    return messages && messages.length > 0 ? messages.join(' ') : undefined
  }
}

export function plainWords(status: number): string {
  if (PLAIN_WORDS[status]) return PLAIN_WORDS[status]
  if (status >= 500) return 'Something went wrong on our side. Please try again in a moment.'
  return 'Something went wrong. Please try again.'
}

/** What to show a person for any error thrown by a query or mutation. */
export function errorMessage(error: unknown): string {
  if (error instanceof ProblemError) return error.detail
  return plainWords(500)
}

/**
 * Field errors as {field: [messages]}. Nested errors (e.g. one item in a list)
 * sometimes arrive as a JSON string of {index: [messages]}; they are flattened.
 */
export function normaliseErrors(raw: unknown): FieldErrors {
  if (!raw || typeof raw !== 'object') return {}
  const out: FieldErrors = {}
  for (const [field, value] of Object.entries(raw as Record<string, unknown>)) {
    const messages = flatten(value)
    if (messages.length > 0) out[field] = [...new Set(messages)]
  }
  return out
}

function flatten(value: unknown): string[] {
  if (typeof value === 'string') {
    const trimmed = value.trim()
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return flatten(JSON.parse(trimmed))
      } catch {
        return [value]
      }
    }
    return [value]
  }
  if (Array.isArray(value)) return value.flatMap(flatten)
  if (value && typeof value === 'object') return Object.values(value).flatMap(flatten)
  return []
}

// ---- CSRF -------------------------------------------------------------------

let csrfToken: string | null = null
let csrfRequest: Promise<string> | null = null

/** The session's CSRF token, fetched once and reused until forgotten. */
export function getCsrfToken(): Promise<string> {
  if (csrfToken) return Promise.resolve(csrfToken)
  if (!csrfRequest) {
    csrfRequest = request<{ csrf_token: string }>('GET', '/auth/csrf')
      .then((body) => {
        csrfToken = body.csrf_token
        return csrfToken
      })
      .finally(() => {
        csrfRequest = null
      })
  }
  return csrfRequest
}

/** The token last fetched, for requests that cannot wait (quick exit). */
export function cachedCsrfToken(): string | null {
  return csrfToken
}

/** Forget the token: the server starts a new session at login, logout and registration. */
export function forgetCsrfToken(): void {
  csrfToken = null
  csrfRequest = null
}

// ---- 401 --------------------------------------------------------------------

let onUnauthorized: (() => void) | null = null

/** Called when a request answers 401: the session ended (elsewhere, or it expired). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler
}

// ---- requests ---------------------------------------------------------------

export type Query = Record<string, string | number | boolean | null | undefined>

export interface RequestOptions {
  body?: unknown
  query?: Query
  signal?: AbortSignal
  /** Don't report a 401 to the unauthorised handler (e.g. asking "am I logged in?"). */
  quiet401?: boolean
}

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  const search = params.toString()
  return `${API_BASE}${path}${search ? `?${search}` : ''}`
}

/** Make one API request; resolves to the parsed JSON body (undefined for 204). */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const upper = method.toUpperCase()
  const idempotencyKey = isTrustRecordWrite(upper, path) ? newIdempotencyKey() : null
  const send = async (): Promise<Response> => {
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (options.body !== undefined) headers['Content-Type'] = 'application/json'
    if (UNSAFE.has(upper)) headers['X-CSRFToken'] = await getCsrfToken()
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey
    const liveSocket = UNSAFE.has(upper) ? liveSocketId() : undefined
    if (liveSocket) headers[LIVE_ORIGIN_HEADER] = liveSocket
    try {
      return await fetch(apiUrl(path, options.query), {
        method: upper,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: 'same-origin',
        cache: 'no-store',
        signal: options.signal,
      })
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error
      throw new ProblemError({ status: 0 })
    }
  }

  const sendOnce = async (): Promise<Response> => {
    const response = await send()
    if (!UNSAFE.has(upper) || response.status !== 403) return response
    const problem = await readProblem(response)
    if (problem.type !== CSRF_FAILED) throw problem
    // The session changed under us (new login, expiry): fetch a fresh token and try once more.
    forgetCsrfToken()
    return send()
  }
  const response = idempotencyKey
    ? await sendWithRetries(sendOnce, isNetworkFailure, options.signal)
    : await sendOnce()
  if (!response.ok) {
    const problem = await readProblem(response)
    if (problem.status === 401 && !options.quiet401) onUnauthorized?.()
    throw problem
  }
  if (response.status === 204) return undefined as T
  const type = response.headers.get('Content-Type') ?? ''
  if (type.includes('json')) return (await response.json()) as T
  return (await response.text()) as T
}

/** A network failure worth retrying: not while the browser knows it is offline (say so at once). */
function isNetworkFailure(error: unknown): boolean {
  return error instanceof ProblemError && error.status === 0 && onlineManager.isOnline()
}

async function readProblem(response: Response): Promise<ProblemError> {
  const type = response.headers.get('Content-Type') ?? ''
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Record<string, unknown>
      return new ProblemError({
        status: typeof body.status === 'number' ? body.status : response.status,
        type: typeof body.type === 'string' ? body.type : undefined,
        title: typeof body.title === 'string' ? body.title : undefined,
        detail: typeof body.detail === 'string' ? body.detail : undefined,
        errors: body.errors,
      })
    } catch {
      // fall through to a problem without details
    }
  }
  return new ProblemError({ status: response.status })
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('DELETE', path, { ...options, body }),
}
