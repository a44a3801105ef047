import { buffer } from 'node:stream/consumers'
import { parseRepository } from '../../src/core/reference.js'
import { registrySource, RegistryReads } from '../../src/transfer/registry-source.js'
import { imageContent } from '../fakes/content.js'
import { fakeRegistry, type Journal } from '../fakes/registry.js'

const Ghcr = parseRepository('ghcr.io/acme/app', 'test')

/** A fake registry holding one image in ghcr.io/acme/app, and the journal of what was asked of it. */
function stored() {
  const journal: Journal = []
  const registry = fakeRegistry(journal)
  const image = imageContent('linux/arm64')
  registry.store(Ghcr, image)
  return { journal, registry, image }
}

describe('registrySource with shared reads', () => {
  it('reads a small blob once for readers that ask at the same time, and keeps it for later ones', async () => {
    const { journal, registry, image } = stored()
    const config = image.blobs[0]!.descriptor
    const reads = new RegistryReads()
    const [a, b] = await Promise.all([
      registrySource(registry, Ghcr, reads).openBlob(config),
      registrySource(registry, Ghcr, reads).openBlob(config),
    ])
    const later = await registrySource(registry, Ghcr, reads).openBlob(config)
    for (const stream of [a, b, later]) expect(await buffer(stream)).toEqual(image.blobs[0]!.bytes)
    expect(journal.filter(e => e.op === 'GET blob')).toHaveLength(1)
  })

  it('forgets a failed read, so that a retry reads again', async () => {
    const { journal, registry, image } = stored()
    const config = image.blobs[0]!.descriptor
    const reads = new RegistryReads()
    registry.failWhen = ({ op }) => (op === 'GET blob' ? new Error('connection reset') : undefined)
    await expect(registrySource(registry, Ghcr, reads).openBlob(config)).rejects.toThrow('connection reset')
    registry.failWhen = undefined
    expect(await buffer(await registrySource(registry, Ghcr, reads).openBlob(config))).toEqual(
      image.blobs[0]!.bytes,
    )
    expect(journal.filter(e => e.op === 'GET blob')).toHaveLength(2)
  })

  it('reads a manifest once for readers that ask at the same time, as a copy to two targets does', async () => {
    const { journal, registry, image } = stored()
    const reads = new RegistryReads()
    const [a, b] = await Promise.all(
      [1, 2].map(() => registrySource(registry, Ghcr, reads).readManifest(image.descriptor)),
    )
    expect(a).toBe(b)
    expect(journal.filter(e => e.op === 'GET')).toHaveLength(1)
    expect(reads.manifest(Ghcr, image.descriptor.digest)?.bytes).toBe(a)
  })

  it('keeps a manifest under its digest, with the descriptor the registry answered', async () => {
    const { journal, registry, image } = stored()
    const reads = new RegistryReads()
    const bytes = await registrySource(registry, Ghcr, reads).readManifest(image.descriptor)
    expect(await registrySource(registry, Ghcr, reads).readManifest(image.descriptor)).toBe(bytes)
    expect(reads.manifest(Ghcr, image.descriptor.digest)?.descriptor).toMatchObject({
      digest: image.descriptor.digest,
      size: bytes.length,
    })
    expect(journal.filter(e => e.op === 'GET')).toHaveLength(1)
  })
})
