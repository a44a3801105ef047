import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { text } from 'node:stream/consumers'
import { MaxManifestBytes, MediaType } from '../../src/core/media-types.js'
import type { Repository } from '../../src/core/reference.js'
import {
  type ClosableRegistryClient,
  createRegistryClient,
  type RegistryClientOptions,
  registryEndpoint,
} from '../../src/registry/client.js'
import { RegistryError, registryErrorOf } from '../../src/registry/errors.js'
import type { RetryOptions } from '../../src/registry/retry.js'
import type { RequestEvent } from '../../src/registry/types.js'
import {
  type FakeRegistry,
  type FakeRegistryOptions,
  json,
  rejection,
  makeImage,
  registryError,
  sha256,
  startFakeRegistry,
  startServer,
  type TestServer,
} from './fake-registry.js'

describe('registry endpoints', () => {
  it.each([
    ['docker.io', [], 'https://registry-1.docker.io'],
    ['ghcr.io', [], 'https://ghcr.io'],
    ['registry.internal:5000', [], 'https://registry.internal:5000'],
    ['registry.internal:5000', ['registry.internal:5000'], 'http://registry.internal:5000'],
    ['localhost:5000', [], 'http://localhost:5000'],
    ['127.0.0.1:5000', [], 'http://127.0.0.1:5000'],
    ['[::1]:5000', [], 'http://[::1]:5000'],
  ])('%s (insecure: %j) is served at %s', (registry, insecure, origin) => {
    expect(registryEndpoint(registry, new Set(insecure)).origin).toBe(origin)
  })
})

describe('registry client', () => {
  let registry: FakeRegistry
  let client: ClosableRegistryClient
  let events: RequestEvent[]
  let sleeps: number[]
  const others: TestServer[] = []
  const repo = (path = 'acme/app'): Repository => ({ registry: registry.host, path })

  async function start(
    options: FakeRegistryOptions = {},
    clientOptions: Partial<RegistryClientOptions> = {},
  ): Promise<void> {
    registry = await startFakeRegistry(options)
    events = []
    sleeps = []
    const retry: RetryOptions = {
      baseDelayMs: 1,
      maxDelayMs: 2,
      sleep: async ms => {
        sleeps.push(ms)
      },
      ...clientOptions.retry,
    }
    client = createRegistryClient({
      credentials: { get: async () => undefined },
      onRequest: event => events.push(event),
      ...clientOptions,
      retry,
    })
  }
  const open = (bytes: Buffer) => async () => Readable.from([bytes])
  const count = (method: string, pattern: RegExp): number =>
    registry.requests.filter(r => r.method === method && pattern.test(r.path)).length

  afterEach(async () => {
    client?.close()
    await registry?.close()
    await Promise.all(others.splice(0).map(s => s.close()))
  })

  describe('content', () => {
    it('pushes blobs and a manifest, and reads them back', async () => {
      await start()
      const image = makeImage()
      for (const blob of [image.config, ...image.layers]) {
        await client.pushBlob(repo(), { digest: sha256(blob), size: blob.length }, open(blob))
      }
      const digest = await client.putManifest(repo(), 'v1', image.bytes, image.descriptor.mediaType)
      expect(digest).toBe(image.descriptor.digest)
      expect(registry.manifest('acme/app', 'v1')).toEqual({
        bytes: image.bytes,
        mediaType: image.descriptor.mediaType,
      })
      expect(
        registry.requests.find(r => r.method === 'PUT' && r.path.includes('/manifests/'))!.headers[
          'content-type'
        ],
      ).toBe(image.descriptor.mediaType)

      expect(await client.headManifest(repo(), 'v1')).toEqual(image.descriptor)
      expect(await client.headManifest(repo(), image.descriptor.digest)).toEqual(image.descriptor)
      expect(await client.headManifest(repo(), 'v2')).toBeUndefined()
      const manifest = await client.getManifest(repo(), 'v1')
      expect(manifest).toEqual({ descriptor: image.descriptor, bytes: image.bytes })
      const accept = registry.requests.find(r => r.method === 'GET')!.headers.accept!
      expect(accept.split(', ').sort()).toEqual(
        [
          MediaType.OciIndex,
          MediaType.OciManifest,
          MediaType.DockerManifestList,
          MediaType.DockerManifest,
        ].sort(),
      )

      expect(await client.hasBlob(repo(), sha256(image.config))).toBe(true)
      expect(await client.hasBlob(repo('acme/other'), sha256(image.config))).toBe(false)
      expect(await text(await client.getBlob(repo(), sha256(image.layers[0]!)))).toBe(
        image.layers[0]!.toString(),
      )
    })

    it.each(['relative', 'absolute', 'query'] as const)(
      'pushes a blob to a %s upload Location',
      async location => {
        await start({ location })
        const blob = Buffer.from('layer bytes')
        await client.pushBlob(repo(), { digest: sha256(blob), size: blob.length }, open(blob))
        expect(registry.hasBlob('acme/app', sha256(blob))).toBe(true)
        const put = registry.requests.find(r => r.method === 'PUT')!
        expect(put.headers['content-length']).toBe(String(blob.length))
        expect(put.headers['content-type']).toBe('application/octet-stream')
        expect(new URL(put.path, registry.url).searchParams.get('digest')).toBe(sha256(blob))
      },
    )

    it('pushes an empty blob', async () => {
      await start()
      const empty = Buffer.alloc(0)
      await client.pushBlob(repo(), { digest: sha256(empty), size: 0 }, open(empty))
      expect(registry.hasBlob('acme/app', sha256(empty))).toBe(true)
    })

    it('refuses a blob whose bytes are not what the descriptor says', async () => {
      await start({}, { retry: { maxAttempts: 1 } })
      const blob = Buffer.from('twelve bytes')
      await expect(client.pushBlob(repo(), { digest: sha256(blob), size: 20 }, open(blob))).rejects.toThrow(
        /has 12 bytes, not the 20 its descriptor says/,
      )
      await expect(
        client.pushBlob(repo(), { digest: sha256('other'), size: blob.length }, open(blob)),
      ).rejects.toThrow(/DIGEST_INVALID|has digest sha256:/)
    })

    it('opens the source again for each retry of an upload', async () => {
      let puts = 0
      await start({
        intercept: (request, response) => {
          if (request.method === 'PUT' && ++puts === 1) {
            registryError(response, 503, 'UNAVAILABLE', 'try later')
            return true
          }
          return false
        },
      })
      const blob = Buffer.from('layer')
      let opened = 0
      await client.pushBlob(repo(), { digest: sha256(blob), size: blob.length }, async () => {
        opened++
        return Readable.from([blob])
      })
      expect(opened).toBe(2)
      // The whole upload starts over: a failed session may be gone.
      expect(count('POST', /uploads/)).toBe(2)
    })

    it('mounts within a registry: true on 201, false on 202', async () => {
      await start()
      const digest = registry.addBlob('acme/base', Buffer.from('base layer'))
      expect(await client.mountBlob(repo(), digest, repo('acme/base'))).toBe(true)
      expect(registry.hasBlob('acme/app', digest)).toBe(true)
      const post = registry.requests.find(r => r.method === 'POST')!
      expect(post.path).toBe(
        `/v2/acme/app/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=acme%2Fbase`,
      )
      expect(await client.mountBlob(repo('acme/third'), sha256('absent'), repo('acme/base'))).toBe(false)
      await expect(
        client.mountBlob(repo(), digest, { registry: 'ghcr.io', path: 'acme/base' }),
      ).rejects.toThrow(/mounts work within one registry/)
    })

    it('takes the media type from the manifest when the registry says application/json', async () => {
      const image = makeImage({ mediaType: MediaType.DockerManifest })
      await start({
        intercept: (request, response) => {
          response.writeHead(200, {
            'Content-Type': 'application/json',
            'Content-Length': image.bytes.length,
          })
          response.end(request.method === 'HEAD' ? undefined : image.bytes)
          return true
        },
      })
      // HEAD learns too little (no digest, a generic type) and asks for the manifest itself.
      expect(await client.headManifest(repo(), 'v1')).toEqual(image.descriptor)
      expect(registry.requests.map(r => r.method)).toEqual(['HEAD', 'GET'])
    })
  })

  describe('checks what registries answer', () => {
    it('detects a manifest whose bytes do not match the digest asked for', async () => {
      const image = makeImage()
      const other = makeImage()
      await start()
      registry.addManifest('acme/app', other.bytes, other.descriptor.mediaType)
      // Serve the other manifest under the image's digest, as a broken cache would.
      registry.addManifest('acme/app', other.bytes, other.descriptor.mediaType, image.descriptor.digest)
      await expect(client.getManifest(repo(), image.descriptor.digest)).rejects.toThrow(
        `Registry ${registry.host} gave bytes for ${registry.host}/acme/app@${image.descriptor.digest} whose digest is ${other.descriptor.digest}, not ${image.descriptor.digest}.`,
      )
    })

    it('detects a tag whose Docker-Content-Digest does not match the bytes', async () => {
      const image = makeImage()
      await start({
        intercept: (_request, response) => {
          response.writeHead(200, {
            'Content-Type': image.descriptor.mediaType,
            'Docker-Content-Digest': sha256('x'),
          })
          response.end(image.bytes)
          return true
        },
      })
      await expect(client.getManifest(repo(), 'v1')).rejects.toThrow(/whose digest is sha256:.*, not sha256:/)
    })

    it('computes the digest of a manifest fetched by tag when the registry does not say', async () => {
      const image = makeImage()
      await start({
        intercept: (_request, response) => {
          response.writeHead(200, { 'Content-Type': image.descriptor.mediaType }).end(image.bytes)
          return true
        },
      })
      expect((await client.getManifest(repo(), 'v1')).descriptor.digest).toBe(image.descriptor.digest)
    })

    it('detects a manifest PUT stored under another digest', async () => {
      const image = makeImage({ layers: 0 })
      await start({
        intercept: (request, response) => {
          if (request.method !== 'PUT') return false
          response.writeHead(201, { 'Docker-Content-Digest': sha256('rewritten') }).end()
          return true
        },
      })
      await expect(client.putManifest(repo(), 'v1', image.bytes, image.descriptor.mediaType)).rejects.toThrow(
        `Registry ${registry.host} stored the manifest for ${registry.host}/acme/app:v1 as ${sha256('rewritten')}, but the bytes sent have digest ${image.descriptor.digest}.`,
      )
    })

    it('refuses to put bytes under a digest they do not have', async () => {
      await start()
      const image = makeImage()
      await expect(
        client.putManifest(repo(), sha256('x'), image.bytes, image.descriptor.mediaType),
      ).rejects.toThrow(/The caller gave bytes .* whose digest is/)
      expect(registry.requests).toHaveLength(0)
    })

    it('refuses a manifest over 4 MiB, naming the reference', async () => {
      const huge = Buffer.from(JSON.stringify({ padding: 'x'.repeat(MaxManifestBytes) }))
      await start({
        intercept: (_request, response) => {
          response
            .writeHead(200, { 'Content-Type': MediaType.OciManifest, 'Content-Length': huge.length })
            .end(huge)
          return true
        },
      })
      await expect(client.getManifest(repo(), 'big')).rejects.toThrow(
        `The manifest ${registry.host}/acme/app:big is larger than ${MaxManifestBytes} bytes (${huge.length} bytes); refusing to read it.`,
      )
      await expect(client.putManifest(repo(), 'big', huge, MediaType.OciManifest)).rejects.toThrow(
        /over the 4194304/,
      )
    })

    it('says clearly when a manifest body is not JSON', async () => {
      await start({
        intercept: (_request, response) => {
          response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>login portal</html>')
          return true
        },
      })
      await expect(client.getManifest(repo(), 'v1')).rejects.toThrow(
        `Registry ${registry.host}: GET /v2/acme/app/manifests/v1 answered with a body that is not JSON; expected the manifest ${registry.host}/acme/app:v1.`,
      )
    })

    it('verifies a blob stream against its digest', async () => {
      await start({
        intercept: (_request, response) => {
          response.end('not the blob')
          return true
        },
      })
      const stream = await client.getBlob(repo(), sha256('the blob'))
      await expect(text(stream)).rejects.toThrow(
        /has digest sha256:.*: the content is not what was asked for/,
      )
    })

    it('rejects references that are neither tags nor digests', async () => {
      await start()
      await expect(client.headManifest(repo(), '../../etc')).rejects.toThrow(/neither a tag nor a digest/)
    })
  })

  describe('errors', () => {
    it('includes the registry error body', async () => {
      // The PUT's MANIFEST_BLOB_UNKNOWN is waited out as lag first: on a virtual clock, not for 30 real seconds.
      let now = 0
      await start({}, { lag: { now: () => now, sleep: async ms => void (now += ms) } })
      const image = makeImage()
      await expect(client.putManifest(repo(), 'v1', image.bytes, image.descriptor.mediaType)).rejects.toThrow(
        `Registry ${registry.host}: PUT /v2/acme/app/manifests/v1 answered HTTP 400 (MANIFEST_BLOB_UNKNOWN: blob unknown: ${sha256(image.config)})`,
      )
      await expect(client.getManifest(repo(), 'nope')).rejects.toThrow(
        `Manifest ${registry.host}/acme/app:nope was not found (HTTP 404: MANIFEST_UNKNOWN: manifest unknown).`,
      )
      await expect(client.getBlob(repo(), sha256('nope'))).rejects.toThrow(
        /was not found in .*acme\/app \(HTTP 404\)/,
      )
    })

    it('quotes an error body that is not JSON, naming the registry and path', async () => {
      await start({
        intercept: (_request, response) => {
          response
            .writeHead(400, { 'Content-Type': 'text/html' })
            .end('<html><body>Bad Request from proxy</body></html>')
          return true
        },
      })
      await expect(client.hasBlob(repo(), sha256('x'))).rejects.toThrow(
        `Registry ${registry.host}: HEAD /v2/acme/app/blobs/${sha256('x')} answered HTTP 400`,
      )
      await expect(client.getManifest(repo(), 'v1')).rejects.toThrow(
        `Registry ${registry.host}: GET /v2/acme/app/manifests/v1 answered HTTP 400 (the body is not JSON: "<html><body>Bad Request from proxy</body></html>")`,
      )
    })

    it('turns a DENIED code into the access-denied explanation', async () => {
      await start({
        intercept: (_request, response) => {
          registryError(response, 403, 'DENIED', 'requested access to the resource is denied')
          return true
        },
      })
      await expect(client.getManifest(repo(), 'v1')).rejects.toThrow(
        `pull access denied for ${registry.host}/acme/app: the registry answered GET with HTTP 403 (DENIED: requested access to the resource is denied), without credentials: none were found for ${registry.host}. Check that the image name includes the registry (e.g. ghcr.io/acme/app) and that a login step ran for ${registry.host}.`,
      )
    })
  })

  describe('retries', () => {
    it.each([500, 502, 503, 408])('retries HTTP %i', async status => {
      let failures = 2
      const image = makeImage()
      await start({
        intercept: (_request, response) => {
          if (failures-- <= 0) return false
          registryError(response, status, 'UNAVAILABLE', 'try again')
          return true
        },
      })
      registry.addManifest('acme/app', image.bytes, image.descriptor.mediaType, 'v1')
      expect(await client.getManifest(repo(), 'v1')).toMatchObject({ descriptor: image.descriptor })
      expect(events.map(e => [e.status, e.attempt])).toEqual([
        [status, 1],
        [status, 2],
        [200, 3],
      ])
    })

    it('says in the log that it is waiting on the registry', async () => {
      let failures = 1
      const infos: string[] = []
      await start(
        {
          intercept: (_request, response) => {
            if (failures-- <= 0) return false
            registryError(response, 503, 'UNAVAILABLE', 'maintenance')
            return true
          },
        },
        { logger: { debug: () => {}, info: message => infos.push(message), warning: () => {} } },
      )
      const digest = registry.addBlob('acme/app', Buffer.from('x'))
      await client.hasBlob(repo(), digest)
      expect(infos).toEqual([
        expect.stringMatching(
          new RegExp(
            `^Registry ${registry.host}: HEAD /v2/acme/app/blobs/${digest} answered HTTP 503; retrying in 0\\.0 s \\(attempt 2\\)$`,
          ),
        ),
      ])
    })

    it('waits what Retry-After asks on 429, and reports Docker Hub rate-limit headers when it gives up', async () => {
      await start(
        {
          intercept: (_request, response) => {
            registryError(response, 429, 'TOOMANYREQUESTS', 'You have reached your pull rate limit.', {
              'Retry-After': '2',
              'ratelimit-limit': '100;w=21600',
              'ratelimit-remaining': '0;w=21600',
            })
            return true
          },
        },
        { retry: { maxAttempts: 3 } },
      )
      const error = await rejection(client.getManifest(repo(), 'v1'))
      expect(sleeps).toEqual([2000, 2000])
      expect(error.message).toMatch(
        new RegExp(
          `^Registry ${registry.host}: GET /v2/acme/app/manifests/v1 failed 3 times in .* s\\. Last error: Registry ${registry.host}: GET /v2/acme/app/manifests/v1 answered HTTP 429 \\(TOOMANYREQUESTS: You have reached your pull rate limit\\.\\); rate limit ratelimit-remaining: 0;w=21600, ratelimit-limit: 100;w=21600$`,
        ),
      )
    })

    it('retries a connection the server resets', async () => {
      let resets = 1
      const digest = sha256('blob')
      await start({
        intercept: (_request, response) => {
          if (resets-- <= 0) return false
          response.socket?.destroy()
          return true
        },
      })
      registry.addBlob('acme/app', Buffer.from('blob'))
      expect(await client.hasBlob(repo(), digest)).toBe(true)
      expect(events.map(e => e.status)).toEqual([0, 200])
    })

    it('retries a request that timed out', async () => {
      let hangs = 1
      await start(
        {
          intercept: () => hangs-- > 0,
        },
        { timeoutMs: 200 },
      )
      const digest = registry.addBlob('acme/app', Buffer.from('blob'))
      expect(await client.hasBlob(repo(), digest)).toBe(true)
      expect(events.map(e => e.status)).toEqual([0, 200])
    })

    it('gives up on a registry that is down, naming host, method and path', async () => {
      const down = await startServer(() => {})
      const host = down.host
      await down.close()
      await start({}, { retry: { maxAttempts: 3 } })
      const error = await rejection(client.hasBlob({ registry: host, path: 'acme/app' }, sha256('x')))
      expect(error.message).toMatch(
        new RegExp(
          `^Registry ${host}: HEAD /v2/acme/app/blobs/sha256:[0-9a-f]{64} failed 3 times in .* Last error: connect ECONNREFUSED ${host}`,
        ),
      )
    })

    it.each([
      [404, 'getManifest'],
      [400, 'putManifest'],
    ])('does not retry HTTP %i', async (status, operation) => {
      await start({
        intercept: (_request, response) => {
          registryError(response, status, 'NOPE', 'no')
          return true
        },
      })
      const image = makeImage()
      const call =
        operation === 'getManifest'
          ? client.getManifest(repo(), 'v1')
          : client.putManifest(repo(), 'v1', image.bytes, image.descriptor.mediaType)
      await expect(call).rejects.toThrow(`HTTP ${status}`)
      expect(registry.requests).toHaveLength(1)
      expect(sleeps).toEqual([])
    })

    it('stays within the total time limit', async () => {
      let now = 0
      await start(
        {
          intercept: (_request, response) => {
            registryError(response, 503, 'UNAVAILABLE', 'down')
            return true
          },
        },
        {
          retry: {
            maxAttempts: 100,
            baseDelayMs: 1000,
            maxDelayMs: 1000,
            totalTimeoutMs: 5500,
            random: () => 1,
            now: () => now,
            sleep: async ms => {
              now += ms
            },
          },
        },
      )
      await expect(client.hasBlob(repo(), sha256('x'))).rejects.toThrow(/gave up after 6 attempts in 5.0 s/)
      expect(registry.requests).toHaveLength(6)
    })

    it('retries token requests too', async () => {
      let failures = 1
      await start(
        {
          auth: 'bearer',
          intercept: (request, response) => {
            if (!request.path.startsWith('/token') || failures-- <= 0) return false
            json(response, 503, {})
            return true
          },
        },
        { credentials: { get: async () => ({ username: 'alice', password: 's3cret-password' }) } },
      )
      const digest = registry.addBlob('acme/app', Buffer.from('x'))
      expect(await client.hasBlob(repo(), digest)).toBe(true)
      expect(registry.requests.filter(r => r.path.startsWith('/token')).length).toBe(2)
    })
  })

  describe('connections', () => {
    it('follows a blob redirect to storage without sending the registry credentials there', async () => {
      const blob = Buffer.from('stored elsewhere')
      const storage = await startServer((_request, response) => void response.end(blob))
      others.push(storage)
      await start(
        {
          auth: 'basic',
          intercept: (request, response) => {
            if (
              request.method !== 'GET' ||
              !request.path.includes('/blobs/') ||
              !request.headers.authorization
            )
              return false
            response
              .writeHead(307, { Location: `${storage.url}/bucket/${sha256(blob)}?X-Amz-Signature=sig` })
              .end()
            return true
          },
        },
        { credentials: { get: async () => ({ username: 'alice', password: 's3cret-password' }) } },
      )
      expect(await text(await client.getBlob(repo(), sha256(blob)))).toBe(blob.toString())
      expect(storage.requests[0]!.headers.authorization).toBeUndefined()
      expect(events.map(e => [e.status, e.url.replace(/^http:\/\/[^/]+/, '')])).toEqual([
        [401, `/v2/acme/app/blobs/${sha256(blob)}`],
        [307, `/v2/acme/app/blobs/${sha256(blob)}`],
        [200, `/bucket/${sha256(blob)}?…`],
      ])
    })

    it('counts a redirected blob HEAD as present without following it', async () => {
      await start({
        intercept: (_request, response) => {
          response.writeHead(307, { Location: 'http://storage.invalid/blob' }).end()
          return true
        },
      })
      expect(await client.hasBlob(repo(), sha256('x'))).toBe(true)
    })

    it('reuses keep-alive connections across requests', async () => {
      await start()
      const digest = registry.addBlob('acme/app', Buffer.from('x'))
      for (let i = 0; i < 10; i++) await client.hasBlob(repo(), digest)
      expect(registry.connections()).toBe(1)
    })
  })

  describe('registries as they are', () => {
    /** Stores an image's blobs and manifest in `acme/app`; its descriptor. */
    function stored(tag?: string) {
      const image = makeImage()
      for (const blob of [image.config, ...image.layers]) registry.addBlob('acme/app', blob)
      registry.addManifest('acme/app', image.bytes, image.descriptor.mediaType, tag)
      return image
    }

    it('errors carry the registry, method, path, status, codes and kind', async () => {
      await start({
        intercept: (request, response) => {
          if (request.method !== 'PUT' || !request.path.includes('/manifests/v1')) return false
          registryError(
            response,
            400,
            'TAG_INVALID',
            'cannot be overwritten because the repository is immutable',
          )
          return true
        },
      })
      const image = stored()
      const error = await client
        .putManifest(repo(), 'v1', image.bytes, image.descriptor.mediaType)
        .catch(e => e)
      expect(error).toBeInstanceOf(RegistryError)
      expect(error).toMatchObject({
        registry: registry.host,
        method: 'PUT',
        path: '/v2/acme/app/manifests/v1',
        status: 400,
        codes: ['TAG_INVALID'],
        kind: 'refused',
        temporary: false,
      })
    })

    it('a retried failure keeps its last answer, with the attempts, behind the give-up', async () => {
      await start({
        intercept: (request, response) => {
          if (request.method !== 'HEAD') return false
          registryError(response, 503, 'UNAVAILABLE', 'down')
          return true
        },
      })
      const error = await client.headManifest(repo(), 'v1').catch(e => e)
      const answer = registryErrorOf(error)
      expect(answer).toMatchObject({ status: 503, kind: 'unavailable', temporary: true, attempts: 5 })
    })

    it.each([
      [404, 'NAME_UNKNOWN'],
      [403, 'DENIED'],
      [400, 'UNSUPPORTED'],
    ])('a mount answered %i %s is "not mounted", not an error', async (status, code) => {
      await start({
        intercept: (request, response) => {
          if (request.method !== 'POST' || !request.path.includes('mount=')) return false
          registryError(response, status, code, 'project not found')
          return true
        },
      })
      const digest = registry.addBlob('acme/source', Buffer.from('shared layer'))
      expect(await client.mountBlob(repo(), digest, repo('acme/source'))).toBe(false)
      expect(count('POST', /mount=/)).toBe(1)
    })

    it.each([405, 501])(
      'a manifest HEAD answered %i falls back to GET, learnt once per registry and said once',
      async status => {
        const said: string[] = []
        await start(
          {
            intercept: (request, response) => {
              if (request.method !== 'HEAD' || !request.path.includes('/manifests/')) return false
              response.writeHead(status).end()
              return true
            },
          },
          { logger: { debug: () => {}, info: line => said.push(line), warning: () => {} } },
        )
        const image = stored('v1')
        expect(await client.headManifest(repo(), 'v1')).toEqual(image.descriptor)
        expect(await client.headManifest(repo(), image.descriptor.digest)).toEqual(image.descriptor)
        expect(await client.headManifest(repo(), 'absent')).toBeUndefined()
        expect(count('HEAD', /\/manifests\//)).toBe(1)
        expect(count('GET', /\/manifests\//)).toBe(3)
        expect(said.filter(line => line.includes('does not answer manifest HEAD requests'))).toHaveLength(1)
        // Neither is retried: they say the same every time.
        expect(sleeps).toEqual([])
      },
    )

    it('a manifest known to be pushed that answers 404 for a while is waited for; unknown ones are not', async () => {
      let misses = 2
      await start(
        {
          intercept: (request, response) => {
            if (request.method !== 'HEAD' || !request.path.includes('/manifests/') || misses-- <= 0)
              return false
            registryError(response, 404, 'MANIFEST_UNKNOWN', 'manifest unknown')
            return true
          },
        },
        { lag: { baseDelayMs: 1, maxDelayMs: 2, sleep: async () => {} } },
      )
      const image = stored('v1')
      expect(await client.headManifest(repo(), image.descriptor.digest, { pushed: true })).toEqual(
        image.descriptor,
      )
      expect(count('HEAD', /\/manifests\//)).toBe(3)
      misses = 1
      expect(await client.headManifest(repo(), image.descriptor.digest)).toBeUndefined()
    })

    it('a pushed manifest that never appears is undefined once the bound is reached', async () => {
      let now = 0
      await start(
        {},
        {
          lag: {
            totalTimeoutMs: 1000,
            baseDelayMs: 100,
            maxDelayMs: 400,
            random: () => 1,
            now: () => now,
            sleep: async ms => void (now += ms),
          },
        },
      )
      expect(await client.headManifest(repo(), sha256('nothing'), { pushed: true })).toBeUndefined()
      expect(count('HEAD', /\/manifests\//)).toBeGreaterThan(2)
      expect(now).toBeLessThanOrEqual(1000)
    })

    it('an index PUT answered MANIFEST_BLOB_UNKNOWN is tried again; other 400s are not', async () => {
      let unknown = 2
      await start(
        {
          intercept: (request, response) => {
            if (request.method !== 'PUT' || !request.path.includes('/manifests/')) return false
            if (request.path.endsWith('/bad')) {
              registryError(response, 400, 'MANIFEST_INVALID', 'manifest invalid')
              return true
            }
            if (unknown-- <= 0) return false
            registryError(response, 400, 'MANIFEST_BLOB_UNKNOWN', 'blob unknown to registry')
            return true
          },
        },
        { lag: { baseDelayMs: 1, maxDelayMs: 2, sleep: async () => {} } },
      )
      const image = stored()
      expect(await client.putManifest(repo(), 'v1', image.bytes, image.descriptor.mediaType)).toBe(
        image.descriptor.digest,
      )
      expect(count('PUT', /\/manifests\/v1$/)).toBe(3)
      const error = await client
        .putManifest(repo(), 'bad', image.bytes, image.descriptor.mediaType)
        .catch(e => e)
      expect(registryErrorOf(error)).toMatchObject({ status: 400, codes: ['MANIFEST_INVALID'] })
      expect(count('PUT', /\/manifests\/bad$/)).toBe(1)
    })
  })

  describe('checking an upload', () => {
    /** Three chunks, then the end 100 ms later: time for every byte sent to reach the registry. */
    const chunked = (bytes: Buffer) => async () => {
      const chunks = [bytes.subarray(0, 4), bytes.subarray(4, 8), bytes.subarray(8)]
      let ending = false
      return new Readable({
        read() {
          const next = chunks.shift()
          if (next) this.push(next)
          else if (!ending) {
            ending = true
            setTimeout(() => this.push(null), 100)
          }
        },
      })
    }

    it('bytes that do not match the digest never all reach the registry; matching ones report progress', async () => {
      await start({}, { retry: { maxAttempts: 1 } })
      const blob = Buffer.from('the real layer')
      const digest = sha256(blob)
      const short = await client
        .pushBlob(repo(), { digest, size: blob.length }, chunked(blob.subarray(2)))
        .catch(e => e)
      expect(String(short)).toContain(
        `has ${blob.length - 2} bytes, not the ${blob.length} its descriptor says`,
      )
      const forged = Buffer.from('the fake layer')
      const wrong = await client
        .pushBlob(repo(), { digest, size: forged.length }, chunked(forged))
        .catch(e => e)
      expect(String(wrong)).toContain(`has digest ${sha256(forged)}`)
      // The last chunk was held back: no upload completed, so not even a registry that skips its own digest
      // check could have stored the forged bytes.
      expect(count('PUT', /\/blobs\/uploads\//)).toBe(0)
      expect(registry.hasBlob('acme/app', digest)).toBe(false)

      const sent: number[] = []
      await client.pushBlob(repo(), { digest, size: blob.length }, chunked(blob), {
        progress: bytes => sent.push(bytes),
      })
      expect(registry.hasBlob('acme/app', digest)).toBe(true)
      expect(sent).toEqual([4, 8, blob.length])
    })

    it('a source that fails mid-upload fails it with its own error; a refused upload closes its source', async () => {
      await start({}, { retry: { maxAttempts: 1 } })
      const blob = Buffer.from('a layer that breaks')
      const digest = sha256(blob)
      const breaking = async () =>
        new Readable({
          read() {
            this.push(blob.subarray(0, 4))
            this.destroy(new Error('connection reset by the source'))
          },
        })
      await expect(client.pushBlob(repo(), { digest, size: blob.length }, breaking)).rejects.toThrow(
        'connection reset by the source',
      )
      expect(registry.hasBlob('acme/app', digest)).toBe(false)

      // A registry that refuses the PUT as soon as it starts, without reading the body: the source, which
      // would never end, is closed rather than left open.
      const refusing = http.createServer((request, response) => {
        if (request.method === 'POST') {
          response.writeHead(202, { Location: '/v2/acme/app/blobs/uploads/1', 'Content-Length': '0' }).end()
        } else {
          registryError(response, 403, 'DENIED', 'no pushing here')
        }
      })
      await new Promise<void>(resolve => refusing.listen(0, '127.0.0.1', resolve))
      try {
        const { port } = refusing.address() as AddressInfo
        let source: Readable | undefined
        const endless = async () => {
          source = new Readable({ read() {} })
          source.push(blob)
          return source
        }
        const at = { registry: `127.0.0.1:${port}`, path: 'acme/app' }
        await expect(client.pushBlob(at, { digest, size: blob.length * 2 }, endless)).rejects.toThrow('403')
        expect(source?.destroyed).toBe(true)
      } finally {
        client.close()
        await new Promise(resolve => refusing.close(resolve))
      }
    })

    it('an empty chunk after the last byte changes nothing', async () => {
      await start({}, { retry: { maxAttempts: 1 } })
      const blob = Buffer.from('a layer')
      await client.pushBlob(repo(), { digest: sha256(blob), size: blob.length }, async () =>
        Readable.from([blob, Buffer.alloc(0)]),
      )
      expect(registry.hasBlob('acme/app', sha256(blob))).toBe(true)
    })

    it('an empty blob is checked too', async () => {
      await start({}, { retry: { maxAttempts: 1 } })
      const empty = Buffer.alloc(0)
      const wrong = await client.pushBlob(repo(), { digest: sha256('x'), size: 0 }, open(empty)).catch(e => e)
      expect(String(wrong)).toContain(`has digest ${sha256(empty)}`)
      await client.pushBlob(repo(), { digest: sha256(empty), size: 0 }, open(empty))
      expect(registry.hasBlob('acme/app', sha256(empty))).toBe(true)
    })
  })
})
