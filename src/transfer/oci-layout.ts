import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import type { Descriptor } from '../core/descriptor.js'
import { digestOf, isDigest } from '../core/digest.js'
import { MaxManifestBytes } from '../core/media-types.js'
import { verified } from '../registry/content.js'
import type { ContentSource } from './source.js'

/**
 * The manifest descriptors an OCI image layout's index.json lists (image-spec "image-layout"): one per image
 * that buildah or podman pushed into it.
 */
export async function readLayoutIndex(dir: string): Promise<Descriptor[]> {
  const file = join(dir, 'index.json')
  let index: unknown
  try {
    index = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new Error(`${dir} is not an OCI image layout: cannot read index.json (${(error as Error).message})`)
  }
  const manifests = (index as { manifests?: unknown } | null)?.manifests
  if (!Array.isArray(manifests)) throw new Error(`${file} has no 'manifests' list`)
  return manifests.map((value: unknown, i) => {
    const m = value as Partial<Descriptor> | null
    if (
      typeof m?.mediaType !== 'string' ||
      typeof m.digest !== 'string' ||
      !isDigest(m.digest) ||
      !Number.isSafeInteger(m.size) ||
      (m.size as number) < 0
    ) {
      throw new Error(`${file}: manifests[${i}] is not a descriptor with mediaType, digest and size`)
    }
    return m as Descriptor
  })
}

/**
 * Reads manifests and blobs from an OCI image layout (`blobs/<algorithm>/<encoded>`). Only well-formed digests
 * of known algorithms become paths, so a descriptor cannot point outside the layout.
 */
export function layoutSource(dir: string): ContentSource {
  const name = `oci-layout:${dir}`

  const blobPath = async (descriptor: Descriptor, maxBytes: number): Promise<string> => {
    if (!isDigest(descriptor.digest)) throw new Error(`${name}: '${descriptor.digest}' is not a digest`)
    const [algorithm, encoded] = descriptor.digest.split(':') as [string, string]
    const path = join(dir, 'blobs', algorithm, encoded)
    const info = await stat(path).catch(() => undefined)
    if (!info?.isFile()) throw new Error(`${name} has no blob ${descriptor.digest}`)
    if (info.size !== descriptor.size) {
      throw new Error(
        `${name}: blob ${descriptor.digest} is ${info.size} bytes, its descriptor says ${descriptor.size}`,
      )
    }
    if (info.size > maxBytes)
      throw new Error(`${name}: manifest ${descriptor.digest} is larger than ${maxBytes} bytes`)
    return path
  }

  return {
    name,
    async readManifest(descriptor) {
      const bytes = await readFile(await blobPath(descriptor, MaxManifestBytes))
      const algorithm = descriptor.digest.slice(0, descriptor.digest.indexOf(':'))
      if (digestOf(bytes, algorithm) !== descriptor.digest) {
        throw new Error(
          `${name}: manifest ${descriptor.digest} does not match its digest; the layout is corrupt`,
        )
      }
      return bytes
    },
    async openBlob(descriptor, { checked = true } = {}): Promise<Readable> {
      const file = createReadStream(await blobPath(descriptor, Number.MAX_SAFE_INTEGER))
      if (!checked) return file
      return verified(file, descriptor.digest, descriptor.size, `${name}: blob ${descriptor.digest}`)
    },
  }
}
