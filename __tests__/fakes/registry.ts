import { Readable } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import type { Descriptor } from '../../src/core/descriptor.js'
import { type Digest, isDigest, sha256Digest } from '../../src/core/digest.js'
import { parseImageManifest, parseIndex } from '../../src/core/manifest.js'
import { isIndexMediaType } from '../../src/core/media-types.js'
import { formatRepository, type Repository } from '../../src/core/reference.js'
import type { Manifest, RegistryClient } from '../../src/registry/types.js'
import type { AttestedContent, Content, ImageContent } from './content.js'

/** One thing a fake did, in the order it happened: `PUT ghcr.io/acme/app@sha256:…`, `record linux/arm64`. */
export interface Event {
  op:
    | 'HEAD'
    | 'GET'
    | 'PUT'
    | 'blob?'
    | 'GET blob'
    | 'PUT blob'
    | 'MOUNT blob'
    | 'prepare'
    | 'record'
    | 'list'
    | 'cleanup'
  /** `repository@digest`, `repository:tag`, a platform, or '' */
  target: string
}

/** Where a fake registry and a fake transport write what they did, so a test can check their order. */
export type Journal = Event[]

/** The writes a publish or a build made, in order: manifests, blobs, records. */
export function writes(journal: Journal): Event[] {
  return journal.filter(e => ['PUT', 'PUT blob', 'MOUNT blob', 'record'].includes(e.op))
}

interface Stored {
  bytes: Buffer
  mediaType: string
}

export interface FakeRegistry extends RegistryClient {
  /** Stores an image (or an attested index, with everything under it) as a builder that pushes would. */
  store(repository: Repository, image: ImageContent | AttestedContent, tag?: string): void
  /** The manifest a tag or digest names now, or undefined. */
  manifestAt(repository: Repository, reference: string): Stored | undefined
  /** Called before each operation; an error it returns is thrown, as a registry's refusal would be. */
  failWhen?: (event: Event) => Error | undefined
}

/**
 * An in-memory registry behind the `RegistryClient` interface. It refuses what a real one refuses: a manifest
 * PUT by a digest its bytes do not have, and one whose config, layers or children are not stored yet
 * (`MANIFEST_BLOB_UNKNOWN`), so a step that writes out of order fails here as it would against a registry.
 */
export function fakeRegistry(journal: Journal = []): FakeRegistry {
  const manifests = new Map<string, Map<string, Stored>>()
  const blobs = new Map<string, Map<string, Buffer>>()
  const inRepo = <T>(map: Map<string, Map<string, T>>, repository: Repository): Map<string, T> => {
    const key = formatRepository(repository)
    if (!map.has(key)) map.set(key, new Map())
    return map.get(key)!
  }
  const at = (repository: Repository, reference: string): string =>
    `${formatRepository(repository)}${isDigest(reference) ? '@' : ':'}${reference}`

  function happened(op: Event['op'], target: string): void {
    const event = { op, target }
    journal.push(event)
    const error = registry.failWhen?.(event)
    if (error) throw error
  }

  function describe(stored: Stored): Descriptor {
    return { mediaType: stored.mediaType, digest: sha256Digest(stored.bytes), size: stored.bytes.length }
  }

  function checkReferenced(repository: Repository, bytes: Buffer, mediaType: string, where: string): void {
    const missing = isIndexMediaType(mediaType)
      ? parseIndex(bytes, mediaType, where).manifests.filter(
          m => !inRepo(manifests, repository).has(m.digest),
        )
      : (({ config, layers }) => [config, ...layers])(parseImageManifest(bytes, mediaType, where)).filter(
          b => !inRepo(blobs, repository).has(b.digest),
        )
    if (missing.length) throw new Error(`MANIFEST_BLOB_UNKNOWN: ${where} references ${missing[0]!.digest}`)
  }

  function putContent(repository: Repository, item: Content): void {
    inRepo(manifests, repository).set(item.descriptor.digest, {
      bytes: item.bytes,
      mediaType: item.descriptor.mediaType,
    })
  }

  const registry: FakeRegistry = {
    async prepare(repository, { push }) {
      journal.push({ op: 'prepare', target: `${formatRepository(repository)}${push ? ' (push)' : ''}` })
    },
    async headManifest(repository, reference) {
      happened('HEAD', at(repository, reference))
      const stored = inRepo(manifests, repository).get(reference)
      return stored && describe(stored)
    },
    async getManifest(repository, reference): Promise<Manifest> {
      happened('GET', at(repository, reference))
      const stored = inRepo(manifests, repository).get(reference)
      if (!stored) throw new Error(`Manifest ${at(repository, reference)} was not found (HTTP 404).`)
      return { descriptor: describe(stored), bytes: stored.bytes }
    },
    async putManifest(repository, reference, bytes, mediaType): Promise<Digest> {
      happened('PUT', at(repository, reference))
      const digest = sha256Digest(bytes)
      if (isDigest(reference) && reference !== digest)
        throw new Error(`DIGEST_INVALID: ${reference} is ${digest}`)
      checkReferenced(repository, bytes, mediaType, at(repository, reference))
      const stored = { bytes, mediaType }
      inRepo(manifests, repository).set(digest, stored)
      inRepo(manifests, repository).set(reference, stored)
      return digest
    },
    async hasBlob(repository, digest) {
      happened('blob?', at(repository, digest))
      return inRepo(blobs, repository).has(digest)
    },
    async mountBlob(repository, digest, from) {
      happened('MOUNT blob', at(repository, digest))
      const bytes = inRepo(blobs, from).get(digest)
      if (bytes) inRepo(blobs, repository).set(digest, bytes)
      return bytes !== undefined
    },
    async getBlob(repository, digest) {
      happened('GET blob', at(repository, digest))
      const bytes = inRepo(blobs, repository).get(digest)
      if (!bytes)
        throw new Error(`Blob ${digest} was not found in ${formatRepository(repository)} (HTTP 404).`)
      return Readable.from([bytes])
    },
    async pushBlob(repository, descriptor, open) {
      happened('PUT blob', at(repository, descriptor.digest))
      const bytes = await buffer(await open())
      if (sha256Digest(bytes) !== descriptor.digest) throw new Error(`DIGEST_INVALID: ${descriptor.digest}`)
      inRepo(blobs, repository).set(descriptor.digest, bytes)
    },
    store(repository, image, tag) {
      const images = 'image' in image ? [image.image, image.attestation] : [image]
      for (const item of images) {
        for (const blob of item.blobs) inRepo(blobs, repository).set(blob.descriptor.digest, blob.bytes)
        putContent(repository, item)
      }
      putContent(repository, image)
      if (tag)
        inRepo(manifests, repository).set(tag, { bytes: image.bytes, mediaType: image.descriptor.mediaType })
    },
    manifestAt: (repository, reference) => inRepo(manifests, repository).get(reference),
  }
  return registry
}
