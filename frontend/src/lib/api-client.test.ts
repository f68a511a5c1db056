import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mockFetch, problem } from '../test/fetch-mock'
import { ProblemError, api, forgetCsrfToken, normaliseErrors, setUnauthorizedHandler } from './api-client'
import { setLiveSocketId } from './live-origin'

beforeEach(() => {
  forgetCsrfToken()
  setUnauthorizedHandler(null)
  setLiveSocketId(undefined)
})

describe('the live socket a write comes from', () => {
  it("names this tab's socket on writes, so the server does not echo them back to it", async () => {
    const mock = mockFetch({ 'POST /spaces/3/checkins': { status: 201, body: { id: 9 } }, 'GET /spaces': { body: { items: [] } } })
    setLiveSocketId('sid-1')
    await api.post('/spaces/3/checkins', { felt_safety: 5 })
    await api.get('/spaces')
    expect(mock.unsafe().map((c) => c.headers['X-Mend-Socket'])).toEqual(['sid-1'])
    expect(mock.calls.filter((c) => c.method === 'GET' && c.path === '/spaces')[0].headers['X-Mend-Socket']).toBeUndefined()
  })

  it('names no socket while disconnected, so every event still reaches this tab', async () => {
    const mock = mockFetch({ 'POST /spaces/3/checkins': { status: 201, body: { id: 9 } } })
    await api.post('/spaces/3/checkins', { felt_safety: 5 })
    expect(mock.unsafe()[0].headers['X-Mend-Socket']).toBeUndefined()
  })
})

describe('CSRF', () => {
  it('fetches the token once and sends it as X-CSRFToken on unsafe requests', async () => {
    const mock = mockFetch({ 'POST /spaces': { status: 201, body: { id: 1 } }, 'PUT /x': { body: {} } })
    await api.post('/spaces', { my_role: 'hurt' })
    await api.put('/x', {})
    const csrfFetches = mock.calls.filter((c) => c.path === '/auth/csrf')
    expect(csrfFetches).toHaveLength(1)
    expect(mock.unsafe().map((c) => c.headers['X-CSRFToken'])).toEqual(['token-1', 'token-1'])
  })

  it('does not send a token (or fetch one) for GET requests', async () => {
    const mock = mockFetch({ 'GET /spaces': { body: { items: [] } } })
    await api.get('/spaces')
    expect(mock.calls).toHaveLength(1)
    expect(mock.calls[0].headers['X-CSRFToken']).toBeUndefined()
  })

  it('fetches a fresh token after it is forgotten (login, logout, registration)', async () => {
    let n = 0
    const mock = mockFetch({
      'GET /auth/csrf': () => ({ body: { csrf_token: `token-${++n}` } }),
      'POST /auth/logout': { status: 204 },
    })
    await api.post('/auth/logout')
    forgetCsrfToken()
    await api.post('/auth/logout')
    expect(mock.unsafe().map((c) => c.headers['X-CSRFToken'])).toEqual(['token-1', 'token-2'])
  })

  it('retries once with a new token when the server says the token does not match', async () => {
    let n = 0
    let attempts = 0
    const mock = mockFetch({
      'GET /auth/csrf': () => ({ body: { csrf_token: `token-${++n}` } }),
      'POST /checkins': () =>
        ++attempts === 1
          ? problem(403, 'The X-CSRFToken header is missing or does not match this session.', undefined, 'urn:mend:problem:csrf-failed')
          : { status: 201, body: { id: 9 } },
    })
    await expect(api.post('/checkins', {})).resolves.toEqual({ id: 9 })
    expect(mock.unsafe().map((c) => c.headers['X-CSRFToken'])).toEqual(['token-1', 'token-2'])
  })

  it('does not retry other 403 answers', async () => {
    const mock = mockFetch({ 'POST /checkins': problem(403, 'Only the hurt partner can do that.') })
    await expect(api.post('/checkins', {})).rejects.toMatchObject({ status: 403, detail: 'Only the hurt partner can do that.' })
    expect(mock.unsafe()).toHaveLength(1)
  })
})

describe('problem details', () => {
  it('turns a 422 into a ProblemError with errors by field', async () => {
    mockFetch({
      'POST /checkins': problem(422, 'Some fields need attention.', { felt_safety: ['Please choose a number from 0 to 10.'] }),
    })
    const error = await api.post('/checkins', {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProblemError)
    const p = error as ProblemError
    expect(p.status).toBe(422)
    expect(p.detail).toBe('Some fields need attention.')
    expect(p.fieldError('felt_safety')).toBe('Please choose a number from 0 to 10.')
    expect(p.fieldError('note')).toBeUndefined()
  })

  it('flattens nested errors that arrive as a JSON string', () => {
    const errors = normaliseErrors({ tags: ['{"0": ["Length must be between 1 and 32.", "A tag needs at least one letter or number."]}'] })
    expect(errors.tags).toEqual(['Length must be between 1 and 32.', 'A tag needs at least one letter or number.'])
  })

  it('uses plain words when the server gives no detail', async () => {
    mockFetch({ 'GET /spaces': { status: 429, body: {} } })
    await expect(api.get('/spaces')).rejects.toMatchObject({ status: 429, detail: expect.stringMatching(/wait a minute/) })
  })

  it('reports a network failure as status 0 in plain words', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    await expect(api.get('/spaces')).rejects.toMatchObject({ status: 0, detail: expect.stringMatching(/couldn't reach Mend/) })
  })

  it('resolves 204 answers to undefined', async () => {
    mockFetch({ 'POST /spaces/1/leave': { status: 204 } })
    await expect(api.post('/spaces/1/leave')).resolves.toBeUndefined()
  })

  it('tells the app when the session has ended (401), unless asked to stay quiet', async () => {
    const onUnauthorized = vi.fn()
    setUnauthorizedHandler(onUnauthorized)
    mockFetch({ 'GET /spaces': problem(401, 'Please log in.'), 'GET /auth/me': problem(401, 'Please log in.') })
    await expect(api.get('/auth/me', { quiet401: true })).rejects.toMatchObject({ status: 401 })
    expect(onUnauthorized).not.toHaveBeenCalled()
    await expect(api.get('/spaces')).rejects.toMatchObject({ status: 401 })
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
  })

  it('sends query parameters and skips empty ones', async () => {
    const mock = mockFetch({ 'GET /spaces/1/checkins': { body: { items: [], next_before: null } } })
    await api.get('/spaces/1/checkins', { query: { from: '2026-01-01', before: null, author_id: undefined, limit: 5 } })
    expect(mock.calls[0].path).toBe('/spaces/1/checkins?from=2026-01-01&limit=5')
  })
})
