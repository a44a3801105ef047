import { Readable } from 'node:stream'
import type { Digest } from '../core/digest.js'
import { formatRepository, type Repository } from '../core/reference.js'
import { collectAtMost } from '../registry/http.js'
import type { Manifest, RegistryClient } from '../registry/types.js'
import type { ContentSource } from './source.js'

/** Blobs up to this size (image configs, attestation statements) are kept once read; layers stream through. */
const KeptBlobBytes = 256 * 1024

/**
 * What a step has read from registries, by repository and digest. Content is named by its digest and was
 * checked against it when read, so a second reader gets the same bytes without asking again: a merge reads
 * each manifest and each config once, whether to resolve a `digests` entry, to check a platform or to copy.
 */
export class RegistryReads {
  private readonly manifests = new Map<string, Manifest>()
  private readonly blobs = new Map<string, Buffer>()

  /** The manifest `digest` as `repository` answered it in this step (its descriptor and bytes), if it was read. */
  manifest(repository: Repository, digest: Digest): Manifest | undefined {
    return this.manifests.get(key(repository, digest))
  }

  /** Keeps a manifest read from `repository`, under the digest its bytes were checked against. */
  keepManifest(repository: Repository, manifest: Manifest): void {
    this.manifests.set(key(repository, manifest.descriptor.digest), manifest)
  }

  /** A small blob read whole from `repository` in this step, if it was. */
  blob(repository: Repository, digest: Digest): Buffer | undefined {
    return this.blobs.get(key(repository, digest))
  }

  keepBlob(repository: Repository, digest: Digest, bytes: Buffer): void {
    this.blobs.set(key(repository, digest), bytes)
  }
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
      const known = reads.manifest(repository, descriptor.digest)
      if (known) return known.bytes
      const manifest = await client.getManifest(repository, descriptor.digest)
      reads.keepManifest(repository, manifest)
      return manifest.bytes
    },
    async openBlob(descriptor) {
      const known = reads.blob(repository, descriptor.digest)
      if (known) return Readable.from([known])
      const stream = await client.getBlob(repository, descriptor.digest)
      if (descriptor.size > KeptBlobBytes) return stream
      const tooLarge = () =>
        new Error(
          `Blob ${descriptor.digest} from ${formatRepository(repository)} has more than the ${descriptor.size} bytes its descriptor says.`,
        )
      const bytes = await collectAtMost(stream, descriptor.size, tooLarge)
      reads.keepBlob(repository, descriptor.digest, bytes)
      return Readable.from([bytes])
    },
    // getBlob checks every byte against the digest as it streams, and kept bytes were checked so.
    verifiesBlobs: true,
  }
}
