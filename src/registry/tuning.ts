import type { RegistryClientOptions } from './client.js'

/**
 * Environment variables that change how patient the registry client is. Not inputs: the defaults suit hosted
 * registries; these are for tests (seconds instead of minutes) and for slow self-hosted registries.
 */
export const TuningVariable = {
  /** No retry starts after this many ms since a request's first attempt (default 120000). */
  RetryTotalMs: 'NATIVE_MULTIARCH_RETRY_TOTAL_MS',
  /** Attempts per request, the first included (default 5). */
  RetryAttempts: 'NATIVE_MULTIARCH_RETRY_ATTEMPTS',
  /** The first backoff's upper bound in ms, doubled per retry (default 500). */
  RetryBaseMs: 'NATIVE_MULTIARCH_RETRY_BASE_MS',
  /** A request fails when no byte moves for this many ms (default 60000). */
  TimeoutMs: 'NATIVE_MULTIARCH_TIMEOUT_MS',
  /** How long content pushed moments ago may stay invisible before a 404 stands, in ms (default 30000). */
  LagTotalMs: 'NATIVE_MULTIARCH_LAG_TOTAL_MS',
} as const

/** The client options the tuning variables set; unset variables leave the client's defaults. */
export function registryTuning(
  env: Record<string, string | undefined>,
): Pick<RegistryClientOptions, 'retry' | 'timeoutMs' | 'lag'> {
  const read = (name: string, min: number): number | undefined => {
    const text = env[name]?.trim()
    if (!text) return undefined
    const value = Number(text)
    if (!Number.isSafeInteger(value) || value < min) {
      throw new Error(`Environment variable ${name}: '${text}' is not a whole number of at least ${min}.`)
    }
    return value
  }
  const retry: NonNullable<RegistryClientOptions['retry']> = {}
  const totalTimeoutMs = read(TuningVariable.RetryTotalMs, 0)
  const maxAttempts = read(TuningVariable.RetryAttempts, 1)
  const baseDelayMs = read(TuningVariable.RetryBaseMs, 0)
  const timeoutMs = read(TuningVariable.TimeoutMs, 1)
  if (totalTimeoutMs !== undefined) retry.totalTimeoutMs = totalTimeoutMs
  if (maxAttempts !== undefined) retry.maxAttempts = maxAttempts
  if (baseDelayMs !== undefined) retry.baseDelayMs = baseDelayMs
  const lagTotalMs = read(TuningVariable.LagTotalMs, 0)
  return {
    retry,
    ...(timeoutMs !== undefined && { timeoutMs }),
    ...(lagTotalMs !== undefined && { lag: { totalTimeoutMs: lagTotalMs } }),
  }
}
