import { type Logger, silentLogger } from '../core/logger.js'
import { formatRepository, type Repository, sameRepository } from '../core/reference.js'
import { Authenticator, repositoryScope, type TokenFetch } from './auth.js'
import { parseErrorBody } from './error-body.js'
import { answerKind, RegistryError, type RegistryAnswer } from './errors.js'
import { RegistryHosts } from './hosts.js'
import {
  createHttpTransport,
  discardBody,
  type HttpResponse,
  HttpTimeoutError,
  type HttpTransport,
  readBody,
  redactedUrl,
  type RequestBody,
  settled,
} from './http.js'
import {
  describeError,
  GaveUpError,
  HttpStatusError,
  isRetryableStatus,
  parseRetryAfter,
  type RetryOptions,
  type RetryTarget,
  withRetry,
} from './retry.js'
import type { CredentialStore, RequestEvent } from './types.js'

export interface RegistryClientOptions {
  /** Where credentials come from: `dockerConfigCredentials()` in production. */
  credentials: CredentialStore
  /** Registries (`host[:port]`) spoken to over plain HTTP, besides loopback ones which always are. */
  insecureRegistries?: string[]
  /**
   * Repositories this run will write to. Every request to them asks for a `pull,push` token up front, so a
   * HEAD followed by a PUT costs one token, not two.
   */
  pushRepositories?: Repository[]
  /** Retry policy for every request, token requests included. */
  retry?: RetryOptions
  logger?: Logger
  /** Called after every HTTP exchange (redirect hops and token requests included); status 0 when none came. */
  onRequest?: (event: RequestEvent) => void
  /** Sent as `User-Agent` (default `native-multiarch`), e.g. `native-multiarch/1.0.0`. */
  userAgent?: string
  /** Fail a request when no byte moves for this long (default 60 s). */
  timeoutMs?: number
  /**
   * Requests other than HEADs in flight at once per host (default 4), so that parallel merges stay under registries' rate
   * limits however much the steps above run in parallel. Token requests (one per scope set, shared) and blob
   * downloads (each the body of an upload that holds a slot, or a config read) take no slot: they start while
   * their caller holds one, and waiting for a slot there could wait forever.
   */
  maxRequestsPerHost?: number
  /** Existence checks (HEADs) in flight at once per host, beside the requests above (default 16). */
  maxChecksPerHost?: number
  /** Called with every token the moment it arrives, so the action shell can mask it before anything logs. */
  onSecret?: (value: string) => void
  /**
   * How long to wait for content that was pushed moments ago and is not visible yet (a 404 on a manifest a
   * record names; an index PUT answered `MANIFEST_BLOB_UNKNOWN`). Default: up to 30 s, backing off to 5 s.
   */
  lag?: Pick<RetryOptions, 'totalTimeoutMs' | 'baseDelayMs' | 'maxDelayMs' | 'sleep' | 'now' | 'random'>
}

/** One request to a registry, in the terms the resource modules think in. */
export interface RegistryCall {
  repository: Repository
  method: string
  url: URL
  headers?: Record<string, string>
  body?: RequestBody
  /** Needs push access to `repository` (and pull on `from`, for a mount). */
  push: boolean
  from?: Repository
  /** Statuses that are answers for the caller to read; any other status becomes a `RegistryError`. */
  expectedStatuses: number[]
  followRedirects?: boolean
  /** Takes no slot of the per-host limit: a blob download (see `maxRequestsPerHost`). */
  slotFree?: boolean
  /** A GET of bulk content, read into reused buffers (`RequestOptions.bulk`). */
  bulk?: boolean
}

/**
 * The request core every resource module sends through: per-host slots, auth (with the challenge answered
 * once), retries with backoff, redirects that keep credentials on the registry, and errors as `RegistryError`.
 */
export interface RequestCore {
  readonly hosts: RegistryHosts
  readonly logger: Logger
  /** `<endpoint>/v2/<repository>/<rest>`. */
  apiUrl(repository: Repository, rest: string): URL
  /** A call with retries; `read` reads the answer inside the attempt, so a body cut short is retried too. */
  request<T>(call: RegistryCall, read: (response: HttpResponse) => Promise<T>): Promise<T>
  /** One attempt at a call, for operations of several exchanges that are retried whole (a blob upload). */
  exchange(call: RegistryCall, attempt: number): Promise<HttpResponse>
  /** Retries `work` under the policy; a request that got no answer at all is explained once it gives up. */
  retried<T>(target: RetryTarget, method: string, url: URL, work: (attempt: number) => Promise<T>): Promise<T>
  /**
   * Runs `operation` again while it fails with `isLag` (content pushed moments ago not visible yet), logging
   * each wait; when the bound is reached, the registry's last answer stands.
   */
  waitOutLag<T>(
    what: string,
    target: RetryTarget,
    isLag: (error: unknown) => boolean,
    operation: () => Promise<T>,
  ): Promise<T>
  /**
   * Gets ready for `repository` while the caller waits on something else (the build step, on the builder):
   * learns the registry's auth scheme with `GET /v2/` (the API's version check) and fetches the token the
   * repository will need: the 401 and token request its first real request would have drawn, moved out of the
   * way (and a connection the upload reuses if the registry keeps it open that long). Never fails: what goes
   * wrong is the real requests' to retry and report.
   */
  prepare(repository: Repository, push: boolean): Promise<void>
  close(): void
}

/** Waiting out a registry's lag after a push: bounded, a few seconds to half a minute. */
const DefaultLag = { totalTimeoutMs: 30_000, baseDelayMs: 500, maxDelayMs: 5_000, maxAttempts: 50 }
const ErrorBodyLimit = 64 * 1024
const TokenBodyLimit = 1024 * 1024

export function createRequestCore(options: RegistryClientOptions): RequestCore {
  const logger = options.logger ?? silentLogger
  const retryOptions = loggedRetries(options, logger)
  const hosts = new RegistryHosts(
    options.insecureRegistries,
    options.maxRequestsPerHost,
    options.maxChecksPerHost,
  )
  const transport = createHttpTransport({ timeoutMs: options.timeoutMs })
  const now = retryOptions.now ?? Date.now
  const retried: RequestCore['retried'] = (target, method, url, work) =>
    withRetry(target, retryOptions, work).catch(error => {
      throw explainConnectionFailure(error, target.host, method, url)
    })
  const sender: Sender = {
    options,
    logger,
    hosts,
    transport,
    userAgent: options.userAgent ?? 'native-multiarch',
    now,
  }
  const state: CoreState = {
    ...sender,
    auth: new Authenticator({
      credentials: options.credentials,
      fetchToken: tokenFetch(sender, retried),
      allowsPlainHttp: host => hosts.allowsPlainHttp(host),
      onSecret: options.onSecret,
      now: retryOptions.now,
    }),
  }
  return {
    hosts,
    logger,
    apiUrl: (repository, rest) =>
      new URL(`/v2/${repository.path}/${rest}`, hosts.endpoint(repository.registry)),
    request(call, read) {
      const target = { host: call.repository.registry, method: call.method, path: call.url.pathname }
      return retried(target, call.method, call.url, async attempt =>
        read(await exchange(state, call, attempt)),
      )
    },
    exchange: (call, attempt) => exchange(state, call, attempt),
    retried,
    waitOutLag: (what, target, isLag, operation) =>
      waitOutLag(options, logger, what, target, isLag, operation),
    prepare: (repository, push) => prepare(state, repository, push),
    close: () => transport.close(),
  }
}

/** What sending needs: where to log and report, the hosts' slots, the connections. */
interface Sender {
  options: RegistryClientOptions
  logger: Logger
  hosts: RegistryHosts
  transport: HttpTransport
  userAgent: string
  /** The clock `Retry-After` dates are read against. */
  now: () => number
}

/** What an exchange needs besides: credentials and tokens. */
interface CoreState extends Sender {
  auth: Authenticator
}

/**
 * One HTTP exchange, reported to `onRequest` and the debug log hop by hop. It holds a slot of its host until
 * its body has been read or dropped (unless `slotFree`), so every answer must be read or discarded.
 */
async function send(
  sender: Sender,
  request: { method: string; url: URL; headers: Record<string, string>; body?: RequestBody | undefined },
  attempt: number,
  hop: { trusted: URL } & Pick<RegistryCall, 'followRedirects' | 'slotFree' | 'bulk'>,
): Promise<HttpResponse> {
  const { method, url } = request
  const report = (hopMethod: string, hopUrl: URL, status: number): void => {
    const shown = redactedUrl(hop.trusted, hopUrl)
    sender.logger.debug(
      `${hopMethod} ${shown} -> ${status || 'no answer'}${attempt > 1 ? ` (attempt ${attempt})` : ''}`,
    )
    sender.options.onRequest?.({ method: hopMethod, url: shown, status, attempt })
  }
  const slots = method === 'HEAD' ? sender.hosts.checkSlots : sender.hosts.slots
  const release = hop.slotFree ? () => {} : await slots.acquire(url.host)
  let response: HttpResponse
  try {
    response = await sender.transport.request(method, url, request.headers, request.body, {
      followRedirects: hop.followRedirects,
      bulk: hop.bulk,
    })
  } catch (error) {
    release()
    report(method, url, 0)
    throw error
  }
  // The host's slot comes back once the body has been read to its end, dropped, or has failed.
  void settled(response.body).then(release)
  for (const redirect of response.redirects) report(method, redirect.url, redirect.status)
  report(method, response.url, response.status)
  return response
}

/** One attempt at a call: authorizes, and on a 401 answers the challenge and tries once more. */
async function exchange(state: CoreState, call: RegistryCall, attempt: number): Promise<HttpResponse> {
  const { auth, hosts } = state
  const { registry } = call.repository
  const base = hosts.endpoint(registry)
  const writes = (repository: Repository): boolean =>
    (state.options.pushRepositories ?? []).some(r => sameRepository(r, repository))
  const scopes = [repositoryScope(call.repository.path, call.push || writes(call.repository))]
  if (call.from) scopes.push(repositoryScope(call.from.path, writes(call.from)))
  // Upload locations may point elsewhere; the registry's credentials go to the registry only.
  const onRegistry = call.url.origin === base.origin
  const learned =
    onRegistry && !auth.knowsScheme(registry) ? await hosts.awaitSchemeLearning(registry) : undefined
  try {
    let authorization = onRegistry ? await auth.authorization(registry, scopes) : undefined
    for (let answeredChallenge = false; ; answeredChallenge = true) {
      const headers: Record<string, string> = { 'User-Agent': state.userAgent, ...call.headers }
      if (authorization) headers.Authorization = authorization
      const response = await send(state, { ...call, headers }, attempt, { ...call, trusted: base })
      if (response.status === 401 && onRegistry && !answeredChallenge) {
        // Read first: the connection and the host's slot are free again while a token is fetched.
        const body = await readErrorBody(response)
        const challenge = response.headers['www-authenticate']
        const next = await auth.challenged(registry, challenge, scopes, authorization)
        if (next) {
          authorization = next
          continue
        }
        throw await failure(state, call, response, body)
      }
      if (call.expectedStatuses.includes(response.status)) return response
      throw await failure(state, call, response)
    }
  } finally {
    learned?.()
  }
}

async function prepare(state: CoreState, repository: Repository, push: boolean): Promise<void> {
  const { registry } = repository
  try {
    const learned =
      state.auth.knowsScheme(registry) || !state.hosts.firstPing(registry)
        ? undefined
        : await state.hosts.awaitSchemeLearning(registry)
    // Unless known (or learned meanwhile by another exchange), the scheme comes from the ping's challenge; a
    // ping that learned none leaves the turn to the next exchange.
    if (learned)
      await ping(state, registry).finally(() => {
        if (!state.auth.knowsScheme(registry)) state.hosts.relearnScheme(registry)
        learned()
      })
    await state.auth.authorization(registry, [repositoryScope(repository.path, push)])
  } catch (error) {
    state.logger.debug(
      `Could not get ready for ${formatRepository(repository)} ahead of time: ${describeError(error)}`,
    )
  }
}

/** `GET /v2/`, the API's version check: its 401 tells the registry's auth scheme. */
async function ping(state: CoreState, registry: string): Promise<void> {
  const base = state.hosts.endpoint(registry)
  const request = { method: 'GET', url: new URL('/v2/', base), headers: { 'User-Agent': state.userAgent } }
  const response = await send(state, request, 1, { trusted: base })
  await readErrorBody(response)
  if (response.status === 401) state.auth.learnScheme(registry, response.headers['www-authenticate'])
}

/** The error for an answer the call did not expect: access denied, or the status with what the body said. */
async function failure(
  state: CoreState,
  call: RegistryCall,
  response: HttpResponse,
  read?: Buffer,
): Promise<RegistryError> {
  const { codes, detail } = parseErrorBody(read ?? (await readErrorBody(response)))
  const { registry } = call.repository
  const answer = { registry, method: call.method, path: call.url.pathname, codes }
  if (answerKind(response.status, codes) !== 'denied') {
    const what = `Registry ${registry}: ${call.method} ${call.url.pathname}`
    return statusError(what, response, answer, detail, state.now)
  }
  const credentials = await state.auth.credentials(registry)
  const action = call.push ? 'push' : 'pull'
  const source = call.from ? ` (mounting from ${formatRepository(call.from)})` : ''
  const said = `the registry answered ${call.method} with HTTP ${response.status}${detail ? ` (${detail})` : ''}`
  const whose = credentials
    ? `using the credentials found for ${registry}`
    : `without credentials: none were found for ${registry}`
  return new RegistryError(
    `${action} access denied for ${formatRepository(call.repository)}${source}: ${said}, ${whose}. Check that the image name includes the registry (e.g. ghcr.io/acme/app) and that a login step ran for ${registry}.`,
    { ...answer, status: response.status },
  )
}

/** The retry policy, telling the log about every wait: a slow merge should say what it is waiting on. */
function loggedRetries(options: RegistryClientOptions, logger: Logger): RetryOptions {
  return {
    ...options.retry,
    onRetry(error, attempt, delayMs, target) {
      // Answers and timeouts name their request; a reset connection does not.
      const named = error instanceof HttpStatusError || error instanceof HttpTimeoutError
      const what = named
        ? describeError(error)
        : `Registry ${target.host}: ${target.method} ${target.path}: ${describeError(error)}`
      logger.info(`${what}; retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt + 1})`)
      options.retry?.onRetry?.(error, attempt, delayMs, target)
    },
  }
}

/** Token requests: retried like any request, never holding a slot (they start while their caller holds one). */
function tokenFetch(sender: Sender, retried: RequestCore['retried']): TokenFetch {
  return request =>
    retried(
      { host: request.url.host, method: request.method, path: request.url.pathname },
      request.method,
      request.url,
      async attempt => {
        const headers = { 'User-Agent': sender.userAgent, ...request.headers }
        const response = await send(sender, { ...request, headers }, attempt, {
          trusted: request.url,
          slotFree: true,
        })
        const where = `${request.url.host}${request.url.pathname}`
        if (isRetryableStatus(response.status)) {
          await discardBody(response)
          const answer = { registry: request.url.host, method: request.method, path: request.url.pathname }
          throw statusError(`Token service ${where}`, response, answer, '', sender.now)
        }
        return {
          status: response.status,
          body: await readBody(response, TokenBodyLimit, `The answer of the token service ${where}`),
        }
      },
    )
}

/** A status answer as a `RegistryError`: what was asked, what came back, and for a 429 what is left of the limit. */
function statusError(
  what: string,
  response: HttpResponse,
  answer: Omit<RegistryAnswer, 'status'>,
  detail: string,
  now: () => number,
): RegistryError {
  let message = `${what} answered HTTP ${response.status}${detail ? ` (${detail})` : ''}`
  if (response.status === 429) {
    const limits = ['ratelimit-remaining', 'ratelimit-limit']
      .filter(name => response.headers[name] !== undefined)
      .map(name => `${name}: ${response.headers[name]}`)
    message += limits.length ? `; rate limit ${limits.join(', ')}` : '; rate limited'
  }
  const retryAfterMs = parseRetryAfter(header(response, 'retry-after'), now())
  return new RegistryError(message, { ...answer, status: response.status, retryAfterMs })
}

/** See `RequestCore.waitOutLag`. */
function waitOutLag<T>(
  options: RegistryClientOptions,
  logger: Logger,
  what: string,
  target: RetryTarget,
  isLag: (error: unknown) => boolean,
  operation: () => Promise<T>,
): Promise<T> {
  const policy: RetryOptions = {
    ...DefaultLag,
    ...options.lag,
    retryable: isLag,
    onRetry(error, attempt, delayMs) {
      const why = error instanceof RegistryError ? `HTTP ${error.status}` : describeError(error)
      logger.info(
        `Registry ${target.host}: ${what} (${why}); it was pushed moments ago, so waiting ${(delayMs / 1000).toFixed(1)} s for the registry to catch up (attempt ${attempt + 1})`,
      )
    },
  }
  return withRetry(target, policy, operation).catch(error => {
    // When the wait itself gives up, the caller wants the registry's last answer, as it would without a wait.
    throw error instanceof GaveUpError && isLag(error.cause) ? error.cause : error
  })
}

export function readErrorBody(response: HttpResponse): Promise<Buffer> {
  return readBody(response, ErrorBodyLimit, 'The error body').catch(() => Buffer.alloc(0))
}

export function header(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/**
 * A request that got no HTTP answer at all (DNS, refused, TLS, reset) says where it went: the scheme matters,
 * since a registry that speaks plain HTTP fails the TLS handshake, and a host that does not resolve is a typo
 * or a missing registry prefix more often than an outage. Answers with a status are left as they are.
 */
function explainConnectionFailure(error: unknown, registry: string, method: string, url: URL): unknown {
  if (error instanceof ConnectionFailure) return error
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error
  if (cause instanceof HttpStatusError || typeof cause !== 'object' || cause === null) return error
  const code = (cause as { code?: unknown }).code
  if (typeof code !== 'string') return error
  // OpenSSL's messages carry internals (`...:SSL routines:ssl3_get_record:wrong version number:../deps/...`).
  const tls = /SSL routines:[^:]*:([^:]+)/.exec(describeError(cause))?.[1]
  let hint = `The request went to ${url.origin}`
  if (/^(EPROTO|ERR_SSL)/.test(code) && url.protocol === 'https:') {
    hint += `; if ${registry} serves plain HTTP, list it as an insecure registry.`
  } else if (/CERT|UNABLE_TO|SELF_SIGNED/.test(code)) {
    hint += `; its certificate is not trusted here: give node its CA in NODE_EXTRA_CA_CERTS.`
  } else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    hint += `; ${url.hostname} does not resolve: check the registry host in the image name.`
  } else {
    hint += '.'
  }
  // Retries already named the registry and the request; a failure that was not retried did not.
  const message =
    error === cause
      ? `Registry ${registry}: ${method} ${url.pathname} failed: ${tls ? `the TLS handshake failed (${tls}, ${code})` : describeError(cause).trim()}.`
      : (error as Error).message
  return new ConnectionFailure(`${message}${message.endsWith('.') ? '' : '.'} ${hint}`, { cause })
}

/** A request that got no answer, explained once (a token request's failure passes through its caller's). */
class ConnectionFailure extends GaveUpError {
  override name = 'ConnectionFailure'
}
