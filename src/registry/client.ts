import { blobOperations } from './blobs.js'
import { manifestOperations } from './manifests.js'
import { createRequestCore, type RegistryClientOptions } from './request.js'
import type { RegistryClient } from './types.js'

export { DefaultChecksPerHost, DefaultRequestsPerHost, DockerHubEndpoint, registryEndpoint } from './hosts.js'
export type { RegistryClientOptions } from './request.js'

/** A registry client that holds keep-alive connections: `close()` them when done. */
export type ClosableRegistryClient = RegistryClient & { close(): void }

/**
 * A client for any registry that speaks the OCI Distribution API: Docker Hub, GHCR, ECR, ACR, GAR, Quay,
 * Harbor, Nexus, CNCF Distribution. The rooms: `request.ts` (the request core: per-host slots, auth, retries,
 * redirects, errors as `RegistryError`), `hosts.ts` (what is known per host), `manifests.ts` and `blobs.ts` (one
 * module per resource), `content.ts` (every answer's bytes checked against their digest before they are believed).
 */
export function createRegistryClient(options: RegistryClientOptions): ClosableRegistryClient {
  const core = createRequestCore(options)
  return {
    ...manifestOperations(core),
    ...blobOperations(core),
    prepare: (repository, { push }) => core.prepare(repository, push),
    close: () => core.close(),
  }
}
