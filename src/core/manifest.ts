import { type Descriptor, parseDescriptor } from './descriptor.js'
import { isObject, isStringMap } from './json.js'
import type { Digest } from './digest.js'
import { isImageManifestMediaType, isIndexMediaType } from './media-types.js'
import { normalizePlatform, type Platform } from './platform.js'

/** An image index or Docker manifest list, as parsed from a registry's bytes. */
export interface ImageIndex {
  mediaType: string
  manifests: Descriptor[]
  annotations?: Record<string, string>
}

/** An image manifest: the blobs a copy must carry. */
export interface ImageManifest {
  mediaType: string
  config: Descriptor
  layers: Descriptor[]
}

/** Parses manifest bytes of the given media type as an index; `where` names the reference for errors. */
export function parseIndex(bytes: Buffer, mediaType: string, where: string): ImageIndex {
  const value = parseJsonObject(bytes, where)
  if (!isIndexMediaType(mediaType)) throw new Error(`${where} is ${mediaType}, not an image index.`)
  if (!Array.isArray(value.manifests))
    throw new Error(`${where} is not a valid image index: it has no 'manifests' list.`)
  const index: ImageIndex = {
    mediaType,
    manifests: value.manifests.map((m, i) => parseDescriptor(m, `${where} manifests[${i}]`)),
  }
  if (isStringMap(value.annotations)) index.annotations = value.annotations
  return index
}

/** Parses manifest bytes as an image manifest (config and layers). */
export function parseImageManifest(bytes: Buffer, mediaType: string, where: string): ImageManifest {
  const value = parseJsonObject(bytes, where)
  if (!isImageManifestMediaType(mediaType))
    throw new Error(`${where} is ${mediaType}, not an image manifest.`)
  if (!Array.isArray(value.layers))
    throw new Error(`${where} is not a valid image manifest: it has no 'layers' list.`)
  return {
    mediaType,
    config: parseDescriptor(value.config, `${where} config`),
    layers: value.layers.map((l, i) => parseDescriptor(l, `${where} layers[${i}]`)),
  }
}

/** The platform an image config declares: what a client will actually run, whatever a record says. */
export function parseConfigPlatform(bytes: Buffer, where: string): Platform {
  const value = parseJsonObject(bytes, where)
  if (typeof value.os !== 'string' || typeof value.architecture !== 'string') {
    throw new Error(`${where} is not a valid image config: it has no 'os' and 'architecture'.`)
  }
  const platform: Platform = { os: value.os, architecture: value.architecture }
  if (typeof value.variant === 'string' && value.variant) platform.variant = value.variant
  if (typeof value['os.version'] === 'string' && value['os.version'])
    platform['os.version'] = value['os.version']
  return normalizePlatform(platform)
}

/** A manifest's own annotations, whatever its media type (index or image); empty when it has none. */
export function parseManifestAnnotations(bytes: Buffer, where: string): Record<string, string> {
  const value = parseJsonObject(bytes, where)
  return isStringMap(value.annotations) ? value.annotations : {}
}

function parseJsonObject(bytes: Buffer, where: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(bytes.toString('utf8'))
  } catch {
    throw new Error(
      `${where} is not JSON (${bytes.length} bytes starting ${JSON.stringify(bytes.subarray(0, 40).toString('utf8'))}).`,
    )
  }
  if (!isObject(value)) throw new Error(`${where} is not a JSON object.`)
  return value
}

/**
 * What any manifest points at, whatever its media type: the manifests an index lists, and the `subject` a
 * referrer (signature, SBOM, attestation) names. Layers and configs are blobs, not manifests, and are left out.
 */
export function parseManifestLinks(bytes: Buffer, where: string): { children: Digest[]; subject?: Digest } {
  const value = parseJsonObject(bytes, where)
  const children = Array.isArray(value.manifests)
    ? value.manifests.map((m, i) => parseDescriptor(m, `${where} manifests[${i}]`).digest)
    : []
  if (value.subject === undefined) return { children }
  return { children, subject: parseDescriptor(value.subject, `${where} subject`).digest }
}
