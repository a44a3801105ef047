/**
 * The client against a real CNCF Distribution registry (no auth, htpasswd Basic, and Bearer tokens from an
 * issuer), with credentials read from a docker config as docker/login-action writes it. Results are checked
 * with the registry's own access log and with skopeo, a client we did not write.
 */
import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { formatRepository, type Repository } from '../../src/core/reference.js'
import { type ClosableRegistryClient, createRegistryClient } from '../../src/registry/client.js'
import { dockerConfigCredentials } from '../../src/registry/docker-config.js'
import type { RequestEvent } from '../../src/registry/types.js'
import { copyManifest } from '../../src/transfer/copy.js'
import { registrySource } from '../../src/transfer/registry-source.js'
import { collectAtMost } from '../../src/registry/http.js'
import { startFaultProxy } from '../harness/fault-proxy.js'
import { type DockerConfigDir, writeDockerConfig } from '../harness/docker-config.js'
import { inspectRaw, pullAs, pushImage } from '../harness/images.js'
import { type RegistryAuth, type RunningRegistry, startRegistry } from '../harness/registry.js'
import { makeImage, rejection, sha256 } from './fake-registry.js'

const NoConfig = { DOCKER_CONFIG: '/nonexistent/docker-config' }

interface Connected {
  registry: RunningRegistry
  config?: DockerConfigDir
  client: ClosableRegistryClient
  events: RequestEvent[]
  creds?: string
  repo(path: string): Repository
  close(): Promise<void>
}

/** A registry, a docker config with its credentials (unless auth is none), and a client reading that config. */
async function connect(
  auth: RegistryAuth,
  options: { password?: string; push?: string[] } = {},
): Promise<Connected> {
  const registry = await startRegistry({ auth })
  const config =
    auth === 'none'
      ? undefined
      : await writeDockerConfig({
          [registry.host]: { username: registry.username, password: options.password ?? registry.password },
        })
  const repo = (path: string): Repository => ({ registry: registry.host, path })
  const events: RequestEvent[] = []
  const client = createRegistryClient({
    credentials: dockerConfigCredentials({ env: config?.env ?? NoConfig }),
    pushRepositories: (options.push ?? []).map(repo),
    onRequest: event => events.push(event),
    retry: { baseDelayMs: 50 },
  })
  return {
    registry,
    config,
    client,
    events,
    creds: auth === 'none' ? undefined : `${registry.username}:${registry.password}`,
    repo,
    async close() {
      client.close()
      await registry.stop()
      await config?.cleanup()
    },
  }
}

/** Pushes a small image's blobs and manifest with our client. */
async function push(
  client: ClosableRegistryClient,
  repository: Repository,
  tag: string,
): Promise<ReturnType<typeof makeImage>> {
  const image = makeImage()
  await Promise.all(
    [image.config, ...image.layers].map(blob =>
      client.pushBlob(repository, { digest: sha256(blob), size: blob.length }, async () =>
        Readable.from([blob]),
      ),
    ),
  )
  expect(await client.putManifest(repository, tag, image.bytes, image.descriptor.mediaType)).toBe(
    image.descriptor.digest,
  )
  return image
}

describe.each(['none', 'basic', 'token'] as const)('real registry, auth %s', auth => {
  let c: Connected

  beforeAll(async () => {
    c = await connect(auth, { push: ['acme/app', 'acme/copy'] })
  })
  afterAll(async () => {
    await c?.close()
  })

  it('pushes blobs and a manifest, and reads them back', async () => {
    const tokensBefore = c.registry.tokenRequests()
    const app = c.repo('acme/app')
    expect(await c.client.headManifest(app, 'v1')).toBeUndefined()
    const image = await push(c.client, app, 'v1')

    expect(await c.client.headManifest(app, 'v1')).toEqual(image.descriptor)
    expect(await c.client.getManifest(app, image.descriptor.digest)).toEqual({
      descriptor: image.descriptor,
      bytes: image.bytes,
    })
    for (const blob of [image.config, ...image.layers])
      expect(await c.client.hasBlob(app, sha256(blob))).toBe(true)
    const chunks: Buffer[] = []
    for await (const chunk of await c.client.getBlob(app, sha256(image.layers[0]!)))
      chunks.push(chunk as Buffer)
    expect(Buffer.concat(chunks)).toEqual(image.layers[0])

    // pull,push was asked for up front: the whole exchange cost one token.
    if (auth === 'token') expect(c.registry.tokenRequests() - tokensBefore).toBe(1)
    // skopeo reads back exactly the bytes we put.
    expect(await inspectRaw(`${c.registry.host}/acme/app:v1`, { creds: c.creds })).toBe(
      image.bytes.toString(),
    )
    const statuses = c.events.filter(e => !e.url.includes('/token')).map(e => e.status)
    expect(statuses.filter(s => s === 401)).toHaveLength(auth === 'none' ? 0 : 1)
  })

  it('mounts blobs between repositories instead of uploading them', async () => {
    const app = c.repo('acme/app')
    const image = await push(c.client, app, 'mount-me')
    await c.registry.resetRequests()
    await copyManifest(c.client, registrySource(c.client, app), image.descriptor, c.repo('acme/copy'))

    const requests = await c.registry.requests()
    const mounts = requests.filter(r => r.method === 'POST' && r.path.includes('mount='))
    expect(mounts.map(r => r.status)).toEqual([201, 201, 201])
    expect(mounts[0]!.path).toContain('from=acme%2Fapp')
    expect(requests.filter(r => r.method === 'PUT' && r.path.includes('/blobs/uploads/'))).toEqual([])
    expect(requests.filter(r => r.method === 'PATCH')).toEqual([])
    expect(
      await inspectRaw(`${c.registry.host}/acme/copy@${image.descriptor.digest}`, { creds: c.creds }),
    ).toBe(image.bytes.toString())
  })
})

describe('real registries, together', () => {
  const open: Connected[] = []
  afterEach(async () => {
    await Promise.all(open.splice(0).map(c => c.close()))
  })

  it('copies an image that buildah pushed to one registry into another', async () => {
    const [from, to] = await Promise.all([connect('basic'), connect('token', { push: ['mirror/app'] })])
    open.push(from, to)
    // One client for both registries, with both logins in one docker config, as in a merge job.
    const config = await writeDockerConfig({
      [from.registry.host]: { username: from.registry.username, password: from.registry.password },
      [to.registry.host]: { username: to.registry.username, password: to.registry.password },
    })
    const client = createRegistryClient({
      credentials: dockerConfigCredentials({ env: config.env }),
      pushRepositories: [to.repo('mirror/app')],
    })
    try {
      const digest = await pushImage('linux/arm64', `${from.registry.host}/build/app:arm64`, {
        creds: from.creds,
      })
      const source = from.repo('build/app')
      const descriptor = await client.headManifest(source, 'arm64')
      expect(descriptor?.digest).toBe(digest)
      await copyManifest(client, registrySource(client, source), descriptor!, to.repo('mirror/app'))
      await client.putManifest(
        to.repo('mirror/app'),
        'latest',
        (await client.getManifest(to.repo('mirror/app'), digest)).bytes,
        descriptor!.mediaType,
      )

      const pulled = await pullAs(`${to.registry.host}/mirror/app:latest`, 'linux/arm64', { creds: to.creds })
      expect(pulled).toMatchObject({ architecture: 'arm64', os: 'linux', digest })
      expect(pulled.platformFile.trim()).toContain('linux/arm64')
    } finally {
      client.close()
      await config.cleanup()
    }
  })

  it('streams a big layer across registries without letting read buffers pile up', async () => {
    const [from, to] = await Promise.all([connect('none'), connect('none')])
    open.push(from, to)
    const MiB = 1024 * 1024
    // Big enough for read buffers to pile up by tens of MiB before V8 collects them of its own accord.
    const image = makeImage({ layers: 0, shared: [Buffer.alloc(128 * MiB, 'native-multiarch ')] })
    const source = from.repo('big/app')
    for (const blob of [image.config, image.layers[0]!])
      await from.client.pushBlob(source, { digest: sha256(blob), size: blob.length }, async () =>
        Readable.from([blob]),
      )
    await from.client.putManifest(source, 'v1', image.bytes, image.descriptor.mediaType)

    // Every socket read is a fresh buffer, and so is every body chunk the HTTP parser hands on.
    const arrayBuffers = (): number => process.memoryUsage().arrayBuffers
    const before = arrayBuffers()
    let peak = before
    const sampler = setInterval(() => (peak = Math.max(peak, arrayBuffers())), 5)
    try {
      const target = to.repo('mirror/app')
      await copyManifest(from.client, registrySource(from.client, source), image.descriptor, target)
      expect(await from.client.hasBlob(target, sha256(image.layers[0]!))).toBe(true)
    } finally {
      clearInterval(sampler)
    }
    // Measured here: under 5 MiB, and 30 to 32 MiB (Node 20) when nothing collects the buffers early.
    expect((peak - before) / MiB).toBeLessThan(16)
  })

  it('copies a big layer whose download is cut short, then redirected to storage', async () => {
    const [from, to] = await Promise.all([connect('none'), connect('none')])
    open.push(from, to)
    const proxy = await startFaultProxy({ target: from.registry.url })
    const client = createRegistryClient({
      credentials: dockerConfigCredentials({ env: NoConfig }),
      retry: { baseDelayMs: 20 },
    })
    try {
      const image = makeImage({ layers: 0, shared: [randomBytes(12 * 1024 * 1024)] })
      const layer = image.layers[0]!
      const source: Repository = { registry: proxy.host, path: 'big/app' }
      for (const blob of [image.config, layer])
        await client.pushBlob(source, { digest: sha256(blob), size: blob.length }, async () =>
          Readable.from([blob]),
        )
      await client.putManifest(source, 'v1', image.bytes, image.descriptor.mediaType)
      proxy.reset()
      // The first download stops 5 MiB in; the second is sent to "object storage" (the registry, by its own name).
      proxy.inject(
        { kind: 'blob-get', fault: { cutAfter: 5 * 1024 * 1024 }, times: 1, path: new RegExp(sha256(layer)) },
        {
          kind: 'blob-get',
          fault: { redirect: `${from.registry.url}/v2/big/app` },
          times: 1,
          path: new RegExp(sha256(layer)),
        },
      )
      const target = to.repo('mirror/app')
      await copyManifest(client, registrySource(client, source), image.descriptor, target)
      const copied = await collectAtMost(
        await client.getBlob(target, sha256(layer)),
        layer.length,
        () => new Error('too large'),
      )
      expect(copied.equals(layer)).toBe(true)
      const downloads = proxy.requests().filter(r => r.kind === 'blob-get' && r.path.includes(sha256(layer)))
      expect(downloads.map(r => r.fault)).toEqual(['cut', 'redirect'])
      // Read by wire.ts (a connection of its own), not through node:http's keep-alive pool.
      expect(downloads.map(r => r.headers.connection)).toEqual(['close', 'close'])
    } finally {
      client.close()
      await proxy.stop()
    }
  })

  it.each(['basic', 'token'] as const)(
    'explains a wrong password (%s auth) without showing it',
    async auth => {
      const c = await connect(auth, { password: 'not-the-password' })
      open.push(c)
      const app = c.repo('acme/app')
      const error = await rejection(c.client.getManifest(app, 'v1'))
      const host = c.registry.host
      if (auth === 'basic') {
        expect(error.message).toMatch(
          new RegExp(
            `^pull access denied for ${host}/acme/app: the registry answered GET with HTTP 401 \\(UNAUTHORIZED: authentication required\\), using the credentials found for ${host}\\. Check that the image name includes the registry \\(e\\.g\\. ghcr\\.io/acme/app\\) and that a login step ran for ${host}\\.$`,
          ),
        )
      } else {
        expect(error.message).toBe(
          `Login to ${host} failed: the token service of ${host} (${new URL(c.registry.token!.realm).host}/token) rejected the credentials (HTTP 401: UNAUTHORIZED: incorrect username or password). Check the username and password or token the login step for ${host} used.`,
        )
      }
      expect(error.message).not.toContain('not-the-password')
      expect(formatRepository(app)).toBe(`${host}/acme/app`)
    },
  )

  it('explains a missing login', async () => {
    const c = await connect('basic')
    open.push(c)
    const anonymous = createRegistryClient({ credentials: dockerConfigCredentials({ env: NoConfig }) })
    try {
      const error = await rejection(anonymous.headManifest(c.repo('acme/app'), 'v1'))
      expect(error.message).toContain(
        `pull access denied for ${c.registry.host}/acme/app: the registry answered HEAD with HTTP 401, without credentials: none were found for ${c.registry.host}.`,
      )
      expect(error.message).toContain(`that a login step ran for ${c.registry.host}.`)
    } finally {
      anonymous.close()
    }
  })
})
