import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buffer } from 'node:stream/consumers'
import type { Descriptor } from '../../src/core/descriptor.js'
import { type Digest, sha256Digest } from '../../src/core/digest.js'
import { MediaType } from '../../src/core/media-types.js'
import { layoutSource, readLayoutIndex } from '../../src/transfer/oci-layout.js'
import { removeTree, tempDir } from '../harness/processes.js'

let dir: string
let manifest: Descriptor
let config: Descriptor
const configBytes = Buffer.from('{"architecture":"arm64","os":"linux"}')

/** Writes a blob where the image layout spec puts it and returns its descriptor. */
async function writeBlob(bytes: Buffer, mediaType: string): Promise<Descriptor> {
  const digest = sha256Digest(bytes)
  await writeFile(join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length)), bytes)
  return { mediaType, digest, size: bytes.length }
}

beforeAll(async () => {
  dir = await tempDir('oci-layout-test-')
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true })
  config = await writeBlob(configBytes, MediaType.OciConfig)
  const manifestBytes = Buffer.from(JSON.stringify({ schemaVersion: 2, config, layers: [] }))
  manifest = await writeBlob(manifestBytes, MediaType.OciManifest)
  await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}')
  await writeFile(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [manifest] }))
})

afterAll(() => removeTree(dir))

test('readLayoutIndex lists the manifests of index.json', async () => {
  expect(await readLayoutIndex(dir)).toEqual([manifest])
})

test('readLayoutIndex explains a directory that is not a layout', async () => {
  await expect(readLayoutIndex(join(dir, 'blobs'))).rejects.toThrow(
    /is not an OCI image layout: cannot read index.json/,
  )
})

test('readManifest returns the exact bytes and openBlob streams a blob', async () => {
  const source = layoutSource(dir)
  expect(source.name).toBe(`oci-layout:${dir}`)
  expect(sha256Digest(await source.readManifest(manifest))).toBe(manifest.digest)
  expect(await buffer(await source.openBlob(config))).toEqual(configBytes)
})

test.each([
  ['a path outside the layout', 'sha256:../../../etc/passwd', /is not a digest/],
  ['an unknown algorithm', `md5:${'a'.repeat(32)}`, /is not a digest/],
  ['a blob the layout lacks', `sha256:${'0'.repeat(64)}`, /has no blob sha256:0000/],
])('refuses %s', async (_what, digest, message) => {
  const source = layoutSource(dir)
  const descriptor = { ...config, digest: digest as Digest }
  await expect(source.openBlob(descriptor)).rejects.toThrow(message)
  await expect(source.readManifest(descriptor)).rejects.toThrow(message)
})

test('refuses a blob whose size differs from its descriptor', async () => {
  await expect(layoutSource(dir).openBlob({ ...config, size: config.size + 1 })).rejects.toThrow(
    `is ${config.size} bytes, its descriptor says ${config.size + 1}`,
  )
})

test('refuses a manifest whose bytes do not match its digest', async () => {
  const tampered = Buffer.from(JSON.stringify({ schemaVersion: 2, config, layers: [], x: 1 }))
  const digest = sha256Digest(Buffer.from('something else'))
  await writeFile(join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length)), tampered)
  const descriptor = { mediaType: MediaType.OciManifest, digest, size: tampered.length }
  await expect(layoutSource(dir).readManifest(descriptor)).rejects.toThrow(/does not match its digest/)
})
