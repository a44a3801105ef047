import { HttpStatusError } from './errors.js'

/** How hard to try a registry operation before giving up. */
export interface RetryOptions {
  /** Attempts in all, the first included (default 5). */
  maxAttempts?: number
  /** The first backoff's upper bound; each retry doubles it (default 500 ms). */
  baseDelayMs?: number
  /** The largest backoff between attempts (default 10 s). */
  maxDelayMs?: number
  /** No retry starts after this much time since the first attempt (default 120 s). */
  totalTimeoutMs?: number
  /** The longest wait a `Retry-After` can ask for; a longer one is cut to this (default 60 s). */
  maxRetryAfterMs?: number
  /** Which failures are worth another attempt (default `isRetryable`: transient statuses and connections). */
  retryable?: (error: unknown) => boolean
  /** Told before each wait, e.g. to log that a registry answered 503 and when the next attempt starts. */
  onRetry?: (error: unknown, attempt: number, delayMs: number, target: RetryTarget) => void
  /** For tests: how to wait, what time it is, and the jitter source. */
  sleep?: (ms: number) => Promise<void>
  now?: () => number
  random?: () => number
}

/** What is being retried, for the final error: the registry host, method and path. */
export interface RetryTarget {
  host: string
  method: string
  path: string
}

export { HttpStatusError } from './errors.js'

/**
 * A request that failed for good: retries ran out, or the failure is not one to retry. An outer `withRetry`
 * (a call whose token request failed) does not start over, which would multiply the attempts.
 */
export class GaveUpError extends Error {
  override name = 'GaveUpError'
}

const TransientCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
])

/**
 * 5xx, 429 Too Many Requests and 408 Request Timeout: the server may answer differently next time. Not 501 Not
 * Implemented, which says the same every time (a registry without manifest HEAD).
 */
export function isRetryableStatus(status: number): boolean {
  return (status >= 500 && status !== 501) || status === 429 || status === 408
}

/** Whether an error is worth another attempt: a retryable status, or a connection that failed on the way. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof GaveUpError) return false
  if (error instanceof HttpStatusError) return isRetryableStatus(error.status)
  // Duck-typed: errors from node's own modules may come from another realm (vm contexts, test runners).
  if (typeof error !== 'object' || error === null) return false
  const { code, message } = error as { code?: unknown; message?: unknown }
  return (
    (typeof code === 'string' && TransientCodes.has(code)) ||
    (typeof message === 'string' && /socket hang up/i.test(message))
  )
}

/** `Retry-After` in ms: delta-seconds or an HTTP-date (RFC 9110 10.2.3); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/**
 * Runs `operation` until it succeeds, fails with something not worth retrying, or the attempts or the time run
 * out. Backoff is exponential with full jitter (a random wait up to the doubled bound), so parallel jobs hitting
 * one rate limit spread out; a `Retry-After` is waited for instead, up to `maxRetryAfterMs`.
 */
export async function withRetry<T>(
  target: RetryTarget,
  options: RetryOptions,
  operation: (attempt: number) => Promise<T>,
): Promise<T> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5)
  const baseDelayMs = options.baseDelayMs ?? 500
  const maxDelayMs = options.maxDelayMs ?? 10_000
  const totalTimeoutMs = options.totalTimeoutMs ?? 120_000
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms)))
  const now = options.now ?? Date.now
  const random = options.random ?? Math.random
  const started = now()
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt)
    } catch (error) {
      if (!(options.retryable ?? isRetryable)(error)) throw error
      const retryAfter = error instanceof HttpStatusError ? error.retryAfterMs : undefined
      const delay =
        retryAfter !== undefined
          ? Math.min(retryAfter, maxRetryAfterMs)
          : random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1))
      const elapsed = now() - started
      const outOfTime = elapsed + delay > totalTimeoutMs
      if (attempt >= maxAttempts || outOfTime) {
        if (error instanceof HttpStatusError) error.attempts = attempt
        const why = outOfTime
          ? `gave up after ${attempt} attempt${attempt === 1 ? '' : 's'} in ${seconds(elapsed)} s (the next would start past the ${seconds(totalTimeoutMs)} s limit)`
          : `failed ${attempt} time${attempt === 1 ? '' : 's'} in ${seconds(elapsed)} s`
        throw new GaveUpError(
          `Registry ${target.host}: ${target.method} ${target.path} ${why}. Last error: ${describeError(error)}`,
          {
            cause: error,
          },
        )
      }
      options.onRetry?.(error, attempt, delay, target)
      await sleep(delay)
    }
  }
}

/** An error's message with its system code (`ECONNRESET`) when the message lacks it. */
export function describeError(error: unknown): string {
  if (typeof error !== 'object' || error === null || typeof (error as Error).message !== 'string')
    return String(error)
  const { code, message } = error as { code?: unknown; message: string }
  return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1)
}
