import { parseErrorBody } from './error-body.js'
import { RegistryError } from './errors.js'
import type { CredentialStore, Credentials } from './types.js'

/** One challenge of a `WWW-Authenticate` header: the scheme (lower case) and its parameters (names lower case). */
export interface Challenge {
  scheme: string
  params: Record<string, string>
}

/** A token service request, made by whoever owns the connections (the client: with retries and events). */
export interface TokenRequest {
  method: 'GET' | 'POST'
  url: URL
  headers: Record<string, string>
  body?: Buffer
}

export interface TokenResponse {
  status: number
  body: Buffer
}

export type TokenFetch = (request: TokenRequest) => Promise<TokenResponse>

export interface AuthenticatorOptions {
  credentials: CredentialStore
  fetchToken: TokenFetch
  /** Whether credentials may travel over plain HTTP to this host: loopback and configured insecure registries. */
  allowsPlainHttp: (host: string) => boolean
  /** Told every token as it arrives, to mask it: tokens are credentials for as long as they live. */
  onSecret?: (value: string) => void
  now?: () => number
}

const TokenCharacters = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/
/** Token services that give no `expires_in` mean 60 s (the distribution token spec's default). */
const DefaultTokenLifetimeSeconds = 60
/** Tokens are dropped this long before they expire, so one is never sent as it runs out. */
const MaxExpiryMarginMs = 10_000
/** How long a token fetch that failed after its retries stands as the answer for the same scopes. */
const FailedTokenHoldMs = 10_000
const ClientId = 'native-multiarch'

/**
 * Parses a `WWW-Authenticate` value into its challenges (RFC 9110 11.6.1): `Bearer realm="...",service="..."`,
 * quoted values with commas and escapes inside, and several challenges in one header (node:http joins repeated
 * headers with a comma).
 */
export function parseChallenges(header: string): Challenge[] {
  const challenges: Challenge[] = []
  let i = 0
  const skip = (characters: string): void => {
    while (i < header.length && characters.includes(header[i]!)) i++
  }
  const token = (): string => {
    const match = TokenCharacters.exec(header.slice(i))
    if (!match) return ''
    i += match[0].length
    return match[0]
  }
  while (i < header.length) {
    skip(' \t,')
    const scheme = token()
    if (!scheme) {
      i++
      continue
    }
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} }
    challenges.push(challenge)
    for (;;) {
      skip(' \t')
      const start = i
      const name = token()
      skip(' \t')
      if (!name || header[i] !== '=') {
        // Not `name=`: the next challenge's scheme starts here.
        i = start
        break
      }
      i++
      skip(' \t')
      let value = ''
      if (header[i] === '"') {
        for (i++; i < header.length && header[i] !== '"'; i++) {
          if (header[i] === '\\' && i + 1 < header.length) i++
          value += header[i]
        }
        i++
      } else {
        while (i < header.length && !' \t,'.includes(header[i]!)) value += header[i++]
      }
      challenge.params[name.toLowerCase()] = value
      skip(' \t')
      if (header[i] === ',') i++
    }
  }
  return challenges
}

/** The token scope for a repository: `repository:acme/app:pull` or `repository:acme/app:pull,push`. */
export function repositoryScope(path: string, push: boolean): string {
  return `repository:${path}:${push ? 'pull,push' : 'pull'}`
}

/** Scopes as resource -> actions; `repository:a/b:pull,push` is resource `repository:a/b`. */
type ScopeSet = Map<string, Set<string>>

function scopeSet(scopes: string[]): ScopeSet {
  const set: ScopeSet = new Map()
  for (const scope of scopes) {
    const colon = scope.lastIndexOf(':')
    if (colon <= 0) continue
    const resource = scope.slice(0, colon)
    const actions = set.get(resource) ?? new Set<string>()
    for (const action of scope.slice(colon + 1).split(',')) if (action) actions.add(action)
    set.set(resource, actions)
  }
  return set
}

function covers(have: ScopeSet, want: ScopeSet): boolean {
  for (const [resource, actions] of want) {
    const granted = have.get(resource)
    if (!granted) return false
    for (const action of actions) if (!granted.has(action) && !granted.has('*')) return false
  }
  return true
}

function scopeStrings(set: ScopeSet): string[] {
  return [...set].map(([resource, actions]) => `${resource}:${[...actions].sort().join(',')}`).sort()
}

type Scheme = { kind: 'basic' } | { kind: 'bearer'; realm: string; service?: string }

interface CachedToken {
  scopes: ScopeSet
  token: Promise<string>
  /** The token once known, to recognise it when a registry rejects it. */
  value?: string
  expiresAt: number
}

/**
 * Answers registries' challenges: Basic credentials, or Bearer tokens from the registry's token service,
 * cached per registry and scope set until shortly before they expire. A registry's scheme is learned from its
 * first 401; after that the right `Authorization` goes with the first request for each new scope set.
 *
 * Credentials and tokens appear in headers only: never in an error message.
 */
export class Authenticator {
  private readonly schemes = new Map<string, Scheme>()
  private readonly tokens = new Map<string, CachedToken[]>()
  private readonly credentialCache = new Map<string, Promise<Credentials | undefined>>()
  private readonly now: () => number

  constructor(private readonly options: AuthenticatorOptions) {
    this.now = options.now ?? Date.now
  }

  /** Credentials for a registry, read from the store once. */
  credentials(registry: string): Promise<Credentials | undefined> {
    let credentials = this.credentialCache.get(registry)
    if (!credentials) {
      credentials = this.options.credentials.get(registry)
      this.credentialCache.set(registry, credentials)
    }
    return credentials
  }

  /** Whether a challenge from this registry has been seen, so requests can authorize up front. */
  knowsScheme(registry: string): boolean {
    return this.schemes.has(registry)
  }

  /** The `Authorization` to send up front, once the registry's scheme is known; undefined before that. */
  async authorization(registry: string, scopes: string[]): Promise<string | undefined> {
    const scheme = this.schemes.get(registry)
    if (!scheme) return undefined
    if (scheme.kind === 'basic') {
      const credentials = await this.credentials(registry)
      return credentials && basicAuthorization(credentials)
    }
    return `Bearer ${await this.token(registry, scheme, scopeSet(scopes))}`
  }

  /**
   * After a 401: learns the challenge and returns the `Authorization` to try once more, or undefined when
   * another try cannot help (no challenge, or the same Basic credentials were just refused). `sent` is the
   * `Authorization` the refused request carried; a refused token leaves the cache.
   */
  async challenged(
    registry: string,
    header: string | undefined,
    scopes: string[],
    sent: string | undefined,
  ): Promise<string | undefined> {
    const challenge = this.learnScheme(registry, header)
    const scheme = this.schemes.get(registry)
    if (!challenge || !scheme) return undefined
    if (scheme.kind === 'bearer') {
      if (sent?.startsWith('Bearer ')) this.forget(registry, sent.slice('Bearer '.length))
      // The challenge names what the registry wants (possibly more than we asked for): ask for both.
      const asked = challenge.params.scope?.split(' ') ?? []
      return `Bearer ${await this.token(registry, scheme, scopeSet([...scopes, ...asked]))}`
    }
    const credentials = await this.credentials(registry)
    const authorization = credentials && basicAuthorization(credentials)
    return authorization === sent ? undefined : authorization
  }

  /**
   * Learns a registry's scheme from a `WWW-Authenticate` value, Bearer (with a realm to fetch tokens from)
   * before Basic, and returns the challenge it chose. On its own, for the answer to `GET /v2/`: that challenge
   * names no repository (GHCR's a placeholder one), so its scope is not one to ask for.
   */
  learnScheme(registry: string, header: string | undefined): Challenge | undefined {
    const challenges = parseChallenges(header ?? '')
    const bearer = challenges.find(c => c.scheme === 'bearer' && c.params.realm)
    if (bearer) {
      this.schemes.set(registry, {
        kind: 'bearer',
        realm: bearer.params.realm!,
        service: bearer.params.service,
      })
      return bearer
    }
    const basic = challenges.find(c => c.scheme === 'basic')
    if (basic) this.schemes.set(registry, { kind: 'basic' })
    return basic
  }

  private forget(registry: string, token: string): void {
    const cached = this.tokens.get(registry)
    if (cached)
      this.tokens.set(
        registry,
        cached.filter(entry => entry.value !== token),
      )
  }

  private token(registry: string, scheme: Scheme & { kind: 'bearer' }, wanted: ScopeSet): Promise<string> {
    const now = this.now()
    const cached = (this.tokens.get(registry) ?? []).filter(entry => entry.expiresAt > now)
    this.tokens.set(registry, cached)
    const usable = cached.find(entry => covers(entry.scopes, wanted))
    if (usable) return usable.token
    const entry: CachedToken = { scopes: wanted, token: Promise.resolve(''), expiresAt: Infinity }
    entry.token = this.fetchToken(registry, scheme, scopeStrings(wanted)).then(
      ({ token, lifetimeMs }) => {
        this.options.onSecret?.(token)
        entry.value = token
        entry.expiresAt = this.now() + lifetimeMs - Math.min(MaxExpiryMarginMs, lifetimeMs / 4)
        return token
      },
      error => {
        // The fetch already spent its retries: requests that were waiting for the same scopes take this answer
        // rather than starting the whole round again. A later step, after the hold, asks afresh.
        entry.expiresAt = this.now() + FailedTokenHoldMs
        throw error
      },
    )
    cached.push(entry)
    return entry.token
  }

  private async fetchToken(
    registry: string,
    scheme: { realm: string; service?: string },
    scopes: string[],
  ): Promise<{ token: string; lifetimeMs: number }> {
    let realm: URL
    try {
      realm = new URL(scheme.realm)
    } catch {
      throw new Error(`Registry ${registry} named a token service that is not a URL: '${scheme.realm}'.`)
    }
    const where = `the token service of ${registry} (${realm.host}${realm.pathname})`
    const credentials = await this.credentials(registry)
    if (credentials && realm.protocol === 'http:' && !this.options.allowsPlainHttp(realm.host)) {
      throw new Error(
        `Refusing to send the credentials for ${registry} over plain HTTP to ${where}. Use an HTTPS token service, or list ${realm.host} as an insecure registry.`,
      )
    }
    const request = tokenRequest(realm, scheme.service, scopes, credentials)
    const response = await this.options.fetchToken(request)
    const { codes, detail } = parseErrorBody(response.body)
    const refusal = { registry, method: request.method, path: realm.pathname, status: response.status, codes }
    if (response.status === 401 || response.status === 403) {
      const said = `HTTP ${response.status}${detail ? `: ${detail}` : ''}`
      throw new RegistryError(
        credentials
          ? `Login to ${registry} failed: ${where} rejected the credentials (${said}). Check the username and password or token the login step for ${registry} used.`
          : `Anonymous access to ${registry} was refused by ${where} (${said}). Check that the image name includes the registry (e.g. ghcr.io/acme/app) and that a login step ran for ${registry}.`,
        refusal,
      )
    }
    if (response.status !== 200) {
      throw new RegistryError(
        `Registry ${registry}: ${where} answered HTTP ${response.status}${detail ? `: ${detail}` : ''}.`,
        refusal,
      )
    }
    return parseTokenAnswer(response.body, `Registry ${registry}: ${where}`, request.method)
  }
}

function basicAuthorization(credentials: Credentials): string {
  const secret = credentials.identityToken ?? credentials.password
  return `Basic ${Buffer.from(`${credentials.username}:${secret}`).toString('base64')}`
}

/**
 * The token request for these scopes: an identity token is an OAuth2 refresh token, exchanged by POST as the
 * docker CLI does; otherwise a GET with Basic credentials (or none, for anonymous pulls).
 */
function tokenRequest(
  realm: URL,
  service: string | undefined,
  scopes: string[],
  credentials: Credentials | undefined,
): TokenRequest {
  if (credentials?.identityToken) {
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: credentials.identityToken,
      client_id: ClientId,
      ...(service ? { service } : {}),
      scope: scopes.join(' '),
    })
    return {
      method: 'POST',
      url: realm,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: Buffer.from(form.toString()),
    }
  }
  const url = new URL(realm)
  if (service) url.searchParams.set('service', service)
  for (const scope of scopes) url.searchParams.append('scope', scope)
  return {
    method: 'GET',
    url,
    headers: credentials ? { Authorization: basicAuthorization(credentials) } : {},
  }
}

/** A token service's JSON answer: `token` or `access_token`, and its lifetime (`expires_in`, else the default). */
function parseTokenAnswer(body: Buffer, who: string, method: string): { token: string; lifetimeMs: number } {
  let answer: { token?: unknown; access_token?: unknown; expires_in?: unknown }
  try {
    answer = JSON.parse(body.toString('utf8'))
  } catch {
    throw new Error(`${who} answered ${method} with a body that is not JSON.`)
  }
  const token = typeof answer.token === 'string' && answer.token ? answer.token : answer.access_token
  if (typeof token !== 'string' || !token) {
    throw new Error(`${who} answered without a 'token' or 'access_token'.`)
  }
  const expiresIn =
    typeof answer.expires_in === 'number' && answer.expires_in > 0
      ? answer.expires_in
      : DefaultTokenLifetimeSeconds
  return { token, lifetimeMs: expiresIn * 1000 }
}
