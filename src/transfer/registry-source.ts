import type { Repository } from '../core/reference.js'
import { formatRepository } from '../core/reference.js'
import type { RegistryClient } from '../registry/types.js'
import type { ContentSource } from './source.js'

/**
 * A repository on a registry as a content source. Manifests are fetched by digest, so the client checks the
 * bytes against it; the `repository` lets a copy within the same registry mount blobs instead of moving them.
 */
export function registrySource(client: RegistryClient, repository: Repository): ContentSource {
  return {
    name: formatRepository(repository),
    repository,
    readManifest: async descriptor => (await client.getManifest(repository, descriptor.digest)).bytes,
    openBlob: descriptor => client.getBlob(repository, descriptor.digest),
    // getBlob checks every byte against the digest as it streams.
    verifiesBlobs: true,
  }
}
