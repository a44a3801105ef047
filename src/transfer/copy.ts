import { pipeline, Transform, type Readable } from 'node:stream'
import { mapLimit } from '../core/concurrency.js'
import type { Descriptor } from '../core/descriptor.js'
import { sha256Digest } from '../core/digest.js'
import { type Logger, silentLogger } from '../core/logger.js'
import { parseImageManifest, parseIndex } from '../core/manifest.js'
import { isImageManifestMediaType, isIndexMediaType } from '../core/media-types.js'
import { formatRepository, type Repository, sameRepository } from '../core/reference.js'
import { describeError } from '../registry/retry.js'
import type { RegistryClient } from '../registry/types.js'
import type { ContentSource } from './source.js'

export interface CopyOptions {
  logger?: Logger
  /** Blob transfers (and manifest checks) in flight at once (default 4). */
  concurrency?: number
}

/** Enough parallel transfers to hide latency, few enough not to trip a registry's rate limit. */
export const DefaultCopyConcurrency = 4

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
  const logger = options.logger ?? silentLogger
  const concurrency = options.concurrency ?? DefaultCopyConcurrency
  const targetName = formatRepository(target)
  // One entry per digest: images of one index often share layers, and each is moved once.
  const blobs = new Map<string, Descriptor>()

  async function plan(manifest: Descriptor): Promise<MissingManifest | undefined> {
    if (await client.headManifest(target, manifest.digest)) return undefined
    const where = `${source.name}@${manifest.digest}`
    const bytes = await source.readManifest(manifest)
    if (manifest.digest.startsWith('sha256:') && sha256Digest(bytes) !== manifest.digest) {
      throw new Error(`${where}: the source gave bytes whose digest is ${sha256Digest(bytes)}.`)
    }
    // A descriptor with the wrong size would be published as given, and containerd fails every pull of it.
    if (bytes.length !== manifest.size) {
      throw new Error(`${where} is ${bytes.length} bytes, but its descriptor says ${manifest.size}.`)
    }
    if (isIndexMediaType(manifest.mediaType)) {
      const index = parseIndex(bytes, manifest.mediaType, where)
      const children = await mapLimit(index.manifests, concurrency, plan)
      return { descriptor: manifest, bytes, children: children.filter(child => child !== undefined) }
    }
    if (isImageManifestMediaType(manifest.mediaType)) {
      const image = parseImageManifest(bytes, manifest.mediaType, where)
      for (const blob of [image.config, ...image.layers]) {
        // Foreign layers live elsewhere by design (Windows base layers); registries do not hold them.
        if (/foreign|nondistributable/.test(blob.mediaType)) continue
        blobs.set(blob.digest, blob)
      }
      return { descriptor: manifest, bytes, children: [] }
    }
    throw new Error(
      `${where} is ${manifest.mediaType}, which is neither an image manifest nor an index; cannot copy it.`,
    )
  }

  async function copyBlob(blob: Descriptor): Promise<BlobOutcome> {
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
        const stream = await source.openBlob(blob)
        stream.once('error', error => (downloadFailure = error))
        return withProgress(stream, blob, target, logger)
      } catch (error) {
        downloadFailure = error
        throw error
      }
    }
    try {
      await client.pushBlob(target, blob, open)
    } catch (error) {
      if (downloadFailure === undefined) throw error
      throw new Error(
        `Downloading blob ${blob.digest} from ${source.name} failed (${describeError(downloadFailure)}); ` +
          `the upload to ${targetName} stopped because its source did. ${describeError(error)}`,
        { cause: error },
      )
    }
    return 'pushed'
  }

  async function put(manifest: MissingManifest): Promise<void> {
    // Registries check that an index's children exist, so they go first.
    await mapLimit(manifest.children, concurrency, put)
    const { digest, mediaType } = manifest.descriptor
    await client.putManifest(target, digest, manifest.bytes, mediaType)
  }

  const missing = await plan(descriptor)
  if (!missing) {
    logger.debug(`${targetName} already has ${descriptor.digest}`)
    return
  }
  const outcomes = await mapLimit([...blobs.values()], concurrency, copyBlob)
  await put(missing)
  const count = (outcome: BlobOutcome): number => outcomes.filter(o => o === outcome).length
  logger.info(
    `Copied ${descriptor.digest} from ${source.name} to ${targetName}: ${count('pushed')} blobs uploaded, ${count('mounted')} mounted, ${count('present')} already there`,
  )
}

/** Blobs at least this large report progress while they stream, so a long copy shows it is moving. */
export const ProgressMinBytes = 64 * 1024 * 1024

/**
 * Passes a blob's bytes through, logging how far it has got every `intervalMs` (10 s) once the blob is at least
 * `minBytes` large; smaller blobs pass untouched. Joined by pipeline, as the client joins its streams: a source
 * error ends the returned stream with that error, and an upload that aborts closes the source too.
 */
export function withProgress(
  stream: Readable,
  blob: Pick<Descriptor, 'digest' | 'size'>,
  target: Repository,
  logger: Logger,
  { minBytes = ProgressMinBytes, intervalMs = 10_000 } = {},
): Readable {
  if (blob.size < minBytes) return stream
  let sent = 0
  let last = Date.now()
  const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`
  const progress = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sent += chunk.length
      if (Date.now() - last >= intervalMs) {
        last = Date.now()
        logger.info(
          `Copying ${blob.digest} to ${formatRepository(target)}: ${mib(sent)} of ${mib(blob.size)}`,
        )
      }
      done(null, chunk)
    },
  })
  return pipeline(stream, progress, () => {})
}
