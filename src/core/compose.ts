import { AttestationAnnotation, type Descriptor, isAttestation } from './descriptor.js'
import type { ImageIndex } from './manifest.js'
import { isDockerMediaType, MediaType } from './media-types.js'
import {
  comparePlatforms,
  formatPlatform,
  normalizePlatform,
  type Platform,
  platformKey,
} from './platform.js'
import type { Repository } from './reference.js'

/** One platform's image on its way into the index, with the attestations that describe it. */
export interface PlatformSource {
  platform: Platform
  /** The image manifest's descriptor, carrying the platform. */
  image: Descriptor
  /** Attestation manifests (platform unknown/unknown) pointing at the image. */
  attestations: Descriptor[]
  /** A repository that holds the manifests now, to copy or mount from. */
  repository: Repository
  /** Where this source was named, for errors: a record file, an artifact, or the `digests` input. */
  origin: string
}

/**
 * Splits what a builder pushed into the image and its attestations. buildx with provenance or SBOM pushes a
 * one-platform index; anything else (several images) is not one platform's build and is refused.
 */
export function flattenIndex(
  index: ImageIndex,
  where: string,
): { image: Descriptor; attestations: Descriptor[] } {
  const images = index.manifests.filter(m => !isAttestation(m))
  const attestations = index.manifests.filter(isAttestation)
  if (images.length !== 1) {
    const platforms = images.map(m => (m.platform ? formatPlatform(m.platform) : 'unknown')).join(', ')
    throw new Error(
      `${where} is an index of ${images.length} images (${platforms || 'none'}); expected one platform's image. ` +
        `Give the per-platform digests instead of a multi-platform index.`,
    )
  }
  const image = images[0]!
  for (const attestation of attestations) {
    const subject = attestation.annotations?.[AttestationAnnotation.ReferenceDigest]
    if (subject !== image.digest) {
      throw new Error(
        `${where} has an attestation ${attestation.digest} for ${subject ?? 'no image'}, not for its image ${image.digest}.`,
      )
    }
  }
  return { image, attestations }
}

/**
 * Checks the sources against the platforms the user requires: none twice, none missing, none extra. Runs
 * before anything is published, so a merge after a failed matrix leg cannot publish a partial index unless
 * the user said that leg may fail: an `optional` platform (even one also in `required`) may be missing, and
 * is returned when it is. With `required` given, a platform in neither list is unexpected. No sources
 * at all is the caller's to report (runMerge says where it looked).
 */
export function checkPlatforms(
  sources: PlatformSource[],
  required: Platform[] | undefined,
  /** How the user named the list: the action's input, or the command line's flag. */
  input = { label: "Input 'platforms'", name: "'platforms'" },
  optional: Platform[] = [],
): Platform[] {
  const seen = new Map<string, PlatformSource>()
  for (const source of sources) {
    const key = platformKey(source.platform)
    const other = seen.get(key)
    if (other) {
      if (other.image.digest === source.image.digest) continue
      throw new Error(
        `Platform ${formatPlatform(source.platform)} appears twice: ${other.image.digest} (${other.origin}) and ` +
          `${source.image.digest} (${source.origin}). Each platform may be built once per run.`,
      )
    }
    seen.set(key, source)
  }
  const optionalKeys = new Set(optional.map(platformKey))
  const missingOptional = optional.filter(p => !seen.has(platformKey(p)))
  if (!required) return missingOptional
  const allowedKeys = new Set([...required, ...optional].map(platformKey))
  const mustHave = required.filter(p => !optionalKeys.has(platformKey(p)))
  const missing = mustHave.filter(p => !seen.has(platformKey(p))).map(formatPlatform)
  const extra = [...seen.values()].filter(s => !allowedKeys.has(platformKey(s.platform)))
  if (missing.length || extra.length) {
    const found = [...seen.values()].map(s => formatPlatform(s.platform)).join(', ') || 'none'
    const parts = []
    if (missing.length) parts.push(`missing ${missing.join(', ')}`)
    if (extra.length)
      parts.push(`unexpected ${extra.map(s => `${formatPlatform(s.platform)} (${s.origin})`).join(', ')}`)
    throw new Error(
      `${input.label} requires ${mustHave.map(formatPlatform).join(', ') || 'no platform'}` +
        `${optional.length ? ` (optional: ${optional.map(formatPlatform).join(', ')})` : ''}; found ${found}: ${parts.join('; ')}. ` +
        `Nothing was published. Check that every build job succeeded, or adjust ${input.name}.`,
    )
  }
  return missingOptional
}

/** One manifest the index lists, with the source that named it first. */
export interface IndexChild {
  source: PlatformSource
  descriptor: Descriptor
}

/**
 * Every manifest the sources name (images and attestations), each digest once: a digest named twice (by two
 * records, or by a `digests` tag that resolves to a record's image) is one manifest, and the first source to
 * name it stands for it. Named twice with a different size or media type, one of the two was changed after it
 * was written, and nothing may be published.
 */
export function distinctChildren(sources: PlatformSource[]): IndexChild[] {
  const children = new Map<string, IndexChild>()
  for (const source of sources) {
    for (const descriptor of [source.image, ...source.attestations]) {
      const first = children.get(descriptor.digest)
      if (!first) children.set(descriptor.digest, { source, descriptor })
      else if (
        first.descriptor.size !== descriptor.size ||
        first.descriptor.mediaType !== descriptor.mediaType
      )
        throw new Error(
          `${descriptor.digest} is named twice with different descriptors: ${first.descriptor.size} bytes of ` +
            `${first.descriptor.mediaType} (${first.source.origin}), ${descriptor.size} bytes of ${descriptor.mediaType} ` +
            `(${source.origin}). One of them was changed after it was written; nothing was published.`,
        )
    }
  }
  return [...children.values()]
}

/** The index, as exact bytes (what is hashed and PUT) and its media type. */
export interface ComposedIndex {
  mediaType: string
  bytes: Buffer
  /** The index's own annotations, as in the bytes. */
  annotations: Record<string, string>
  /** Children in index order: images by platform, then their attestations. */
  manifests: Descriptor[]
}

/**
 * Composes the index deterministically: the same sources and annotations give the same bytes, hence the same
 * digest, so a re-run publishes the identical index. A Docker manifest list only when every child is a Docker
 * media type and there are no annotations (Docker lists cannot carry them); an OCI index otherwise.
 */
export function composeIndex(sources: PlatformSource[], annotations: Record<string, string>): ComposedIndex {
  const ordered = dedupe(sources).sort((a, b) => comparePlatforms(a.platform, b.platform))
  const images = ordered.map(s => canonicalDescriptor({ ...s.image, platform: s.platform }))
  const attestations = ordered.flatMap(s => s.attestations.map(canonicalDescriptor))
  const manifests = [...images, ...attestations]
  const hasAnnotations = Object.keys(annotations).length > 0 || manifests.some(m => m.annotations)
  const docker = !hasAnnotations && manifests.every(m => isDockerMediaType(m.mediaType))
  const mediaType = docker ? MediaType.DockerManifestList : MediaType.OciIndex
  const index: Record<string, unknown> = { schemaVersion: 2, mediaType, manifests }
  if (Object.keys(annotations).length) index.annotations = sortedMap(annotations)
  return {
    mediaType,
    bytes: Buffer.from(JSON.stringify(index, null, 2)),
    annotations: sortedMap(annotations),
    manifests,
  }
}

function dedupe(sources: PlatformSource[]): PlatformSource[] {
  const byDigest = new Map<string, PlatformSource>()
  for (const source of sources)
    if (!byDigest.has(source.image.digest)) byDigest.set(source.image.digest, source)
  return [...byDigest.values()]
}

// Fixed key order and normalized platforms: byte-identical output regardless of how sources were read.
function canonicalDescriptor(descriptor: Descriptor): Descriptor {
  const out: Descriptor = {
    mediaType: descriptor.mediaType,
    digest: descriptor.digest,
    size: descriptor.size,
  }
  if (descriptor.artifactType) out.artifactType = descriptor.artifactType
  if (descriptor.platform) {
    const p = isAttestation(descriptor) ? descriptor.platform : normalizePlatform(descriptor.platform)
    const platform: Platform = { architecture: p.architecture, os: p.os } as Platform
    if (p['os.version']) platform['os.version'] = p['os.version']
    if (p['os.features']?.length) platform['os.features'] = p['os.features']
    if (p.variant) platform.variant = p.variant
    out.platform = platform
  }
  if (descriptor.annotations && Object.keys(descriptor.annotations).length)
    out.annotations = sortedMap(descriptor.annotations)
  return out
}

function sortedMap(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}
