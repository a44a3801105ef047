import { createHash } from 'node:crypto'
import { Transform, pipeline } from 'node:stream'
import { keyedLimiter } from '../core/concurrency.js'
import type { Descriptor } from '../core/descriptor.js'
import { type Digest, isDigest, sha256Digest } from '../core/digest.js'
import { type Logger, silentLogger } from '../core/logger.js'
import { ManifestMediaTypes, MaxManifestBytes } from '../core/media-types.js'
import {
  DockerHub,
  formatReference,
  formatRepository,
  isLoopbackRegistry,
  isValidTag,
  type Repository,
  sameRepository,
} from '../core/reference.js'
import { Authenticator, repositoryScope, type TokenFetch } from './auth.js'
import { parseErrorBody } from './error-body.js'
import {
  createHttpTransport,
  discardBody,
  type HttpResponse,
  HttpTimeoutError,
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
import { answerKind, RegistryError, type RegistryAnswer, registryErrorOf } from './errors.js'
import type { CredentialStore, Manifest, RegistryClient, RequestEvent } from './types.js'

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
   * Requests in flight at once per host (default 4), so that parallel merges stay under registries' rate
   * limits however much the steps above run in parallel. Token requests (one per scope set, shared) and blob
   * downloads (each the body of an upload that holds a slot, or a config read) take no slot: they start while
   * their caller holds one, and waiting for a slot there could wait forever.
   */
  maxRequestsPerHost?: number
  /** Called with every token the moment it arrives, so the action shell can mask it before anything logs. */
  onSecret?: (value: string) => void
  /**
   * How long to wait for content that was pushed moments ago and is not visible yet (a 404 on a manifest a
   * record names; an index PUT answered `MANIFEST_BLOB_UNKNOWN`). Default: up to 30 s, backing off to 5 s.
   */
  lag?: Pick<RetryOptions, 'totalTimeoutMs' | 'baseDelayMs' | 'maxDelayMs' | 'sleep' | 'now' | 'random'>
}

/** A registry client that holds keep-alive connections: `close()` them when done. */
export type ClosableRegistryClient = RegistryClient & { close(): void }

/** Requests in flight per registry host: enough to hide latency, few enough not to trip GHCR's 429. */
export const DefaultRequestsPerHost = 4

/** Waiting out a registry's lag after a push: bounded, a few seconds to half a minute. */
const DefaultLag = { totalTimeoutMs: 30_000, baseDelayMs: 500, maxDelayMs: 5_000, maxAttempts: 50 }

/** Codes of a manifest PUT whose children the registry does not show yet. */
const LagCodes = ['MANIFEST_BLOB_UNKNOWN', 'BLOB_UNKNOWN']

/** A manifest a caller knows was pushed answered 404: not there yet. */
class NotVisibleYet extends Error {
  override name = 'NotVisibleYet'
}

/** Docker Hub's references say `docker.io`; its registry API lives here. */
export const DockerHubEndpoint = 'registry-1.docker.io'

const ErrorBodyLimit = 64 * 1024
const TokenBodyLimit = 1024 * 1024
/** Content types some registries answer with instead of the manifest's own; the bytes' `mediaType` then decides. */
const GenericContentTypes = new Set(['', 'application/json', 'application/octet-stream', 'text/plain'])

/** One request to a registry, in the terms the client's methods think in. */
interface Call {
  repository: Repository
  method: string
  url: URL
  headers?: Record<string, string>
  body?: RequestBody
  /** Needs push access to `repository` (and pull on `from`, for a mount). */
  push: boolean
  from?: Repository
  /** Statuses that are answers for the caller to read; anything else becomes an error. */
  ok: number[]
  followRedirects?: boolean
  /** A blob download: takes no slot of the per-host limit (see `maxRequestsPerHost`). */
  download?: boolean
}

/**
 * A client for any registry that speaks the OCI Distribution API: Docker Hub, GHCR, ECR, ACR, GAR, Quay,
 * CNCF Distribution. Connections, the registry's auth scheme and tokens are kept per registry host; every
 * request is retried by the policy in `retry.ts`, and every answer is checked (digests, sizes, JSON) before it
 * is believed.
 */
export function createRegistryClient(options: RegistryClientOptions): ClosableRegistryClient {
  const logger = options.logger ?? silentLogger
  const userAgent = options.userAgent ?? 'native-multiarch'
  const retryOptions: RetryOptions = {
    ...options.retry,
    onRetry(error, attempt, delayMs, target) {
      // Visible without debug logging: a slow merge should say it is waiting on a registry, and why. Answers
      // and timeouts name their request; a reset connection does not.
      const named = error instanceof HttpStatusError || error instanceof HttpTimeoutError
      const what = named
        ? describeError(error)
        : `Registry ${target.host}: ${target.method} ${target.path}: ${describeError(error)}`
      logger.info(`${what}; retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt + 1})`)
      options.retry?.onRetry?.(error, attempt, delayMs, target)
    },
  }
  const insecure = new Set(options.insecureRegistries ?? [])
  const pushRepositories = options.pushRepositories ?? []
  const transport = createHttpTransport({ timeoutMs: options.timeoutMs })
  const slots = keyedLimiter(options.maxRequestsPerHost ?? DefaultRequestsPerHost)
  /**
   * Runs `operation` again while it fails with `isLag` (content pushed moments ago not visible yet), logging each
   * wait; the last error stands when the bound is reached.
   */
  const waitOutLag = <T>(
    what: string,
    target: RetryTarget,
    isLag: (error: unknown) => boolean,
    operation: () => Promise<T>,
  ) =>
    withRetry(
      target,
      {
        ...DefaultLag,
        ...options.lag,
        retryable: isLag,
        onRetry(error, attempt, delayMs) {
          const why = error instanceof NotVisibleYet ? 'HTTP 404' : describeError(error)
          logger.info(
            `Registry ${target.host}: ${what} (${why}); it was pushed moments ago, so waiting ${(delayMs / 1000).toFixed(1)} s for the registry to catch up (attempt ${attempt + 1})`,
          )
        },
      },
      operation,
    ).catch(error => {
      // When the wait itself gives up, the caller wants the registry's last answer, as it would without a wait.
      throw error instanceof GaveUpError && isLag(error.cause) && !(error.cause instanceof NotVisibleYet)
        ? error.cause
        : error
    })

  /** Per registry, the exchange that is learning its auth scheme (resolved once it has an answer). */
  const firstExchanges = new Map<string, Promise<void>>()

  /** withRetry, and once it has given up, a request that got no answer explained (where it went, why). */
  const retried = <T>(target: RetryTarget, method: string, url: URL, work: (attempt: number) => Promise<T>) =>
    withRetry(target, retryOptions, work).catch(error => {
      throw explainConnectionFailure(error, target.host, method, url)
    })

  const fetchToken: TokenFetch = request =>
    retried(
      { host: request.url.host, method: request.method, path: request.url.pathname },
      request.method,
      request.url,
      async attempt => {
        const headers = { 'User-Agent': userAgent, ...request.headers }
        const response = await send(request.method, request.url, headers, request.body, attempt, {
          trusted: request.url,
          unlimited: true,
        })
        if (isRetryableStatus(response.status)) {
          await discardBody(response)
          throw statusError(`Token service ${request.url.host}${request.url.pathname}`, response, {
            registry: request.url.host,
            method: request.method,
            path: request.url.pathname,
          })
        }
        const what = `The answer of the token service ${request.url.host}${request.url.pathname}`
        return { status: response.status, body: await readBody(response, TokenBodyLimit, what) }
      },
    )
  const auth = new Authenticator({
    credentials: options.credentials,
    fetchToken,
    allowsPlainHttp: host => isPlainHttpRegistry(host, insecure),
    onSecret: options.onSecret,
    now: retryOptions.now,
  })

  const endpoint = (registry: string): URL => registryEndpoint(registry, insecure)

  function apiUrl(repository: Repository, rest: string): URL {
    return new URL(`/v2/${repository.path}/${rest}`, endpoint(repository.registry))
  }

  function writes(repository: Repository): boolean {
    return pushRepositories.some(r => sameRepository(r, repository))
  }

  /**
   * One HTTP exchange, reported to `onRequest` and the debug log hop by hop. It holds a slot of its host until
   * its body has been read or dropped (unless `unlimited`), so every answer must be read or discarded.
   */
  async function send(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: RequestBody | undefined,
    attempt: number,
    hop: { trusted: URL; followRedirects?: boolean; unlimited?: boolean },
  ): Promise<HttpResponse> {
    const { trusted, followRedirects } = hop
    const report = (hopMethod: string, hopUrl: URL, status: number): void => {
      const shown = redactedUrl(trusted, hopUrl)
      logger.debug(
        `${hopMethod} ${shown} -> ${status || 'no answer'}${attempt > 1 ? ` (attempt ${attempt})` : ''}`,
      )
      options.onRequest?.({ method: hopMethod, url: shown, status, attempt })
    }
    const release = hop.unlimited ? () => {} : await slots.acquire(url.host)
    let response: HttpResponse
    try {
      response = await transport.request(method, url, headers, body, { followRedirects })
    } catch (error) {
      release()
      report(method, url, 0)
      throw error
    }
    // The host's slot comes back once the body has been read to its end, dropped, or has failed.
    void settled(response.body).then(release)
    for (const hop of response.redirects) report(method, hop.url, hop.status)
    report(method, response.url, response.status)
    return response
  }

  /** One attempt at a call: authorizes, and on a 401 answers the challenge and tries once more. */
  async function exchange(call: Call, attempt: number): Promise<HttpResponse> {
    const { registry } = call.repository
    const base = endpoint(registry)
    const scopes = [repositoryScope(call.repository.path, call.push || writes(call.repository))]
    if (call.from) scopes.push(repositoryScope(call.from.path, writes(call.from)))
    // Upload locations may point elsewhere; the registry's credentials go to the registry only.
    const onRegistry = call.url.origin === base.origin
    // Until a registry's scheme is known, one exchange learns it while the others wait, so parallel first
    // requests do not each draw a 401.
    let learned: (() => void) | undefined
    if (onRegistry && !auth.knowsScheme(registry)) {
      const first = firstExchanges.get(registry)
      if (first) await first
      else firstExchanges.set(registry, new Promise<void>(resolve => (learned = resolve)))
    }
    try {
      return await authorizedExchange(call, attempt, base, scopes, onRegistry)
    } finally {
      learned?.()
    }
  }

  async function authorizedExchange(
    call: Call,
    attempt: number,
    base: URL,
    scopes: string[],
    onRegistry: boolean,
  ): Promise<HttpResponse> {
    const { registry } = call.repository
    let authorization = onRegistry ? await auth.authorization(registry, scopes) : undefined
    for (let challenged = false; ; challenged = true) {
      const headers: Record<string, string> = { 'User-Agent': userAgent, ...call.headers }
      if (authorization) headers.Authorization = authorization
      const response = await send(call.method, call.url, headers, call.body, attempt, {
        trusted: base,
        followRedirects: call.followRedirects,
        unlimited: call.download,
      })
      if (response.status === 401 && onRegistry && !challenged) {
        // Read first: the connection and the host's slot are free again while a token is fetched.
        const body = await readErrorBody(response)
        const next = await auth.challenged(
          registry,
          response.headers['www-authenticate'],
          scopes,
          authorization,
        )
        if (next) {
          authorization = next
          continue
        }
        throw await failure(call, response, body)
      }
      if (call.ok.includes(response.status)) return response
      throw await failure(call, response)
    }
  }

  /** A call with retries; `handle` reads the answer inside the attempt, so a body cut short is retried too. */
  async function request<T>(call: Call, handle: (response: HttpResponse) => Promise<T>): Promise<T> {
    const target = { host: call.repository.registry, method: call.method, path: call.url.pathname }
    return retried(target, call.method, call.url, async attempt => handle(await exchange(call, attempt)))
  }

  async function failure(call: Call, response: HttpResponse, read?: Buffer): Promise<RegistryError> {
    const body = read ?? (await readErrorBody(response))
    const { codes, detail } = parseErrorBody(body)
    const { registry } = call.repository
    const answer = { registry, method: call.method, path: call.url.pathname, codes }
    if (answerKind(response.status, codes) === 'denied') {
      const credentials = await auth.credentials(registry)
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
    return statusError(`Registry ${registry}: ${call.method} ${call.url.pathname}`, response, answer, detail)
  }

  function statusError(
    what: string,
    response: HttpResponse,
    answer: Omit<RegistryAnswer, 'status'>,
    detail = '',
  ): RegistryError {
    let message = `${what} answered HTTP ${response.status}${detail ? ` (${detail})` : ''}`
    if (response.status === 429) {
      const limits = ['ratelimit-remaining', 'ratelimit-limit']
        .filter(name => response.headers[name] !== undefined)
        .map(name => `${name}: ${response.headers[name]}`)
      message += limits.length ? `; rate limit ${limits.join(', ')}` : '; rate limited'
    }
    const retryAfterMs = parseRetryAfter(header(response, 'retry-after'), (retryOptions.now ?? Date.now)())
    return new RegistryError(message, { ...answer, status: response.status, retryAfterMs })
  }

  function manifestCall(repository: Repository, reference: string, method: 'HEAD' | 'GET'): Call {
    return {
      repository,
      method,
      url: apiUrl(repository, `manifests/${checkReference(repository, reference)}`),
      headers: { Accept: ManifestMediaTypes.join(', ') },
      push: false,
      ok: [200, 404],
    }
  }

  async function getManifest(repository: Repository, reference: string): Promise<Manifest> {
    const found = await findManifest(repository, reference)
    if ('bytes' in found) return found
    const name = referenceName(repository, reference)
    throw new RegistryError(
      `Manifest ${name} was not found (HTTP 404${found.detail ? `: ${found.detail}` : ''}).`,
      found.answer,
    )
  }

  /** GET a manifest: its bytes and descriptor, or what the registry said when it has none (404). */
  async function findManifest(
    repository: Repository,
    reference: string,
  ): Promise<Manifest | { answer: RegistryAnswer; detail: string }> {
    const name = referenceName(repository, reference)
    const call = manifestCall(repository, reference, 'GET')
    return request(call, async response => {
      if (response.status === 404) {
        const { codes, detail } = parseErrorBody(await readErrorBody(response))
        const answer = {
          registry: repository.registry,
          method: 'GET',
          path: call.url.pathname,
          status: 404,
          codes,
        }
        return { answer, detail }
      }
      const bytes = await readBody(response, MaxManifestBytes, `The manifest ${name}`)
      let parsed: { mediaType?: unknown }
      try {
        parsed = JSON.parse(bytes.toString('utf8'))
      } catch {
        throw new Error(
          `Registry ${repository.registry}: GET ${call.url.pathname} answered with a body that is not JSON; expected the manifest ${name}.`,
        )
      }
      const announced = header(response, 'docker-content-digest')
      const digest = checkDigest(
        bytes,
        isDigest(reference) ? reference : announced,
        name,
        `Registry ${repository.registry}`,
      )
      const contentType = mediaTypeOf(header(response, 'content-type'))
      const mediaType =
        GenericContentTypes.has(contentType) && typeof parsed.mediaType === 'string'
          ? parsed.mediaType
          : contentType
      if (!mediaType)
        throw new Error(`Registry ${repository.registry} sent the manifest ${name} without a media type.`)
      return { descriptor: { mediaType, digest, size: bytes.length }, bytes }
    })
  }

  /**
   * Registries whose manifest HEAD answered 405 or 501 (older Nexus, some pull-through caches): existence is
   * checked with GET there for the rest of the step, as containerd does.
   */
  const withoutHead = new Set<string>()

  async function headByGet(repository: Repository, reference: string): Promise<Descriptor | undefined> {
    const found = await findManifest(repository, reference)
    return 'bytes' in found ? found.descriptor : undefined
  }

  /** One manifest HEAD (a GET where HEAD is not implemented): the descriptor, or undefined on 404. */
  async function headManifest(repository: Repository, reference: string): Promise<Descriptor | undefined> {
    if (withoutHead.has(repository.registry)) return headByGet(repository, reference)
    const call = { ...manifestCall(repository, reference, 'HEAD'), ok: [200, 404, 405, 501] }
    const descriptor = await request(call, async response => {
      await discardBody(response)
      if (response.status === 405 || response.status === 501) return 'no-head' as const
      if (response.status === 404) return null
      const digest = header(response, 'docker-content-digest')
      const mediaType = mediaTypeOf(header(response, 'content-type'))
      const size = Number(header(response, 'content-length'))
      if (
        !digest ||
        !isDigest(digest) ||
        GenericContentTypes.has(mediaType) ||
        !Number.isSafeInteger(size) ||
        size <= 0
      ) {
        return undefined
      }
      if (isDigest(reference) && digest !== reference) {
        throw new Error(
          `Registry ${repository.registry} answered HEAD ${referenceName(repository, reference)} with digest ${digest}.`,
        )
      }
      return { mediaType, digest, size } satisfies Descriptor
    })
    if (descriptor === null) return undefined
    if (descriptor === 'no-head') {
      if (!withoutHead.has(repository.registry)) {
        withoutHead.add(repository.registry)
        logger.info(
          `Registry ${repository.registry} does not answer manifest HEAD requests; checking with GET there from now on.`,
        )
      }
      return headByGet(repository, reference)
    }
    // Some registries leave out what HEAD should say; the manifest itself settles it.
    return descriptor ?? (await getManifest(repository, reference)).descriptor
  }

  return {
    async headManifest(repository, reference, options) {
      if (!options?.pushed) return headManifest(repository, reference)
      const target = {
        host: repository.registry,
        method: 'HEAD',
        path: apiUrl(repository, `manifests/${reference}`).pathname,
      }
      const what = `${referenceName(repository, reference)} is not there yet`
      return waitOutLag(
        what,
        target,
        error => error instanceof NotVisibleYet,
        async () => {
          const found = await headManifest(repository, reference)
          if (!found) throw new NotVisibleYet(what)
          return found
        },
      ).catch(error => {
        if (error instanceof GaveUpError && error.cause instanceof NotVisibleYet) return undefined
        throw error
      })
    },

    getManifest,

    async putManifest(repository, reference, bytes, mediaType) {
      const name = referenceName(repository, reference)
      if (bytes.length > MaxManifestBytes) {
        throw new Error(
          `The manifest for ${name} is ${bytes.length} bytes, over the ${MaxManifestBytes} registries accept.`,
        )
      }
      const digest = checkDigest(bytes, isDigest(reference) ? reference : undefined, name, 'The caller')
      const call: Call = {
        repository,
        method: 'PUT',
        url: apiUrl(repository, `manifests/${checkReference(repository, reference)}`),
        headers: { 'Content-Type': mediaType, 'Content-Length': String(bytes.length) },
        body: bytes,
        push: true,
        ok: [200, 201, 204],
      }
      const put = () =>
        request(call, async response => {
          await discardBody(response)
          const stored = header(response, 'docker-content-digest')
          if (stored && stored !== digest) {
            throw new Error(
              `Registry ${repository.registry} stored the manifest for ${name} as ${stored}, but the bytes sent have digest ${digest}.`,
            )
          }
          return digest
        })
      const target = { host: repository.registry, method: 'PUT', path: call.url.pathname }
      const isLag = (error: unknown) => registryErrorOf(error)?.hasCode(...LagCodes) === true
      return waitOutLag(`${name}: the registry does not show the manifest's children yet`, target, isLag, put)
    },

    async hasBlob(repository, digest) {
      const call: Call = {
        repository,
        method: 'HEAD',
        url: apiUrl(repository, `blobs/${checkReference(repository, digest)}`),
        push: false,
        // A redirect means the registry has it and would send it from storage; don't HEAD a presigned GET URL.
        ok: [200, 404, 301, 302, 303, 307, 308],
        followRedirects: false,
      }
      return request(call, async response => {
        await discardBody(response)
        return response.status !== 404
      })
    },

    async mountBlob(repository, digest, from) {
      if (repository.registry !== from.registry) {
        throw new Error(
          `Cannot mount ${digest} into ${formatRepository(repository)} from ${formatRepository(from)}: mounts work within one registry.`,
        )
      }
      const query = new URLSearchParams({ mount: checkReference(repository, digest), from: from.path })
      const call: Call = {
        repository,
        method: 'POST',
        url: apiUrl(repository, `blobs/uploads/?${query}`),
        headers: { 'Content-Length': '0' },
        push: true,
        from,
        ok: [201, 202],
      }
      try {
        return await request(call, async response => {
          await discardBody(response)
          // 202 opened an upload session instead; it is left for the registry to expire, which costs no request.
          return response.status === 201
        })
      } catch (error) {
        // Any 4xx to a mount means "not mounted", not "no access": Harbor answers a source project the token
        // does not cover with 404 "project not found", a pull-through proxy with 403. The caller uploads the
        // blob instead, as containerd and oras do; only a refused upload is an access error.
        const answer = registryErrorOf(error)
        if (answer && answer.status >= 400 && answer.status < 500 && !answer.temporary) {
          logger.debug(
            `Registry ${repository.registry} refused to mount ${digest} from ${from.path} (HTTP ${answer.status})`,
          )
          return false
        }
        throw error
      }
    },

    async getBlob(repository, digest) {
      const call: Call = {
        repository,
        method: 'GET',
        url: apiUrl(repository, `blobs/${checkReference(repository, digest)}`),
        push: false,
        ok: [200, 404],
        download: true,
      }
      const response = await request(call, async r => r)
      if (response.status === 404) {
        await discardBody(response)
        throw new Error(`Blob ${digest} was not found in ${formatRepository(repository)} (HTTP 404).`)
      }
      const checked = verifyingStream(
        digest,
        undefined,
        `Blob ${digest} from ${formatRepository(repository)}`,
      )
      return pipeline(response.body, checked, () => {})
    },

    async pushBlob(repository, descriptor, open) {
      const { digest, size } = descriptor
      const name = formatRepository(repository)
      const start: Call = {
        repository,
        method: 'POST',
        url: apiUrl(repository, 'blobs/uploads/'),
        headers: { 'Content-Length': '0' },
        push: true,
        ok: [202],
      }
      const target = {
        host: repository.registry,
        method: 'POST+PUT',
        path: `${start.url.pathname} (blob ${digest})`,
      }
      await retried(target, 'POST', start.url, async attempt => {
        const started = await exchange(start, attempt)
        await discardBody(started)
        const location = header(started, 'location')
        if (!location)
          throw new Error(`Registry ${repository.registry} opened an upload to ${name} without a Location.`)
        const url = new URL(location, started.url)
        // Keep the registry's own query (upload state) byte for byte; add the digest to it.
        url.search = `${url.search ? `${url.search}&` : '?'}digest=${encodeURIComponent(digest)}`
        const upload: Call = {
          repository,
          method: 'PUT',
          url,
          headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) },
          body: async () =>
            pipeline(await open(), verifyingStream(digest, size, `Blob ${digest} for ${name}`), () => {}),
          push: true,
          ok: [200, 201, 204],
        }
        const finished = await exchange(upload, attempt)
        await discardBody(finished)
        const stored = header(finished, 'docker-content-digest')
        if (stored && stored !== digest) {
          throw new Error(
            `Registry ${repository.registry} stored the blob pushed as ${digest} to ${name} as ${stored}.`,
          )
        }
      })
    },

    close: () => transport.close(),
  }
}

/**
 * Where a registry's API lives: Docker Hub's `docker.io` is served by `registry-1.docker.io`; loopback hosts
 * and the listed insecure registries speak plain HTTP, every other registry HTTPS.
 */
export function registryEndpoint(registry: string, insecureRegistries: ReadonlySet<string> = new Set()): URL {
  const host = registry === DockerHub ? DockerHubEndpoint : registry
  return new URL(`${isPlainHttpRegistry(registry, insecureRegistries) ? 'http' : 'https'}://${host}`)
}

/** Loopback hosts (where Docker too speaks plain HTTP) and registries listed as insecure. */
function isPlainHttpRegistry(host: string, insecureRegistries: ReadonlySet<string>): boolean {
  return isLoopbackRegistry(host) || insecureRegistries.has(host)
}

function readErrorBody(response: HttpResponse): Promise<Buffer> {
  return readBody(response, ErrorBodyLimit, 'The error body').catch(() => Buffer.alloc(0))
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

/** `ghcr.io/acme/app:1.0` or `ghcr.io/acme/app@sha256:...`, for messages. */
function referenceName(repository: Repository, reference: string): string {
  return formatReference({
    repository,
    ...(isDigest(reference) ? { digest: reference } : { tag: reference }),
  })
}

/** A tag or digest that is safe to put in a URL path, or an error naming the repository. */
function checkReference(repository: Repository, reference: string): string {
  if (isDigest(reference) || isValidTag(reference)) return reference
  throw new Error(`'${reference}' is neither a tag nor a digest (for ${formatRepository(repository)}).`)
}

/**
 * The digest of `bytes`, checked against `expected` in its own algorithm when there is one: a registry or
 * proxy that hands back other bytes than asked for is caught here, not three steps later.
 */
function checkDigest(bytes: Buffer, expected: string | undefined, name: string, who: string): Digest {
  if (!expected || !isDigest(expected)) return sha256Digest(bytes)
  const algorithm = expected.slice(0, expected.indexOf(':'))
  const actual = `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}` as Digest
  if (actual !== expected) {
    throw new Error(`${who} gave bytes for ${name} whose digest is ${actual}, not ${expected}.`)
  }
  return algorithm === 'sha256' ? actual : sha256Digest(bytes)
}

/** Passes bytes through, failing at the end when their digest (or count, when known) is not what was promised. */
function verifyingStream(digest: Digest, size: number | undefined, what: string): Transform {
  const algorithm = digest.slice(0, digest.indexOf(':'))
  const hash = createHash(algorithm)
  let length = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      length += chunk.length
      if (size !== undefined && length > size) {
        callback(new Error(`${what} has more than the ${size} bytes its descriptor says.`))
        return
      }
      hash.update(chunk)
      callback(null, chunk)
    },
    flush(callback) {
      const actual = `${algorithm}:${hash.digest('hex')}`
      if (size !== undefined && length !== size) {
        callback(new Error(`${what} has ${length} bytes, not the ${size} its descriptor says.`))
      } else if (actual !== digest) {
        callback(new Error(`${what} has digest ${actual}: the content is not what was asked for.`))
      } else {
        callback()
      }
    },
  })
}

function header(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name]
  return Array.isArray(value) ? value[0] : value
}

function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase()
}
