/** A response the retry policy may retry: carries its status and the server's `Retry-After`, already in ms. */
export class HttpStatusError extends Error {
  /** Attempts made before this answer was final; set by the retry policy when it gives up. */
  attempts = 1

  constructor(
    message: string,
    readonly status: number,
    readonly retryAfterMs?: number,
  ) {
    super(message)
    this.name = 'HttpStatusError'
  }
}

/**
 * What a registry's answer means for the caller, so callers branch on a kind and never on message text:
 * - `denied`: 401/403 or a `DENIED`/`UNAUTHORIZED` code; credentials or permissions;
 * - `not-found`: 404, or a `*_UNKNOWN` code (`MANIFEST_UNKNOWN`, `BLOB_UNKNOWN`, `NAME_UNKNOWN`);
 * - `refused`: any other 4xx; the registry will not do this (`TAG_INVALID` on an immutable tag, `MANIFEST_INVALID`);
 * - `unavailable`: 5xx (but 501), 408 or 429; worth another attempt;
 * - `unsupported`: 405 or 501; the registry does not implement the request.
 */
export type RegistryErrorKind = 'denied' | 'not-found' | 'refused' | 'unavailable' | 'unsupported'

/** Where an answer came from and what it said, as a `RegistryError` carries it. */
export interface RegistryAnswer {
  /** The registry host (`ghcr.io`), or the token service's host for a token request. */
  registry: string
  method: string
  /** The request path, without the query. */
  path: string
  /** The HTTP status. */
  status: number
  /** The Distribution error codes of the body, upper case (`TAG_INVALID`); empty when it had none. */
  codes?: string[]
  /** The server's `Retry-After`, in ms. */
  retryAfterMs?: number
}

const DeniedCodes = new Set(['DENIED', 'UNAUTHORIZED'])

/** The kind of an answer by its status and codes; a `DENIED` code wins over the status. */
export function answerKind(status: number, codes: readonly string[] = []): RegistryErrorKind {
  if (status === 401 || status === 403 || codes.some(code => DeniedCodes.has(code))) return 'denied'
  if (status === 405 || status === 501) return 'unsupported'
  if (status >= 500 || status === 408 || status === 429) return 'unavailable'
  if (status === 404 || codes.some(code => code.endsWith('_UNKNOWN'))) return 'not-found'
  return 'refused'
}

/**
 * A registry (or its token service) answered with an error. It is the `HttpStatusError` the retry policy reads
 * (status, Retry-After), with what callers need to decide: the kind, the codes, and where it came from.
 */
export class RegistryError extends HttpStatusError {
  override name = 'RegistryError'
  readonly registry: string
  readonly method: string
  readonly path: string
  readonly codes: string[]
  readonly kind: RegistryErrorKind

  constructor(message: string, answer: RegistryAnswer, options?: { cause?: unknown }) {
    super(message, answer.status, answer.retryAfterMs)
    if (options?.cause !== undefined) this.cause = options.cause
    this.registry = answer.registry
    this.method = answer.method
    this.path = answer.path
    this.codes = answer.codes ?? []
    this.kind = answerKind(answer.status, this.codes)
  }

  /** Whether the same request may be answered differently later. */
  get temporary(): boolean {
    return this.kind === 'unavailable'
  }

  /** Whether the body carries one of these Distribution error codes. */
  hasCode(...codes: string[]): boolean {
    return this.codes.some(code => codes.includes(code))
  }
}

/**
 * The registry's final refusal behind an error: a 4xx answer that asking again would not change (not a 408 or
 * 429). Such an answer may still mean something can be done another way: upload instead of mount, or find the
 * tag already in place.
 */
export function finalRefusalOf(error: unknown): RegistryError | undefined {
  const answer = registryErrorOf(error)
  return answer && !answer.temporary && answer.status >= 400 && answer.status < 500 ? answer : undefined
}

/**
 * The `RegistryError` behind an error, following `cause` (a request that gave up after retries wraps the last
 * answer): what `errors.Is` is to Go.
 */
export function registryErrorOf(error: unknown): RegistryError | undefined {
  for (let e = error, depth = 0; e !== undefined && depth < 8; depth++) {
    if (e instanceof RegistryError) return e
    e = e instanceof Error ? e.cause : undefined
  }
  return undefined
}
