/**
 * Writes to the trust record carry an Idempotency-Key (README, "Retrying safely"):
 * the server writes them at most once, so one that failed on the network or
 * answered 503 is sent again, after a pause, with the same key. The list below is
 * the server's (tests/resilience/test_idempotency.py names the same writes).
 */

const SPACE = String.raw`^/spaces/\d+`
const DISCLOSURE = String.raw`${SPACE}/disclosures/\d+`
const COMMITMENT = String.raw`${SPACE}/commitments/\d+`

const TRUST_RECORD_WRITES: ReadonlyArray<readonly [string, RegExp]> = [
  ['POST', new RegExp(String.raw`${SPACE}/checkins$`)],
  ['POST', new RegExp(String.raw`${SPACE}/measures/[^/]+/responses$`)],
  ['POST', new RegExp(String.raw`${SPACE}/disclosures$`)],
  ['POST', new RegExp(String.raw`${DISCLOSURE}/(revisions|responses|acknowledge)$`)],
  ['POST', new RegExp(String.raw`${SPACE}/commitments$`)],
  ['PATCH', new RegExp(String.raw`${COMMITMENT}$`)],
  ['POST', new RegExp(String.raw`${COMMITMENT}/checks$`)],
  ['POST', new RegExp(String.raw`${COMMITMENT}/checks/\d+/(review|replies)$`)],
]

/** Pauses before the second, third and fourth attempt (a little jitter is added). */
export const RETRY_DELAYS_MS = [500, 1500, 4000]
/** The longest a Retry-After header may make us wait. */
const MAX_DELAY_MS = 10_000

/** Whether this request is a trust-record write the server accepts a key for. */
export function isTrustRecordWrite(method: string, path: string): boolean {
  const upper = method.toUpperCase()
  return TRUST_RECORD_WRITES.some(([m, pattern]) => m === upper && pattern.test(path))
}

/** A new key for one write (a UUID where the browser offers one). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * Send, and send again after a pause while it fails on the network (the error
 * isNetworkFailure recognises) or answers 503, up to RETRY_DELAYS_MS.length times.
 * The last answer or error is the caller's.
 */
export async function sendWithRetries(
  send: () => Promise<Response>,
  isNetworkFailure: (error: unknown) => boolean,
  signal?: AbortSignal,
): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const last = attempt >= RETRY_DELAYS_MS.length
    let response: Response | undefined
    try {
      response = await send()
    } catch (error) {
      if (last || !isNetworkFailure(error)) throw error
    }
    if (response && (last || response.status !== 503)) return response
    await pause(delayFor(attempt, response), signal)
  }
}

function delayFor(attempt: number, response: Response | undefined): number {
  const retryAfter = Number(response?.headers.get('Retry-After'))
  const base = retryAfter > 0 ? retryAfter * 1000 : RETRY_DELAYS_MS[attempt]
  return Math.min(MAX_DELAY_MS, base + Math.floor(Math.random() * 250))
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException('Aborted', 'AbortError'))
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        reject(new DOMException('Aborted', 'AbortError'))
      },
      { once: true },
    )
  })
}
