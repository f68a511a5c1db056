import { onlineManager } from '@tanstack/react-query'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mockFetch, problem } from '../test/fetch-mock'
import { ProblemError, api, forgetCsrfToken } from './api-client'
import { RETRY_DELAYS_MS, isTrustRecordWrite } from './idempotent-writes'

const KEY = 'Idempotency-Key'
const unavailable = () => ({ ...problem(503, 'Mend is having trouble right now.'), headers: { 'Retry-After': '1' } })

beforeEach(() => {
  forgetCsrfToken()
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
})

afterEach(() => {
  vi.useRealTimers()
  onlineManager.setOnline(true)
})

/** Run a request to its end, letting every backoff pause pass. */
async function settle<T>(pending: Promise<T>): Promise<PromiseSettledResult<T>> {
  const outcome = Promise.allSettled([pending])
  await vi.runAllTimersAsync()
  return (await outcome)[0]
}

describe('which writes carry a key', () => {
  it.each([
    ['POST', '/spaces/1/checkins'],
    ['POST', '/spaces/1/measures/csi4/responses'],
    ['POST', '/spaces/1/disclosures'],
    ['POST', '/spaces/1/disclosures/2/revisions'],
    ['POST', '/spaces/1/disclosures/2/responses'],
    ['POST', '/spaces/1/disclosures/2/acknowledge'],
    ['POST', '/spaces/1/commitments'],
    ['PATCH', '/spaces/1/commitments/3'],
    ['POST', '/spaces/1/commitments/3/checks'],
    ['POST', '/spaces/1/commitments/3/checks/4/review'],
    ['POST', '/spaces/1/commitments/3/checks/4/replies'],
  ])('%s %s is a trust-record write', (method, path) => {
    expect(isTrustRecordWrite(method, path)).toBe(true)
  })

  it.each([
    ['GET', '/spaces/1/checkins'],
    ['POST', '/spaces'],
    ['POST', '/auth/login'],
    ['PUT', '/spaces/1/consents/2/checkin_notes'],
    ['DELETE', '/spaces/1/commitments/3'],
    ['POST', '/spaces/1/checkins/extra'],
  ])('%s %s is not', (method, path) => {
    expect(isTrustRecordWrite(method, path)).toBe(false)
  })
})

describe('sending a trust-record write', () => {
  it('sends a fresh key with each write, and none with other requests', async () => {
    const mock = mockFetch({ 'POST /spaces/1/checkins': { status: 201, body: { id: 1 } }, 'POST /spaces': { status: 201 } })
    await api.post('/spaces/1/checkins', { felt_safety: 5 })
    await api.post('/spaces/1/checkins', { felt_safety: 6 })
    await api.post('/spaces', { my_role: 'hurt' })
    const keys = mock.unsafe().map((c) => c.headers[KEY])
    expect(keys[0]).toMatch(/^[\x21-\x7e]{1,255}$/)
    expect(keys[1]).toMatch(/^[\x21-\x7e]{1,255}$/)
    expect(keys[0]).not.toEqual(keys[1])
    expect(keys[2]).toBeUndefined()
  })

  it('retries a 503 with the same key until it is written', async () => {
    let attempts = 0
    const mock = mockFetch({
      'POST /spaces/1/disclosures/2/acknowledge': () => (++attempts < 3 ? unavailable() : { status: 201, body: { id: 7 } }),
    })
    const result = await settle(api.post('/spaces/1/disclosures/2/acknowledge'))
    expect(result).toEqual({ status: 'fulfilled', value: { id: 7 } })
    const keys = mock.unsafe().map((c) => c.headers[KEY])
    expect(keys).toHaveLength(3)
    expect(new Set(keys).size).toBe(1)
  })

  it('retries a network failure with the same key, with growing pauses', async () => {
    let attempts = 0
    const keys: string[] = []
    const mock = mockFetch({ 'PATCH /spaces/1/commitments/3': { body: { id: 3 } } })
    const answer = mock.fn.getMockImplementation()!
    mock.fn.mockImplementation(async (input, init) => {
      if (init?.method !== 'PATCH') return answer(input, init)
      keys.push((init.headers as Record<string, string>)[KEY])
      if (++attempts <= 2) throw new TypeError('Failed to fetch')
      return answer(input, init)
    })
    const pending = api.patch('/spaces/1/commitments/3', { status: 'paused', reason: 'A hard week.' })
    await vi.advanceTimersByTimeAsync(RETRY_DELAYS_MS[0] - 1)
    expect(attempts).toBe(1)
    await vi.advanceTimersByTimeAsync(300)
    expect(attempts).toBe(2)
    await expect(settle(pending)).resolves.toEqual({ status: 'fulfilled', value: { id: 3 } })
    expect(keys).toHaveLength(3)
    expect(keys[0]).toBeTruthy()
    expect(new Set(keys).size).toBe(1)
  })

  it('does not retry while the browser knows it is offline', async () => {
    onlineManager.setOnline(false)
    const mock = mockFetch({})
    const answer = mock.fn.getMockImplementation()!
    let attempts = 0
    mock.fn.mockImplementation(async (input, init) => {
      if (init?.method !== 'POST') return answer(input, init)
      attempts++
      throw new TypeError('Failed to fetch')
    })
    const result = await settle(api.post('/spaces/1/checkins', {}))
    expect(result.status).toBe('rejected')
    expect((result as PromiseRejectedResult).reason.status).toBe(0)
    expect(attempts).toBe(1)
  })

  it('gives up after the last retry with the plain words for 503', async () => {
    const mock = mockFetch({ 'POST /spaces/1/checkins': unavailable })
    const result = await settle(api.post('/spaces/1/checkins', { felt_safety: 5 }))
    expect(result.status).toBe('rejected')
    const error = (result as PromiseRejectedResult).reason
    expect(error).toBeInstanceOf(ProblemError)
    expect(error.status).toBe(503)
    expect(mock.unsafe()).toHaveLength(RETRY_DELAYS_MS.length + 1)
  })

  it('does not retry an answer that says no (4xx)', async () => {
    const mock = mockFetch({ 'POST /spaces/1/checkins': problem(422, 'Some fields need attention.') })
    const result = await settle(api.post('/spaces/1/checkins', {}))
    expect(result.status).toBe('rejected')
    expect(mock.unsafe()).toHaveLength(1)
  })

  it('does not retry other writes', async () => {
    const mock = mockFetch({ 'POST /spaces': unavailable })
    const result = await settle(api.post('/spaces', { my_role: 'hurt' }))
    expect(result.status).toBe('rejected')
    expect(mock.unsafe()).toHaveLength(1)
  })

  it('stops waiting when the request is cancelled', async () => {
    const mock = mockFetch({ 'POST /spaces/1/checkins': unavailable })
    const controller = new AbortController()
    const pending = Promise.allSettled([api.post('/spaces/1/checkins', {}, { signal: controller.signal })])
    await vi.advanceTimersByTimeAsync(10)
    controller.abort()
    const [result] = await pending
    expect(result.status).toBe('rejected')
    expect((result as PromiseRejectedResult).reason.name).toBe('AbortError')
    expect(mock.unsafe()).toHaveLength(1)
  })
})
