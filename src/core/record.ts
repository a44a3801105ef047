import { createHash } from 'node:crypto'
import { type Descriptor, isAttestation, parseDescriptor } from './descriptor.js'
import { type Digest, shortDigest } from './digest.js'
import { isObject } from './json.js'
import { isImageManifestMediaType, isIndexMediaType } from './media-types.js'
import { type Platform, formatPlatform, parsePlatform, platformSlug } from './platform.js'
import { formatRepository, parseRepository, type Repository } from './reference.js'

/**
 * What a build step hands to the merge step: one platform's push, described well enough that the merge needs
 * only an existence check per child. Versioned so a newer merge can refuse an older or newer record clearly.
 */
export interface DigestRecord {
  schema: typeof RecordSchema
  version: typeof RecordVersion
  /** Every image (repository) the build pushed to, fully qualified. */
  images: string[]
  platform: string
  /** What the builder pushed: an image manifest, or a one-platform index when attestations are on. */
  digest: Digest
  mediaType: string
  size: number
  /** The children that go into the merged index: the image (with platform) and any attestation manifests. */
  manifests: Descriptor[]
  /** The workflow run that wrote it; the merge ignores other runs and prefers the newest attempt per platform. */
  run: RunIdentity
  builder: string
}

/** Which workflow run and attempt a record came from. Outside GitHub, all fields are empty. */
export interface RunIdentity {
  id: string
  attempt: number
  /** The job's own id (matrix legs share it): for names only. */
  job: string
}

const RecordSchema = 'native-multiarch/digest-record'
const RecordVersion = 1
/** Records are small; a larger file is not ours and is refused before parsing. */
export const MaxRecordBytes = 64 * 1024

/** The record of a finished build. The image descriptor must carry the platform the build was asked for. */
export function makeRecord(fields: {
  images: Repository[]
  platform: Platform
  pushed: Descriptor
  manifests: Descriptor[]
  run: RunIdentity
  builder: string
}): DigestRecord {
  return {
    schema: RecordSchema,
    version: RecordVersion,
    images: fields.images.map(formatRepository),
    platform: formatPlatform(fields.platform),
    digest: fields.pushed.digest,
    mediaType: fields.pushed.mediaType,
    size: fields.pushed.size,
    manifests: fields.manifests,
    run: fields.run,
    builder: fields.builder,
  }
}

/**
 * A short, stable name for a set of images (and the user's hand-off key): records and artifacts of two images
 * built in one run carry different names, so neither can overwrite or be mistaken for the other.
 */
export function imagesKey(images: readonly string[], key = ''): string {
  const sorted = [...new Set(images.map(image => image.trim().toLowerCase()))].sort()
  return createHash('sha256')
    .update(JSON.stringify({ images: sorted, key }))
    .digest('hex')
    .slice(0, 12)
}

/** A file name no two records share: images, platform, digest. */
export function recordFileName(record: DigestRecord, key = ''): string {
  const platform = platformSlug(parsePlatform(record.platform, 'record platform'))
  return `${imagesKey(record.images, key)}-${platform}-${shortDigest(record.digest)}.json`
}

export function serializeRecord(record: DigestRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`
}

/** Parses and validates a record file's text; every error names the file and the field. */
export function parseRecord(text: string, file: string): DigestRecord {
  const fail = (why: string): never => {
    throw new Error(`Digest record ${file} is not valid: ${why}. Re-run the build step that wrote it.`)
  }
  if (Buffer.byteLength(text) > MaxRecordBytes) fail(`it is larger than ${MaxRecordBytes} bytes`)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return fail(`it is not JSON (${(error as Error).message})`)
  }
  if (!isObject(value)) return fail('it is not a JSON object')
  if (value.schema !== RecordSchema)
    fail(`'schema' is ${JSON.stringify(value.schema)}, expected '${RecordSchema}'`)
  if (value.version !== RecordVersion) {
    fail(
      `'version' is ${JSON.stringify(value.version)}; this action reads version ${RecordVersion}, so use the same action version for build and merge`,
    )
  }
  if (
    !Array.isArray(value.images) ||
    value.images.length === 0 ||
    !value.images.every(i => typeof i === 'string')
  ) {
    fail(`'images' must be a non-empty list of image names`)
  }
  const images = (value.images as string[]).map(image =>
    formatRepository(parseRepository(image, `Digest record ${file} is not valid: 'images'`)),
  )
  if (typeof value.platform !== 'string') return fail(`'platform' must be a string like linux/arm64`)
  const platform = formatPlatform(
    parsePlatform(value.platform, `Digest record ${file} is not valid: 'platform'`),
  )
  // Strict: a record is the action's own writing, so anything malformed in it is refused, not dropped.
  const reading = { strict: true, fail }
  const pushed = parseDescriptor(
    { mediaType: value.mediaType, digest: value.digest, size: value.size },
    'the record',
    reading,
  )
  if (!isIndexMediaType(pushed.mediaType) && !isImageManifestMediaType(pushed.mediaType)) {
    fail(`'mediaType' ${pushed.mediaType} is neither an image manifest nor an index`)
  }
  if (!Array.isArray(value.manifests) || value.manifests.length === 0)
    fail(`'manifests' must list at least the image`)
  const manifests = (value.manifests as unknown[]).map((m, i) =>
    parseDescriptor(m, `manifests[${i}]`, reading),
  )
  const images_ = manifests.filter(m => !isAttestation(m))
  if (images_.length !== 1)
    fail(`'manifests' must hold exactly one image (and any attestations), found ${images_.length}`)
  const image = images_[0]!
  if (!image.platform || formatPlatform(image.platform) !== platform) {
    fail(
      `the image in 'manifests' is for ${image.platform ? formatPlatform(image.platform) : 'no platform'}, the record says ${platform}`,
    )
  }
  if (!isObject(value.run)) return fail(`'run' must be an object`)
  const run = value.run
  if (typeof run.id !== 'string' || typeof run.job !== 'string' || !Number.isInteger(run.attempt)) {
    fail(`'run' must have string 'id' and 'job' and an integer 'attempt'`)
  }
  if (typeof value.builder !== 'string') fail(`'builder' must be a string`)
  return {
    schema: RecordSchema,
    version: RecordVersion,
    images,
    platform,
    digest: pushed.digest,
    mediaType: pushed.mediaType,
    size: pushed.size,
    manifests,
    run: { id: run.id as string, attempt: run.attempt as number, job: run.job as string },
    builder: value.builder as string,
  }
}
