import type { PlatformSource } from '../../src/core/compose.js'
import type { Descriptor } from '../../src/core/descriptor.js'
import type { Digest } from '../../src/core/digest.js'
import { MediaType } from '../../src/core/media-types.js'
import type { Platform } from '../../src/core/platform.js'

/** A well-formed digest made from one hex character, so tests can tell them apart at a glance. */
export function digestOf(char: string): Digest {
  return `sha256:${char.repeat(64)}`
}

export function platformOf(text: string): Platform {
  const [os, architecture, variant] = text.split('/') as [string, string, string?]
  return variant ? { os, architecture, variant } : { os, architecture }
}

export function image(char: string, platform: string, mediaType: string = MediaType.OciManifest): Descriptor {
  return { mediaType, digest: digestOf(char), size: 500 + char.charCodeAt(0), platform: platformOf(platform) }
}

export function attestation(char: string, subject: Digest): Descriptor {
  return {
    mediaType: MediaType.OciManifest,
    digest: digestOf(char),
    size: 840,
    platform: { architecture: 'unknown', os: 'unknown' },
    annotations: {
      'vnd.docker.reference.digest': subject,
      'vnd.docker.reference.type': 'attestation-manifest',
    },
  }
}

export function source(
  char: string,
  platform: string,
  options: { mediaType?: string; attestation?: string; origin?: string } = {},
): PlatformSource {
  const img = image(char, platform, options.mediaType)
  return {
    platform: platformOf(platform),
    image: img,
    attestations: options.attestation ? [attestation(options.attestation, img.digest)] : [],
    repository: { registry: 'ghcr.io', path: 'acme/app' },
    origin: options.origin ?? `record ${platform}`,
  }
}
