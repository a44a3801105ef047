import { Readable } from 'node:stream'
import type { Descriptor } from '../../src/core/descriptor.js'
import type { Repository } from '../../src/core/reference.js'
import { type ClosableRegistryClient, createRegistryClient } from '../../src/registry/client.js'
import { copyManifest, progressReport } from '../../src/transfer/copy.js'
import type { Logger } from '../../src/core/logger.js'
import { registrySource } from '../../src/transfer/registry-source.js'
import type { ContentSource } from '../../src/transfer/source.js'
import {
  type FakeRegistry,
  type FakeRegistryOptions,
  makeImage,
  makeIndex,
  sha256,
  startFakeRegistry,
} from '../registry/fake-registry.js'

type Image = ReturnType<typeof makeImage>

/** Stores an image's blobs and manifest in a fake registry's repository. */
function store(registry: FakeRegistry, path: string, image: Image): void {
  for (const blob of [image.config, ...image.layers]) registry.addBlob(path, blob)
  registry.addManifest(path, image.bytes, image.descriptor.mediaType)
}

describe('copyManifest', () => {
  const registries: FakeRegistry[] = []
  let client: ClosableRegistryClient
  const start = async (options: FakeRegistryOptions = {}): Promise<FakeRegistry> => {
    const registry = await startFakeRegistry(options)
    registries.push(registry)
    return registry
  }
  const at = (registry: FakeRegistry, path: string): Repository => ({ registry: registry.host, path })
  const blobPuts = (registry: FakeRegistry): number =>
    registry.requests.filter(r => r.method === 'PUT' && r.path.includes('/blobs/uploads/')).length

  beforeEach(() => {
    client = createRegistryClient({ credentials: { get: async () => undefined }, retry: { baseDelayMs: 1 } })
  })
  afterEach(async () => {
    client.close()
    await Promise.all(registries.splice(0).map(r => r.close()))
  })

  /** Two platform images sharing a base layer, and an attestation manifest, under one index. */
  function multiPlatform(): { images: Image[]; index: ReturnType<typeof makeIndex> } {
    const base = Buffer.from('shared base layer '.repeat(100))
    const amd64 = makeImage({ architecture: 'amd64', shared: [base] })
    const arm64 = makeImage({ architecture: 'arm64', shared: [base] })
    const attestation = makeImage({ layers: 1, architecture: 'unknown' })
    const index = makeIndex([
      { ...amd64.descriptor, platform: { os: 'linux', architecture: 'amd64' } },
      { ...arm64.descriptor, platform: { os: 'linux', architecture: 'arm64' } },
      { ...attestation.descriptor, platform: { os: 'unknown', architecture: 'unknown' } },
    ])
    return { images: [amd64, arm64, attestation], index }
  }

  it('copies an index, its images and their blobs across registries, each blob once', async () => {
    const source = await start()
    const target = await start()
    const { images, index } = multiPlatform()
    for (const image of images) store(source, 'acme/app', image)
    source.addManifest('acme/app', index.bytes, index.descriptor.mediaType)

    await copyManifest(
      client,
      registrySource(client, at(source, 'acme/app')),
      index.descriptor,
      at(target, 'mirror/app'),
    )

    expect(target.manifest('mirror/app', index.descriptor.digest)?.bytes).toEqual(index.bytes)
    for (const image of images) {
      expect(target.manifest('mirror/app', image.descriptor.digest)).toEqual({
        bytes: image.bytes,
        mediaType: image.descriptor.mediaType,
      })
    }
    const unique = new Set(images.flatMap(image => [image.config, ...image.layers].map(blob => sha256(blob))))
    expect(unique.size).toBe(9)
    expect(blobPuts(target)).toBe(unique.size)
    // Manifests go by digest, children before the index (the fake refuses an index with unknown children).
    const manifestPuts = target.requests.filter(r => r.method === 'PUT' && r.path.includes('/manifests/'))
    expect(manifestPuts.map(r => r.path.split('/').pop())).toHaveLength(4)
    expect(manifestPuts.at(-1)!.path).toBe(`/v2/mirror/app/manifests/${index.descriptor.digest}`)
  })

  it('does nothing but one HEAD when the target has the manifest', async () => {
    const source = await start()
    const target = await start()
    const image = makeImage()
    store(source, 'acme/app', image)
    store(target, 'acme/app', image)
    await copyManifest(
      client,
      registrySource(client, at(source, 'acme/app')),
      image.descriptor,
      at(target, 'acme/app'),
    )
    expect(target.requests.map(r => r.method)).toEqual(['HEAD'])
    expect(source.requests).toEqual([])
  })

  it('skips children and blobs the target already has', async () => {
    const source = await start()
    const target = await start()
    const { images, index } = multiPlatform()
    for (const image of images) store(source, 'acme/app', image)
    source.addManifest('acme/app', index.bytes, index.descriptor.mediaType)
    const [amd64, arm64] = images as [Image, Image, Image]
    store(target, 'acme/app', amd64)
    await copyManifest(
      client,
      registrySource(client, at(source, 'acme/app')),
      index.descriptor,
      at(target, 'acme/app'),
    )
    // The amd64 manifest is there, so its subtree is not read; arm64's shared base layer is found by HEAD.
    expect(source.requests.some(r => r.path.endsWith(amd64.descriptor.digest))).toBe(false)
    expect(blobPuts(target)).toBe(1 + 2 + 2) // arm64 config + 2 layers, attestation config + layer
    expect(target.manifest('acme/app', arm64.descriptor.digest)).toBeDefined()
  })

  it('mounts blobs within one registry instead of moving them', async () => {
    const registry = await start()
    const image = makeImage()
    store(registry, 'build/app', image)
    await copyManifest(
      client,
      registrySource(client, at(registry, 'build/app')),
      image.descriptor,
      at(registry, 'acme/app'),
    )
    const mounts = registry.requests.filter(r => r.method === 'POST' && r.path.includes('mount='))
    expect(mounts).toHaveLength(3)
    expect(blobPuts(registry)).toBe(0)
    expect(registry.requests.filter(r => r.method === 'GET')).toHaveLength(1) // the manifest, by digest
    expect(registry.manifest('acme/app', image.descriptor.digest)).toBeDefined()
  })

  it('uploads when the registry declines a mount', async () => {
    const registry = await start({ mounts: false })
    const image = makeImage()
    store(registry, 'build/app', image)
    await copyManifest(
      client,
      registrySource(client, at(registry, 'build/app')),
      image.descriptor,
      at(registry, 'acme/app'),
    )
    expect(registry.requests.filter(r => r.method === 'POST' && r.path.includes('mount='))).toHaveLength(3)
    expect(blobPuts(registry)).toBe(3)
    expect(registry.manifest('acme/app', image.descriptor.digest)).toBeDefined()
  })

  it('keeps at most `concurrency` blob uploads in flight', async () => {
    let inFlight = 0
    let most = 0
    const target = await start({
      intercept: async request => {
        if (request.method !== 'PUT' || !request.path.includes('/blobs/')) return false
        most = Math.max(most, ++inFlight)
        await new Promise(resolve => setTimeout(resolve, 20))
        inFlight--
        return false
      },
    })
    const image = makeImage({ layers: 9 })
    const blobs = new Map<string, Buffer>([image.config, ...image.layers].map(blob => [sha256(blob), blob]))
    const memory: ContentSource = {
      name: 'memory',
      readManifest: async () => image.bytes,
      openBlob: async (descriptor: Descriptor) => Readable.from([blobs.get(descriptor.digest)!]),
    }
    await copyManifest(client, memory, image.descriptor, at(target, 'acme/app'), { concurrency: 3 })
    expect(most).toBe(3)
    expect(blobPuts(target)).toBe(10)
  })

  it('refuses source bytes that do not match the descriptor', async () => {
    const target = await start()
    const image = makeImage()
    const memory: ContentSource = {
      name: 'oci-layout:/tmp/x',
      readManifest: async () => Buffer.from('{}'),
      openBlob: async () => Readable.from([]),
    }
    await expect(copyManifest(client, memory, image.descriptor, at(target, 'acme/app'))).rejects.toThrow(
      `oci-layout:/tmp/x@${image.descriptor.digest}: the source gave bytes whose digest is ${sha256('{}')}.`,
    )
  })
})

describe('progressReport', () => {
  const blob = { digest: `sha256:${'c'.repeat(64)}` as const, size: 4 * 1024 * 1024 }
  const target = { registry: 'ghcr.io', path: 'acme/app' }

  function recorder(): { logger: Logger; lines: string[] } {
    const lines: string[] = []
    return { lines, logger: { debug: () => {}, info: line => lines.push(line), warning: () => {} } }
  }

  test('a large blob reports how far it has got, once per interval', () => {
    const { logger, lines } = recorder()
    let now = 0
    const report = progressReport(blob, target, logger, { minBytes: 1, intervalMs: 10, now: () => now })!
    for (const [at, sent] of [
      [5, 1],
      [10, 2],
      [15, 3],
      [20, 4],
    ] as const) {
      now = at
      report(sent * 1024 * 1024)
    }
    expect(lines).toEqual(
      [2, 4].map(n => `Copying ${blob.digest} to ghcr.io/acme/app: ${n}.0 MiB of 4.0 MiB`),
    )
  })

  test('a small blob has no report', () => {
    const { logger } = recorder()
    expect(progressReport({ ...blob, size: 1 }, target, logger)).toBeUndefined()
  })
})
