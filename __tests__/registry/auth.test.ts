import { Readable } from 'node:stream'
import type { Repository } from '../../src/core/reference.js'
import { parseChallenges } from '../../src/registry/auth.js'
import {
  type ClosableRegistryClient,
  createRegistryClient,
  type RegistryClientOptions,
} from '../../src/registry/client.js'
import type { Credentials, RequestEvent } from '../../src/registry/types.js'
import { type FakeRegistry, json, makeImage, rejection, sha256, startFakeRegistry } from './fake-registry.js'

describe('WWW-Authenticate parsing', () => {
  it.each([
    ['Basic realm="Registry Realm"', [{ scheme: 'basic', params: { realm: 'Registry Realm' } }]],
    [
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"',
      [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://auth.docker.io/token',
            service: 'registry.docker.io',
            scope: 'repository:library/alpine:pull',
          },
        },
      ],
    ],
    [
      // Commas inside quotes, spaces around '=', a token value, upper-case names, escapes.
      'bearer Realm = "https://ghcr.io/token" , service=ghcr.io,scope="repository:acme/app:pull,push",error="say \\"hi\\""',
      [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://ghcr.io/token',
            service: 'ghcr.io',
            scope: 'repository:acme/app:pull,push',
            error: 'say "hi"',
          },
        },
      ],
    ],
    [
      // Two challenges joined in one header, as node:http joins repeated headers.
      'Bearer realm="https://r/token",scope="repository:a:pull repository:b:pull", Basic realm="fallback"',
      [
        {
          scheme: 'bearer',
          params: { realm: 'https://r/token', scope: 'repository:a:pull repository:b:pull' },
        },
        { scheme: 'basic', params: { realm: 'fallback' } },
      ],
    ],
    ['Basic', [{ scheme: 'basic', params: {} }]],
    ['', []],
  ])('%s', (header, expected) => {
    expect(parseChallenges(header)).toEqual(expected)
  })
})

const password = 'pa55-w0rd-never-shown'

describe('registry authentication', () => {
  let registry: FakeRegistry
  let client: ClosableRegistryClient
  let events: RequestEvent[]
  const repo = (path: string): Repository => ({ registry: registry.host, path })

  function connect(
    credentials: Credentials | undefined,
    options: Partial<RegistryClientOptions> = {},
  ): ClosableRegistryClient {
    events = []
    client = createRegistryClient({
      credentials: { get: async host => (host === registry.host ? credentials : undefined) },
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
      onRequest: event => events.push(event),
      ...options,
    })
    return client
  }
  const alice: Credentials = { username: 'alice', password }

  afterEach(async () => {
    client?.close()
    await registry?.close()
  })

  it('answers a Basic challenge, then sends Basic credentials up front', async () => {
    registry = await startFakeRegistry({ auth: 'basic', password })
    connect(alice)
    const image = makeImage()
    const digest = registry.addManifest('acme/app', image.bytes, image.descriptor.mediaType, 'v1')
    expect(await client.headManifest(repo('acme/app'), 'v1')).toMatchObject({ digest })
    expect(await client.headManifest(repo('acme/other'), 'v1')).toBeUndefined()
    expect(registry.requests.map(r => [r.method, r.headers.authorization ? 'auth' : 'none'])).toEqual([
      ['HEAD', 'none'],
      ['HEAD', 'auth'],
      ['HEAD', 'auth'],
    ])
    expect(events.map(e => e.status)).toEqual([401, 200, 404])
  })

  it('fetches one Bearer token per scope set and reuses it', async () => {
    registry = await startFakeRegistry({ auth: 'bearer', password, tokenTtlSeconds: 300 })
    connect(alice)
    const image = makeImage()
    registry.addManifest('acme/app', image.bytes, image.descriptor.mediaType, 'v1')
    await client.getManifest(repo('acme/app'), 'v1')
    await client.headManifest(repo('acme/app'), 'v1')
    await client.hasBlob(repo('acme/app'), image.descriptor.digest)
    expect(registry.tokenRequests).toHaveLength(1)
    const token = new URL(registry.tokenRequests[0]!.path, registry.url)
    expect(token.searchParams.get('service')).toBe('fake-registry')
    expect(token.searchParams.getAll('scope')).toEqual(['repository:acme/app:pull'])
    // Only the first request met a challenge; the rest carried the token.
    expect(
      registry.requests
        .filter(r => !r.path.startsWith('/token'))
        .map(r => r.headers.authorization?.split(' ')[0]),
    ).toEqual([undefined, 'Bearer', 'Bearer', 'Bearer'])
    // A new repository is a new scope set; the known realm means no 401 first.
    await client.headManifest(repo('acme/other'), 'v1')
    expect(registry.tokenRequests).toHaveLength(2)
    expect(registry.requests.at(-1)!.headers.authorization).toMatch(/^Bearer /)
  })

  it('asks for pull,push up front for repositories it will write, so HEAD then PUT costs one token', async () => {
    registry = await startFakeRegistry({ auth: 'bearer', password })
    const target = repo('acme/app')
    connect(alice, { pushRepositories: [target] })
    const image = makeImage({ layers: 0 })
    registry.addBlob('acme/app', image.config)
    expect(await client.headManifest(target, image.descriptor.digest)).toBeUndefined()
    await client.putManifest(target, image.descriptor.digest, image.bytes, image.descriptor.mediaType)
    expect(registry.tokenRequests).toHaveLength(1)
    expect(new URL(registry.tokenRequests[0]!.path, registry.url).searchParams.getAll('scope')).toEqual([
      'repository:acme/app:pull,push',
    ])
  })

  it('without pushRepositories, a PUT after a HEAD needs a second, wider token', async () => {
    registry = await startFakeRegistry({ auth: 'bearer', password })
    connect(alice)
    const image = makeImage({ layers: 0 })
    registry.addBlob('acme/app', image.config)
    await client.headManifest(repo('acme/app'), image.descriptor.digest)
    await client.putManifest(
      repo('acme/app'),
      image.descriptor.digest,
      image.bytes,
      image.descriptor.mediaType,
    )
    expect(registry.tokenRequests).toHaveLength(2)
    // And the wider token now serves reads too.
    await client.headManifest(repo('acme/app'), image.descriptor.digest)
    expect(registry.tokenRequests).toHaveLength(2)
  })

  it('shares one token request between concurrent requests', async () => {
    registry = await startFakeRegistry({ auth: 'bearer', password })
    connect(alice)
    const digests = Array.from({ length: 8 }, (_, i) =>
      registry.addBlob('acme/app', Buffer.from(`blob ${i}`)),
    )
    const found = await Promise.all(digests.map(d => client.hasBlob(repo('acme/app'), d)))
    expect(found.every(Boolean)).toBe(true)
    expect(registry.tokenRequests).toHaveLength(1)
  })

  it('keeps a token until shortly before expires_in runs out (60 s when not given)', async () => {
    let now = 0
    const check = async (): Promise<void> => void (await client.hasBlob(repo('acme/app'), digest))
    registry = await startFakeRegistry({ auth: 'bearer', password, tokenTtlSeconds: 120 })
    connect(alice, { retry: { now: () => now } })
    const digest = registry.addBlob('acme/app', Buffer.from('x'))
    await check()
    now += 105_000
    await check()
    expect(registry.tokenRequests).toHaveLength(1)
    now += 6_000 // 111 s: within the 10 s margin before 120 s
    await check()
    expect(registry.tokenRequests).toHaveLength(2)
    await registry.close()

    registry = await startFakeRegistry({ auth: 'bearer', password })
    now = 0
    connect(alice, { retry: { now: () => now } })
    registry.addBlob('acme/app', Buffer.from('x'))
    await check()
    now += 49_000
    await check()
    expect(registry.tokenRequests).toHaveLength(1)
    now += 2_000
    await check()
    expect(registry.tokenRequests).toHaveLength(2)
  })

  it('takes access_token when the service gives no token field', async () => {
    registry = await startFakeRegistry({ auth: 'bearer', password, tokenField: 'access_token' })
    connect(alice)
    const digest = registry.addBlob('acme/app', Buffer.from('x'))
    expect(await client.hasBlob(repo('acme/app'), digest)).toBe(true)
  })

  it('re-authenticates once when a cached token is refused with a fresh challenge', async () => {
    registry = await startFakeRegistry({ auth: 'bearer', password, tokenTtlSeconds: 3600 })
    connect(alice)
    const digest = registry.addBlob('acme/app', Buffer.from('x'))
    await client.hasBlob(repo('acme/app'), digest)
    registry.revokeTokens()
    expect(await client.hasBlob(repo('acme/app'), digest)).toBe(true)
    expect(registry.tokenRequests).toHaveLength(2)
    expect(events.filter(e => !e.url.includes('/token')).map(e => e.status)).toEqual([401, 200, 401, 200])
  })

  it('asks for the scopes a mount needs: push on the target, pull on the source', async () => {
    registry = await startFakeRegistry({ auth: 'bearer', password })
    connect(alice, { pushRepositories: [repo('acme/app')] })
    const digest = registry.addBlob('acme/base', Buffer.from('layer'))
    expect(await client.mountBlob(repo('acme/app'), digest, repo('acme/base'))).toBe(true)
    expect(registry.tokenRequests).toHaveLength(1)
    expect(new URL(registry.tokenRequests[0]!.path, registry.url).searchParams.getAll('scope')).toEqual([
      'repository:acme/app:pull,push',
      'repository:acme/base:pull',
    ])
  })

  it('pulls anonymously when there are no credentials', async () => {
    registry = await startFakeRegistry({ auth: 'bearer', anonymousPull: true })
    connect(undefined)
    const digest = registry.addBlob('library/alpine', Buffer.from('x'))
    expect(await client.hasBlob(repo('library/alpine'), digest)).toBe(true)
    expect(registry.tokenRequests[0]!.headers.authorization).toBeUndefined()
  })

  it('explains a push denied to an anonymous client, naming the image and the login step', async () => {
    registry = await startFakeRegistry({ auth: 'bearer', anonymousPull: true })
    connect(undefined)
    const image = makeImage({ layers: 0 })
    const error = await rejection(
      client.putManifest(repo('acme/app'), 'v1', image.bytes, image.descriptor.mediaType),
    )
    expect(error.message).toBe(
      `push access denied for ${registry.host}/acme/app: the registry answered PUT with HTTP 401 (UNAUTHORIZED: authentication required), without credentials: none were found for ${registry.host}. Check that the image name includes the registry (e.g. ghcr.io/acme/app) and that a login step ran for ${registry.host}.`,
    )
    // One re-authentication, then no retries: the answer will not change.
    expect(registry.requests.filter(r => r.method === 'PUT')).toHaveLength(2)
  })

  it('reports a wrong password at the token service without showing it', async () => {
    registry = await startFakeRegistry({ auth: 'bearer', password })
    connect({ username: 'alice', password: 'wrong-password' })
    const error = await rejection(client.hasBlob(repo('acme/app'), `sha256:${'0'.repeat(64)}`))
    expect(error.message).toBe(
      `Login to ${registry.host} failed: the token service of ${registry.host} (${registry.host}/token) rejected the credentials (HTTP 401: incorrect username or password). Check the username and password or token the login step for ${registry.host} used.`,
    )
    expect(error.message).not.toContain('wrong-password')
    expect(registry.tokenRequests).toHaveLength(1)
  })

  it('reports a wrong Basic password as access denied, without showing it', async () => {
    registry = await startFakeRegistry({ auth: 'basic', password })
    connect({ username: 'alice', password: 'wrong-password' })
    const error = await rejection(client.getManifest(repo('acme/app'), 'v1'))
    expect(error.message).toMatch(
      new RegExp(
        `^pull access denied for ${registry.host}/acme/app: .*HTTP 401.* using the credentials found for ${registry.host}\\. Check that`,
      ),
    )
    expect(error.message).not.toContain('wrong-password')
    expect(error.message).not.toContain(Buffer.from('alice:wrong-password').toString('base64'))
    expect(registry.requests).toHaveLength(2)
  })

  it('exchanges an identity token at the token service by POST', async () => {
    const forms: URLSearchParams[] = []
    registry = await startFakeRegistry({
      auth: 'bearer',
      password,
      intercept: (request, response) => {
        if (!request.path.startsWith('/token')) return false
        forms.push(new URLSearchParams(request.body.toString()))
        // The registry will refuse this token; only the exchange itself is under test here.
        json(response, 200, { access_token: 'not-a-known-token', expires_in: 300 })
        return true
      },
    })
    connect({ username: '<token>', password: 'refresh-me', identityToken: 'refresh-me' })
    await client.hasBlob(repo('acme/app'), `sha256:${'0'.repeat(64)}`).catch(() => {})
    expect(registry.requests.find(r => r.path.startsWith('/token'))!.method).toBe('POST')
    expect(Object.fromEntries(forms[0]!)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-me',
      client_id: 'native-multiarch',
      service: 'fake-registry',
      scope: 'repository:acme/app:pull',
    })
  })

  it('refuses to send credentials to a plain-HTTP token service on another host', async () => {
    registry = await startFakeRegistry({
      intercept: (_request, response) => {
        json(
          response,
          401,
          {},
          { 'WWW-Authenticate': 'Bearer realm="http://auth.example.com/token",service="x"' },
        )
        return true
      },
    })
    connect(alice)
    await expect(client.hasBlob(repo('acme/app'), `sha256:${'0'.repeat(64)}`)).rejects.toThrow(
      `Refusing to send the credentials for ${registry.host} over plain HTTP to the token service of ${registry.host} (auth.example.com/token).`,
    )
  })

  it('never puts credentials or tokens in request events', async () => {
    registry = await startFakeRegistry({ auth: 'bearer', password })
    connect(alice)
    const digest = registry.addBlob('acme/app', Buffer.from('x'))
    await client.hasBlob(repo('acme/app'), digest)
    const text = JSON.stringify(events)
    expect(events.length).toBeGreaterThanOrEqual(3)
    expect(text).not.toContain(password)
    expect(text).not.toContain('token-1')
    expect(text).not.toContain(Buffer.from(`alice:${password}`).toString('base64'))
  })

  describe('getting ready ahead of time', () => {
    const paths = (): string[] =>
      registry.requests.map(r => `${r.method} ${new URL(r.path, registry.url).pathname}`)

    it('on a Bearer registry: GET /v2/ and the push token, and the upload after them meets no 401', async () => {
      // The /v2/ challenge names a placeholder repository, as GHCR's does: its scope is not asked for.
      registry = await startFakeRegistry({
        auth: 'bearer',
        password,
        intercept: (request, response) => {
          if (request.path !== '/v2/' || request.headers.authorization) return false
          json(
            response,
            401,
            {},
            {
              'WWW-Authenticate': `Bearer realm="${registry.url}/token",service="fake-registry",scope="repository:user/image:pull"`,
            },
          )
          return true
        },
      })
      connect(alice)
      const target = repo('acme/app')
      await client.prepare(target, { push: true })
      expect(paths()).toEqual(['GET /v2/', 'GET /token'])
      expect(new URL(registry.tokenRequests[0]!.path, registry.url).searchParams.getAll('scope')).toEqual([
        'repository:acme/app:pull,push',
      ])
      const blob = Buffer.from('a layer')
      await client.pushBlob(target, { digest: sha256(blob), size: blob.length }, async () =>
        Readable.from([blob]),
      )
      expect(registry.hasBlob('acme/app', sha256(blob))).toBe(true)
      expect(registry.tokenRequests).toHaveLength(1)
      expect(events.filter(e => e.status === 401)).toHaveLength(1)
      expect(registry.requests.slice(2).every(r => r.headers.authorization?.startsWith('Bearer '))).toBe(true)
    })

    it('with the scheme known, only the token is fetched; on an open registry, the ping alone', async () => {
      registry = await startFakeRegistry({ auth: 'bearer', password })
      connect(alice)
      await client.prepare(repo('acme/app'), { push: false })
      await client.prepare(repo('acme/other'), { push: true })
      expect(paths()).toEqual(['GET /v2/', 'GET /token', 'GET /token'])
      client.close()
      await registry.close()

      registry = await startFakeRegistry()
      connect(undefined)
      await client.prepare(repo('acme/app'), { push: true })
      await client.prepare(repo('acme/other'), { push: true })
      expect(paths()).toEqual(['GET /v2/'])
    })

    it('a ping that learns no scheme leaves the lesson to the next request: parallel requests draw one 401', async () => {
      // /v2/ open, repositories not: some registries let anyone read the version check.
      registry = await startFakeRegistry({
        auth: 'bearer',
        password,
        intercept: (request, response) => {
          if (request.path !== '/v2/') return false
          json(response, 200, {})
          return true
        },
      })
      connect(alice)
      await client.prepare(repo('acme/app'), { push: false })
      await Promise.all([1, 2, 3, 4].map(n => client.hasBlob(repo('acme/app'), sha256(`blob ${n}`))))
      expect(events.filter(e => e.status === 401)).toHaveLength(1)
    })

    it('a registry that does not answer: prepare resolves, says so in the debug log, and the real request fails as always', async () => {
      registry = await startFakeRegistry()
      const host = registry.host
      await registry.close()
      const debug: string[] = []
      connect(undefined, {
        retry: { maxAttempts: 1 },
        logger: { debug: line => debug.push(line), info: () => {}, warning: () => {} },
      })
      const target = { registry: host, path: 'acme/app' }
      await expect(client.prepare(target, { push: true })).resolves.toBeUndefined()
      expect(debug.join('\n')).toContain(`Could not get ready for ${host}/acme/app ahead of time`)
      await expect(client.hasBlob(target, sha256('x'))).rejects.toThrow(host)
    })
  })
})
