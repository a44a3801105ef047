import type { Readable } from 'node:stream'
import { mapLimit } from '../core/concurrency.js'
import type { Descriptor } from '../core/descriptor.js'
import { sha256Digest } from '../core/digest.js'
import { type Logger, silentLogger } from '../core/logger.js'
import { parseImageManifest, parseIndex } from '../core/manifest.js'
import { isImageManifestMediaType, isIndexMediaType } from '../core/media-types.js'
import { formatRepository, type Repository, sameRepository } from '../core/reference.js'
import { DefaultRequestsPerHost } from '../registry/hosts.js'
import { describeError } from '../registry/retry.js'
import type { RegistryClient } from '../registry/types.js'
import type { ContentSource } from './source.js'

export interface CopyOptions {
  logger?: Logger
  /** Blob transfers (and manifest checks) in flight at once (default: the client's requests per host). */
  concurrency?: number
}

/** A manifest the target lacks, with the missing manifests it lists (an index's children). */
interface MissingManifest {
  descriptor: Descriptor
  bytes: Buffer
  children: MissingManifest[]
}

type BlobOutcome = 'present' | 'mounted' | 'pushed'

/**
 * Makes sure `target` has the manifest `descriptor` names and everything it references: an index's children,
 * recursively, and each image's config and layers. What the target already has is skipped (a manifest that is
 * there is complete, so its subtree is not visited); blobs are mounted when the source is in the same
 * registry, streamed otherwise; manifests are put by digest once what they reference is in place.
 */
export async function copyManifest(
  client: RegistryClient,
  source: ContentSource,
  descriptor: Descriptor,
  target: Repository,
  options: CopyOptions = {},
): Promise<void> {
  const copy: Copy = {
    client,
    source,
    target,
    logger: options.logger ?? silentLogger,
    concurrency: options.concurrency ?? DefaultRequestsPerHost,
    blobs: new Map(),
  }
  const targetName = formatRepository(target)
  const missing = await plan(copy, descriptor)
  if (!missing) {
    copy.logger.debug(`${targetName} already has ${descriptor.digest}`)
    return
  }
  const outcomes = await mapLimit([...copy.blobs.values()], copy.concurrency, blob => copyBlob(copy, blob))
  await put(copy, missing)
  const count = (outcome: BlobOutcome): number => outcomes.filter(o => o === outcome).length
  copy.logger.info(
    `Copied ${descriptor.digest} from ${source.name} to ${targetName}: ${count('pushed')} blobs uploaded, ${count('mounted')} mounted, ${count('present')} already there`,
  )
}

/** One copy in progress: where from and to, and the blobs its manifests need (one entry per digest). */
interface Copy {
  client: RegistryClient
  source: ContentSource
  target: Repository
  logger: Logger
  concurrency: number
  /** Images of one index often share layers: each is moved once. */
  blobs: Map<string, Descriptor>
}

/** What the target lacks of `manifest`'s tree, reading each missing manifest once and noting its blobs. */
async function plan(copy: Copy, manifest: Descriptor): Promise<MissingManifest | undefined> {
  if (await copy.client.headManifest(copy.target, manifest.digest)) return undefined
  const where = `${copy.source.name}@${manifest.digest}`
  const bytes = await copy.source.readManifest(manifest)
  if (manifest.digest.startsWith('sha256:') && sha256Digest(bytes) !== manifest.digest) {
    throw new Error(`${where}: the source gave bytes whose digest is ${sha256Digest(bytes)}.`)
  }
  // A descriptor with the wrong size would be published as given, and containerd fails every pull of it.
  if (bytes.length !== manifest.size) {
    throw new Error(`${where} is ${bytes.length} bytes, but its descriptor says ${manifest.size}.`)
  }
  if (isIndexMediaType(manifest.mediaType)) {
    const index = parseIndex(bytes, manifest.mediaType, where)
    const children = await mapLimit(index.manifests, copy.concurrency, child => plan(copy, child))
    return { descriptor: manifest, bytes, children: children.filter(child => child !== undefined) }
  }
  if (isImageManifestMediaType(manifest.mediaType)) {
    const image = parseImageManifest(bytes, manifest.mediaType, where)
    for (const blob of [image.config, ...image.layers]) {
      // Foreign layers live elsewhere by design (Windows base layers); registries do not hold them.
      if (/foreign|nondistributable/.test(blob.mediaType)) continue
      copy.blobs.set(blob.digest, blob)
    }
    return { descriptor: manifest, bytes, children: [] }
  }
  throw new Error(
    `${where} is ${manifest.mediaType}, which is neither an image manifest nor an index; cannot copy it.`,
  )
}

/** One blob into the target: already there, mounted within the registry, or streamed from the source. */
async function copyBlob(copy: Copy, blob: Descriptor): Promise<BlobOutcome> {
  const { client, source, target, logger } = copy
  if (await client.hasBlob(target, blob.digest)) return 'present'
  const from = source.repository
  if (from && from.registry === target.registry && !sameRepository(from, target)) {
    if (await client.mountBlob(target, blob.digest, from)) return 'mounted'
    logger.debug(`${target.registry} declined to mount ${blob.digest} from ${from.path}; uploading it`)
  }
  // The download runs inside the upload: when it fails, say so, or the error would blame the target.
  let downloadFailure: unknown
  const open = async (): Promise<Readable> => {
    downloadFailure = undefined
    try {
      // The upload checks every byte against the digest, so the source need not as well.
      const stream = await source.openBlob(blob, { checked: false })
      stream.once('error', error => (downloadFailure = error))
      return stream
    } catch (error) {
      downloadFailure = error
      throw error
    }
  }
  try {
    await client.pushBlob(target, blob, open, { progress: progressReport(blob, target, logger) })
  } catch (error) {
    if (downloadFailure === undefined) throw error
    throw new Error(
      `Downloading blob ${blob.digest} from ${source.name} failed (${describeError(downloadFailure)}); ` +
        `the upload to ${formatRepository(target)} stopped because its source did. ${describeError(error)}`,
      { cause: error },
    )
  }
  return 'pushed'
}

/** PUTs the missing manifests by digest, children first: registries check that an index's children exist. */
async function put(copy: Copy, manifest: MissingManifest): Promise<void> {
  await mapLimit(manifest.children, copy.concurrency, child => put(copy, child))
  const { digest, mediaType } = manifest.descriptor
  await copy.client.putManifest(copy.target, digest, manifest.bytes, mediaType)
}

/** Blobs at least this large report progress while they stream, so a long copy shows it is moving. */
export const ProgressMinBytes = 64 * 1024 * 1024

/**
 * How a blob's upload reports progress: every `intervalMs` (10 s) it logs how far it has got, once the blob is at
 * least `minBytes` large; for smaller blobs, undefined (they are quick, and stay silent).
 */
export function progressReport(
  blob: Pick<Descriptor, 'digest' | 'size'>,
  target: Repository,
  logger: Logger,
  { minBytes = ProgressMinBytes, intervalMs = 10_000, now = Date.now } = {},
): ((sent: number) => void) | undefined {
  if (blob.size < minBytes) return undefined
  let last = now()
  const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`
  return sent => {
    if (now() - last < intervalMs) return
    last = now()
    logger.info(`Copying ${blob.digest} to ${formatRepository(target)}: ${mib(sent)} of ${mib(blob.size)}`)
  }
}
