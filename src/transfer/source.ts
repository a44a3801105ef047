import type { Readable } from 'node:stream'
import type { Descriptor } from '../core/descriptor.js'
import type { Repository } from '../core/reference.js'
import { collectAtMost } from '../registry/http.js'

/**
 * Somewhere manifests and blobs can be read from: a repository on a registry, or a local OCI image layout
 * that buildah or podman exported. Copying to a registry reads through this, so both paths share one code.
 */
export interface ContentSource {
  /** For messages: `ghcr.io/acme/app` or `oci-layout:/tmp/x`. */
  name: string
  /** Set when the content lives in a registry repository, so a copy within that registry can mount blobs. */
  repository?: Repository
  /** The exact bytes of a manifest or index. */
  readManifest(descriptor: Descriptor): Promise<Buffer>
  /**
   * A blob's bytes; called again for each retry of an upload. With `checked: false` the reader checks them
   * against the digest itself (an upload does), and the source need not; otherwise they are checked.
   */
  openBlob(descriptor: Descriptor, options?: { checked?: boolean }): Promise<Readable>
}

/** Reads a whole blob, refusing more than `maxBytes` (configs are small; anything bigger is not a config). */
export async function readBlob(
  source: ContentSource,
  descriptor: Descriptor,
  maxBytes: number,
): Promise<Buffer> {
  if (descriptor.size > maxBytes) {
    throw new Error(
      `${source.name}: blob ${descriptor.digest} is ${descriptor.size} bytes, more than the ${maxBytes} expected.`,
    )
  }
  return collectAtMost(
    await source.openBlob(descriptor),
    maxBytes,
    () => new Error(`${source.name}: blob ${descriptor.digest} is larger than ${maxBytes} bytes.`),
  )
}
