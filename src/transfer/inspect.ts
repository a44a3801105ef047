import { flattenIndex } from '../core/compose.js'
import type { Descriptor } from '../core/descriptor.js'
import { parseConfigPlatform, parseImageManifest, parseIndex } from '../core/manifest.js'
import { isIndexMediaType, MaxManifestBytes } from '../core/media-types.js'
import { formatPlatform, type Platform, samePlatform } from '../core/platform.js'
import { type ContentSource, readBlob } from './source.js'

/** One platform's image as found in a source: the image (carrying its platform) and its attestations. */
export interface InspectedImage {
  platform: Platform
  image: Descriptor
  attestations: Descriptor[]
  /** The exact bytes of the descriptor inspected (the index, when it was one), read once here. */
  bytes: Buffer
}

/**
 * Reads what a descriptor points at and learns its platform from the image config, the only thing a client
 * trusts. A one-platform index (buildx with provenance) is flattened. `expected`, when given, must match.
 */
export async function inspectImage(
  source: ContentSource,
  descriptor: Descriptor,
  where: string,
  expected?: Platform,
): Promise<InspectedImage> {
  const bytes = await source.readManifest(descriptor)
  let image = descriptor
  let attestations: Descriptor[] = []
  if (isIndexMediaType(descriptor.mediaType)) {
    const index = parseIndex(bytes, descriptor.mediaType, where)
    ;({ image, attestations } = flattenIndex(index, where))
  }
  const manifest = parseImageManifest(
    image === descriptor ? bytes : await source.readManifest(image),
    image.mediaType,
    `${where} (manifest ${image.digest})`,
  )
  const config = await readBlob(source, manifest.config, MaxManifestBytes)
  const platform = parseConfigPlatform(config, `${where} (config ${manifest.config.digest})`)
  if (image.platform && !samePlatform(image.platform, platform)) {
    throw new Error(
      `${where}: the index says ${formatPlatform(image.platform)} but the image config says ${formatPlatform(platform)}; clients would run the wrong image.`,
    )
  }
  if (expected && !samePlatform(expected, platform)) {
    throw new Error(
      `${where} is an image for ${formatPlatform(platform)}, expected ${formatPlatform(expected)}.`,
    )
  }
  return { platform, image: { ...image, platform }, attestations, bytes }
}
