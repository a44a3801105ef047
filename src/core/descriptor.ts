import { type Digest, isDigest } from './digest.js'
import { isObject, isStringMap } from './json.js'
import type { Platform } from './platform.js'

/** An OCI content descriptor: what an index lists for each child manifest. */
export interface Descriptor {
  mediaType: string
  digest: Digest
  size: number
  platform?: Platform
  annotations?: Record<string, string>
  artifactType?: string
}

/** The annotations buildx puts on an attestation manifest's descriptor. */
export const AttestationAnnotation = {
  ReferenceType: 'vnd.docker.reference.type',
  ReferenceDigest: 'vnd.docker.reference.digest',
  AttestationManifest: 'attestation-manifest',
} as const

/**
 * Whether a descriptor describes another manifest rather than being a runnable image: buildx's
 * `attestation-manifest`, or any other `vnd.docker.reference.type` a builder adds. A type this action does not
 * know is still carried into the index beside its image, never dropped and never taken for an image.
 */
export function isAttestation(descriptor: Descriptor): boolean {
  return descriptor.annotations?.[AttestationAnnotation.ReferenceType] !== undefined
}

export interface DescriptorReading {
  /**
   * For the action's own records: a manifest is never empty, and a malformed optional field is an error. Otherwise
   * (what a registry serves) a zero size is allowed and a malformed optional field is left out.
   */
  strict?: boolean
  /** Reports `problem` (`manifests[0] has 'size' -1, ...`) in the caller's words; default: an Error of it. */
  fail?: (problem: string) => never
}

/**
 * Reads a descriptor from parsed JSON: records and manifests alike, so a child keeps its `platform`,
 * `annotations` and `artifactType` whichever way it was read, and the index composed of it has the same bytes.
 */
export function parseDescriptor(value: unknown, where: string, reading: DescriptorReading = {}): Descriptor {
  const { strict = false } = reading
  const fail = (why: string): never => {
    if (reading.fail) return reading.fail(`${where} ${why}`)
    throw new Error(`${where} ${why}.`)
  }
  if (!isObject(value)) return fail('is not an object')
  if (typeof value.mediaType !== 'string' || !value.mediaType) fail(`has no 'mediaType'`)
  if (typeof value.digest !== 'string' || !isDigest(value.digest))
    fail(`has 'digest' ${JSON.stringify(value.digest)}, expected sha256:<64 hex>`)
  if (!Number.isSafeInteger(value.size) || (value.size as number) < (strict ? 1 : 0))
    fail(
      `has 'size' ${JSON.stringify(value.size)}, expected a ${strict ? 'positive' : 'non-negative'} integer`,
    )
  const descriptor: Descriptor = {
    mediaType: value.mediaType as string,
    digest: value.digest as Digest,
    size: value.size as number,
  }
  const platform = value.platform
  if (isObject(platform) && typeof platform.os === 'string' && typeof platform.architecture === 'string') {
    descriptor.platform = platform as unknown as Platform
  } else if (strict && platform !== undefined) fail(`has a 'platform' without string 'os' and 'architecture'`)
  if (isStringMap(value.annotations)) descriptor.annotations = value.annotations
  else if (strict && value.annotations !== undefined) fail(`has 'annotations' that are not a string map`)
  if (typeof value.artifactType === 'string') descriptor.artifactType = value.artifactType
  else if (strict && value.artifactType !== undefined) fail(`has an 'artifactType' that is not a string`)
  return descriptor
}
