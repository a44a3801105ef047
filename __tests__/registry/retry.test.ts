import {
  HttpStatusError,
  isRetryable,
  isRetryableStatus,
  parseRetryAfter,
  type RetryOptions,
  withRetry,
} from '../../src/registry/retry.js'
import { rejection } from './fake-registry.js'

/** A clock that only moves when the policy sleeps, and a record of every sleep. */
function fakeTime(random = 1): RetryOptions & { sleeps: number[] } {
  let now = 1_000_000
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    sleep: async ms => {
      sleeps.push(ms)
      now += ms
    },
    random: () => random,
  }
}

const target = { host: 'ghcr.io', method: 'GET', path: '/v2/acme/app/manifests/1.0' }

function failing(errors: unknown[]): { calls: number; operation: (attempt: number) => Promise<string> } {
  const state = {
    calls: 0,
    operation: async () => {
      const error = errors[state.calls++]
      if (error === undefined) return 'done'
      throw error
    },
  }
  return state
}

function networkError(code: string, message = `read ${code}`): Error {
  return Object.assign(new Error(message), { code })
}

describe('retry policy', () => {
  it.each([
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [429, true],
    [408, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [409, false],
  ])('status %i retryable: %s', (status, retryable) => {
    expect(isRetryableStatus(status)).toBe(retryable)
    expect(isRetryable(new HttpStatusError('x', status))).toBe(retryable)
  })

  it.each([
    [networkError('ECONNRESET'), true],
    [networkError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5000'), true],
    [networkError('ETIMEDOUT'), true],
    [networkError('EPIPE'), true],
    [new Error('socket hang up'), true],
    [networkError('ENOTFOUND', 'getaddrinfo ENOTFOUND ghcr.io'), false],
    [new Error('digest mismatch'), false],
    ['a string', false],
  ])('error %p retryable: %s', (error, retryable) => {
    expect(isRetryable(error)).toBe(retryable)
  })

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter(' 0 ', now)).toBe(0)
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000)
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
  })

  it('backs off exponentially with full jitter, up to the largest delay', async () => {
    const time = fakeTime(1)
    const { operation } = failing(Array.from({ length: 6 }, () => new HttpStatusError('503', 503)))
    await expect(
      withRetry(target, { ...time, maxAttempts: 7, baseDelayMs: 500, maxDelayMs: 3000 }, operation),
    ).resolves.toBe('done')
    expect(time.sleeps).toEqual([500, 1000, 2000, 3000, 3000, 3000])

    const jittered = fakeTime(0.25)
    await withRetry(
      target,
      { ...jittered, baseDelayMs: 400 },
      failing([new HttpStatusError('x', 500), new HttpStatusError('x', 500)]).operation,
    )
    expect(jittered.sleeps).toEqual([100, 200])
  })

  it('uses the defaults: 5 attempts, 500 ms base', async () => {
    const time = fakeTime(1)
    const state = failing(Array.from({ length: 10 }, () => networkError('ECONNRESET')))
    await expect(withRetry(target, time, state.operation)).rejects.toThrow(/failed 5 times/)
    expect(state.calls).toBe(5)
    expect(time.sleeps).toEqual([500, 1000, 2000, 4000])
  })

  it('waits what Retry-After asks, capped', async () => {
    const time = fakeTime(1)
    const state = failing([new HttpStatusError('429', 429, 2000), new HttpStatusError('429', 429, 3_600_000)])
    await withRetry(target, { ...time, maxRetryAfterMs: 30_000 }, state.operation)
    expect(time.sleeps).toEqual([2000, 30_000])
  })

  it('never retries other 4xx or errors it does not know', async () => {
    for (const error of [
      new HttpStatusError('404', 404),
      new HttpStatusError('400', 400),
      new Error('bad manifest'),
    ]) {
      const time = fakeTime()
      const state = failing([error])
      await expect(withRetry(target, time, state.operation)).rejects.toBe(error)
      expect(state.calls).toBe(1)
      expect(time.sleeps).toEqual([])
    }
  })

  it('starts no attempt past the total time limit', async () => {
    const time = fakeTime(1)
    const state = failing(Array.from({ length: 20 }, () => new HttpStatusError('HTTP 503', 503)))
    const error = await rejection(
      withRetry(
        target,
        { ...time, maxAttempts: 20, baseDelayMs: 1000, maxDelayMs: 8000, totalTimeoutMs: 20_000 },
        state.operation,
      ),
    )
    // 1 + 2 + 4 + 8 = 15 s; the next 8 s wait would end past 20 s.
    expect(time.sleeps).toEqual([1000, 2000, 4000, 8000])
    expect(state.calls).toBe(5)
    expect(error.message).toMatch(
      /gave up after 5 attempts in 15.0 s \(the next would start past the 20.0 s limit\)/,
    )
  })

  it('names the registry host, method, path and last cause in the final error', async () => {
    const time = fakeTime()
    const last = new HttpStatusError(
      'Registry ghcr.io: GET /v2/acme/app/manifests/1.0 answered HTTP 503',
      503,
    )
    const error = await rejection(
      withRetry(target, { ...time, maxAttempts: 2 }, failing([networkError('ECONNRESET'), last]).operation),
    )
    expect(error.message).toBe(
      'Registry ghcr.io: GET /v2/acme/app/manifests/1.0 failed 2 times in 0.5 s. Last error: Registry ghcr.io: GET /v2/acme/app/manifests/1.0 answered HTTP 503',
    )
    expect(error.cause).toBe(last)
    const reset = await rejection(
      withRetry(target, { ...time, maxAttempts: 1 }, failing([new Error('socket hang up')]).operation),
    )
    expect(reset.message).toMatch(/failed 1 time in 0.0 s. Last error: socket hang up$/)
  })

  it('passes the attempt number to the operation', async () => {
    const attempts: number[] = []
    await withRetry(target, fakeTime(), async attempt => {
      attempts.push(attempt)
      if (attempt < 3) throw networkError('ECONNRESET')
    })
    expect(attempts).toEqual([1, 2, 3])
  })
})
