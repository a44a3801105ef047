import { AttestationAnnotation, type Descriptor } from '../../src/core/descriptor.js'
import { sha256Digest } from '../../src/core/digest.js'
import { MediaType } from '../../src/core/media-types.js'
import { parsePlatform, type Platform } from '../../src/core/platform.js'

/** Bytes and the descriptor of those bytes: a blob, a manifest or an index. */
export interface Content {
  descriptor: Descriptor
  bytes: Buffer
}

/** An image as a builder pushes it: the manifest, and the config and layer it references. */
export interface ImageContent extends Content {
  platform: Platform
  blobs: Content[]
}

/** buildx's one-platform index: the image and an attestation manifest that describes it. */
export interface AttestedContent extends Content {
  image: ImageContent
  attestation: Content & { blobs: Content[] }
}

/** The artifactType an attestation's descriptor may carry; parsers must keep it for the index to be the same. */
export const AttestationArtifactType = 'application/vnd.docker.attestation.manifest.v1+json'

export function content(text: string | object, mediaType: string): Content {
  const bytes = Buffer.from(typeof text === 'string' ? text : JSON.stringify(text))
  return { descriptor: { mediaType, digest: sha256Digest(bytes), size: bytes.length }, bytes }
}

/**
 * A small, real image for `platform`: its config declares `configPlatform` (default: the same), which is
 * what the build step and the merge trust. `salt` makes two images of one platform differ.
 */
export function imageContent(platform: string, { salt = '', configPlatform = platform } = {}): ImageContent {
  const config = content(
    { ...parsePlatform(configPlatform, 'test'), rootfs: { type: 'layers', diff_ids: [] } },
    MediaType.OciConfig,
  )
  const layer = content(`layer of ${platform}${salt}`, 'application/vnd.oci.image.layer.v1.tar')
  const manifest = content(
    {
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: config.descriptor,
      layers: [layer.descriptor],
    },
    MediaType.OciManifest,
  )
  return { ...manifest, platform: parsePlatform(platform, 'test'), blobs: [config, layer] }
}

/** What buildx pushes with provenance on: a one-platform index of the image and its attestation. */
export function attestedContent(platform: string, salt = ''): AttestedContent {
  const image = imageContent(platform, { salt })
  const statement = content(`provenance of ${image.descriptor.digest}`, 'application/vnd.in-toto+json')
  const config = content('{}', MediaType.OciConfig)
  const manifest = content(
    {
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: config.descriptor,
      layers: [statement.descriptor],
    },
    MediaType.OciManifest,
  )
  const attestation = {
    ...manifest,
    descriptor: {
      ...manifest.descriptor,
      artifactType: AttestationArtifactType,
      platform: { architecture: 'unknown', os: 'unknown' },
      annotations: {
        [AttestationAnnotation.ReferenceDigest]: image.descriptor.digest,
        [AttestationAnnotation.ReferenceType]: AttestationAnnotation.AttestationManifest,
      },
    },
    blobs: [config, statement],
  }
  const index = content(
    {
      schemaVersion: 2,
      mediaType: MediaType.OciIndex,
      manifests: [{ ...image.descriptor, platform: image.platform }, attestation.descriptor],
    },
    MediaType.OciIndex,
  )
  return { ...index, image, attestation }
}
