import type { Readable } from 'node:stream'
import type { Descriptor } from '../core/descriptor.js'
import type { Digest } from '../core/digest.js'
import type { Repository } from '../core/reference.js'

/** A manifest as the registry stores it: the exact bytes, and the descriptor of those bytes. */
export interface Manifest {
  descriptor: Descriptor
  bytes: Buffer
}

/**
 * The registry operations the build and merge steps need, over the OCI Distribution API. One client serves
 * every registry; credentials, tokens and connections are kept per registry host.
 */
export interface RegistryClient {
  /**
   * HEAD a manifest by tag or digest: its descriptor, or undefined on 404. Costs no Docker Hub pull. With
   * `pushed` (a record or the build step says it was pushed), a 404 is waited out for a bounded time first,
   * since registries may lag after a push (GHCR, Nexus).
   */
  headManifest(
    repository: Repository,
    reference: string,
    options?: { pushed?: boolean },
  ): Promise<Descriptor | undefined>
  /** GET a manifest by tag or digest; throws (naming the reference) when absent or larger than 4 MiB. */
  getManifest(repository: Repository, reference: string): Promise<Manifest>
  /**
   * PUT manifest bytes under a tag or their digest, with Content-Type = mediaType; returns the digest. An answer
   * that the manifest's children are unknown (`MANIFEST_BLOB_UNKNOWN`, `BLOB_UNKNOWN`: they were pushed moments
   * ago) is tried again for a bounded time.
   */
  putManifest(repository: Repository, reference: string, bytes: Buffer, mediaType: string): Promise<Digest>
  /** Whether the repository has the blob (HEAD). */
  hasBlob(repository: Repository, digest: Digest): Promise<boolean>
  /** Cross-repository mount within one registry: true when mounted (201), false when the registry declined (202). */
  mountBlob(repository: Repository, digest: Digest, from: Repository): Promise<boolean>
  /**
   * GET a blob's bytes as a stream, following redirects without forwarding credentials to other hosts. The
   * stream fails when the bytes do not match the digest, unless `checked` is false: for a reader that checks
   * them itself (an upload does), so that a copy hashes each byte once. A blob whose `size` is known to be
   * large (`BulkBlobBytes`) comes on a connection of its own, read into reused buffers; an upload takes its
   * chunks as they are lent (wire.ts), with no copy and no allocation per chunk.
   */
  getBlob(
    repository: Repository,
    digest: Digest,
    options?: { checked?: boolean; size?: number },
  ): Promise<Readable>
  /**
   * Upload a blob (monolithic POST then PUT); `open` is called again for each retry, since a stream is used up.
   * The bytes are checked against the digest and size on the way, and the last of them is sent only once they
   * match. `progress` is told how many bytes have gone.
   */
  pushBlob(
    repository: Repository,
    descriptor: Pick<Descriptor, 'digest' | 'size'>,
    open: () => Promise<Readable>,
    options?: { progress?: (bytes: number) => void },
  ): Promise<void>
  /**
   * Gets ready for requests to `repository` ahead of time: the registry's auth scheme and the token (for pull,
   * or pull and push). For a caller with time to spare (the build step, while the builder runs). Never fails;
   * the real requests meet and report whatever went wrong.
   */
  prepare(repository: Repository, options: { push: boolean }): Promise<void>
}

/** Username and password (or identity token) for one registry, as docker/login-action stores them. */
export interface Credentials {
  username: string
  password: string
  /**
   * An OAuth2 refresh token (`identitytoken` in the docker config, as Azure's and Docker Desktop's logins write
   * it): token services take it in a POST with `grant_type=refresh_token` instead of Basic credentials.
   */
  identityToken?: string
}

/** Where credentials come from: the docker config file and its credential helpers, in production. */
export interface CredentialStore {
  /** Credentials for a registry host as written in references (`docker.io`, `ghcr.io`, `localhost:5000`). */
  get(registry: string): Promise<Credentials | undefined>
}

/** One HTTP request the client made, for logs and for counting requests in tests and benchmarks. */
export interface RequestEvent {
  method: string
  /** Full URL with the query, never credentials. */
  url: string
  status: number
  attempt: number
}
