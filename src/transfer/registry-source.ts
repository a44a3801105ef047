import { Readable } from 'node:stream'
import type { Digest } from '../core/digest.js'
import { formatRepository, type Repository } from '../core/reference.js'
import { collectAtMost } from '../registry/http.js'
import type { Manifest, RegistryClient } from '../registry/types.js'
import type { ContentSource } from './source.js'

/** Blobs up to this size (image configs, attestation statements) are kept once read; layers stream through. */
const KeptBlobBytes = 256 * 1024

/** What a step keeps of such blobs at most, however many platforms it merges. */
const KeptBlobsTotalBytes = 16 * 1024 * 1024

/**
 * What a step has read from registries, by repository and digest. Content is named by its digest and was
 * checked against it when read, so a second reader gets the same bytes without asking again: a merge reads
 * each manifest and each config once, whether to resolve a `digests` entry, to check a platform or to copy.
 */
export class RegistryReads {
  private readonly manifests = new Map<string, Promise<Manifest>>()
  /** The manifests whose read has finished: what the registry answered, for a check that must not wait. */
  private readonly answered = new Map<string, Manifest>()
  private readonly blobs = new Map<string, Promise<Buffer>>()
  private keptBlobBytes = 0

  /** The manifest `digest` as `repository` answered it in this step (its descriptor and bytes), if it was read. */
  manifest(repository: Repository, digest: Digest): Manifest | undefined {
    return this.answered.get(key(repository, digest))
  }

  /** Keeps a manifest read from `repository` by other means (by tag), under the digest its bytes were checked against. */
  keepManifest(repository: Repository, manifest: Manifest): void {
    const name = key(repository, manifest.descriptor.digest)
    this.answered.set(name, manifest)
    this.manifests.set(name, Promise.resolve(manifest))
  }

  /** The manifest `digest` of `repository`, read by `read` the first time it is asked for (see `shared`). */
  async readManifest(
    repository: Repository,
    digest: Digest,
    read: () => Promise<Manifest>,
  ): Promise<Manifest> {
    const name = key(repository, digest)
    const manifest = await shared(this.manifests, name, read)
    this.answered.set(name, manifest)
    return manifest
  }

  /**
   * A small blob of `repository`, read whole by `read` the first time it is asked for (see `shared`). Past
   * `KeptBlobsTotalBytes` in all, blobs are read each time rather than kept.
   */
  blob(repository: Repository, digest: Digest, size: number, read: () => Promise<Buffer>): Promise<Buffer> {
    const name = key(repository, digest)
    const known = this.blobs.get(name)
    if (known) return known
    if (this.keptBlobBytes + size > KeptBlobsTotalBytes) return read()
    this.keptBlobBytes += size
    // Counted back once, by the one read, when it fails (and is forgotten).
    const counted = (): Promise<Buffer> =>
      read().catch((error: unknown) => {
        this.keptBlobBytes -= size
        throw error
      })
    return shared(this.blobs, name, counted)
  }
}

/**
 * What `read` gives, kept in `kept` under `name`: readers that ask while it is on its way share that read, later
 * ones get its result, and a failed read is forgotten so that a retry reads again.
 */
function shared<T>(kept: Map<string, Promise<T>>, name: string, read: () => Promise<T>): Promise<T> {
  const known = kept.get(name)
  if (known) return known
  const reading = read().catch((error: unknown) => {
    kept.delete(name)
    throw error
  })
  kept.set(name, reading)
  return reading
}

const key = (repository: Repository, digest: Digest): string => `${formatRepository(repository)}@${digest}`

/**
 * A repository on a registry as a content source. Manifests are fetched by digest, so the client checks the
 * bytes against it; the `repository` lets a copy within the same registry mount blobs instead of moving them.
 * With `reads` shared between sources, what one has read the others do not read again.
 */
export function registrySource(
  client: RegistryClient,
  repository: Repository,
  reads = new RegistryReads(),
): ContentSource {
  return {
    name: formatRepository(repository),
    repository,
    async readManifest(descriptor) {
      const { digest } = descriptor
      const manifest = await reads.readManifest(repository, digest, () =>
        client.getManifest(repository, digest),
      )
      return manifest.bytes
    },
    async openBlob(descriptor, options) {
      if (descriptor.size > KeptBlobBytes) {
        return client.getBlob(repository, descriptor.digest, { ...options, size: descriptor.size })
      }
      const tooLarge = () =>
        new Error(
          `Blob ${descriptor.digest} from ${formatRepository(repository)} has more than the ${descriptor.size} bytes its descriptor says.`,
        )
      // Read to its end, so the client's digest check has passed before the bytes are kept.
      const bytes = await reads.blob(repository, descriptor.digest, descriptor.size, async () =>
        collectAtMost(await client.getBlob(repository, descriptor.digest), descriptor.size, tooLarge),
      )
      // Kept bytes are shared between readers, so they were checked whatever this reader asked.
      return Readable.from([bytes])
    },
  }
}
