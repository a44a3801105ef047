import { keyedLimiter, type KeyedLimiter } from '../core/concurrency.js'
import { DockerHub, isLoopbackRegistry } from '../core/reference.js'

/**
 * Requests in flight per registry host: enough to hide latency, few enough not to trip GHCR's 429. The one
 * number for it: the client enforces it per host, and the steps above fan out this wide.
 */
export const DefaultRequestsPerHost = 4

/**
 * Existence checks (manifest and blob HEADs) in flight per registry host, beside the requests above: a HEAD has
 * no body, costs a registry a lookup, and Docker Hub does not count it as a pull, so a merge's checks of every
 * child and tag fit in one round rather than queue four at a time.
 */
export const DefaultChecksPerHost = 16

/** Docker Hub's references say `docker.io`; its registry API lives here. */
export const DockerHubEndpoint = 'registry-1.docker.io'

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

/**
 * Per registry host, in one place: how it is spoken to (plain HTTP or TLS), how many requests it gets at once,
 * and what this step has learned about it (that its manifest HEAD is not implemented; the auth scheme is kept
 * by the `Authenticator`, which learns it from the first challenge).
 */
export class RegistryHosts {
  /** Slots per host: a request holds one until its answer's body is read or dropped. */
  readonly slots: KeyedLimiter
  /** Slots per host for HEADs, which are cheap for a registry: `DefaultChecksPerHost`. */
  readonly checkSlots: KeyedLimiter
  private readonly insecure: ReadonlySet<string>
  private readonly withoutHead = new Set<string>()
  /** Per registry, the exchange that is learning its auth scheme (resolved once it has an answer). */
  private readonly firstExchanges = new Map<string, Promise<void>>()
  private readonly pinged = new Set<string>()

  constructor(
    insecureRegistries: readonly string[] = [],
    requestsPerHost = DefaultRequestsPerHost,
    checksPerHost = DefaultChecksPerHost,
  ) {
    this.insecure = new Set(insecureRegistries)
    this.slots = keyedLimiter(requestsPerHost)
    this.checkSlots = keyedLimiter(checksPerHost)
  }

  endpoint(registry: string): URL {
    return registryEndpoint(registry, this.insecure)
  }

  allowsPlainHttp(host: string): boolean {
    return isPlainHttpRegistry(host, this.insecure)
  }

  /** Whether the registry answered a manifest HEAD with 405 or 501 earlier in this step. */
  lacksManifestHead(registry: string): boolean {
    return this.withoutHead.has(registry)
  }

  /** Notes that the registry has no manifest HEAD; true the first time, so it is said once. */
  learnNoManifestHead(registry: string): boolean {
    if (this.withoutHead.has(registry)) return false
    this.withoutHead.add(registry)
    return true
  }

  /**
   * Until a registry's auth scheme is known, one exchange learns it while the others wait, so parallel first
   * requests do not each draw a 401. Resolves with `learned` for the one that goes first (call it when it has
   * an answer), or undefined for those that waited.
   */
  async awaitSchemeLearning(registry: string): Promise<(() => void) | undefined> {
    const first = this.firstExchanges.get(registry)
    if (first) {
      await first
      return undefined
    }
    let learned!: () => void
    this.firstExchanges.set(registry, new Promise<void>(resolve => (learned = resolve)))
    return learned
  }

  /**
   * Gives the turn to learn a registry's scheme to the next exchange: for one that got no challenge (an open
   * `/v2/`, a 503, no answer), so the requests after it do not each draw a 401.
   */
  relearnScheme(registry: string): void {
    this.firstExchanges.delete(registry)
  }

  /** True the first time it is asked for a registry: one `GET /v2/` per registry is enough to learn from. */
  firstPing(registry: string): boolean {
    if (this.pinged.has(registry)) return false
    this.pinged.add(registry)
    return true
  }
}
