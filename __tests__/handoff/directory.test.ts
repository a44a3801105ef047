/**
 * The records directory: what put writes, what list reads back (download-artifact's one subdirectory per
 * artifact included), and the errors a user sees for a path that is missing, a file, or cannot be reached.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { MediaType } from '../../src/core/media-types.js'
import { makeRecord, type DigestRecord } from '../../src/core/record.js'
import { silentLogger } from '../../src/core/logger.js'
import { directoryTransport } from '../../src/handoff/directory.js'
import { digestOf, image, platformOf } from '../core/fixtures.js'
import { removeTree, tempDir } from '../harness/processes.js'

let dir: string
beforeEach(async () => {
  dir = await tempDir('nma-directory-')
})
afterEach(async () => {
  await removeTree(dir)
})

function record(platform: string, char: string): DigestRecord {
  return makeRecord({
    images: [{ registry: 'ghcr.io', path: 'acme/app' }],
    platform: platformOf(platform),
    pushed: { mediaType: MediaType.OciManifest, digest: digestOf(char), size: 500 },
    manifests: [image(char, platform)],
    run: { id: '7', attempt: 1, job: 'build' },
    builder: 'buildah',
  })
}

const transport = (path: string) => directoryTransport(path, { key: '', logger: silentLogger })

test('list reads back what put wrote, from subdirectories too, and skips files that are not JSON', async () => {
  const records = join(dir, 'records')
  await transport(records).put(record('linux/amd64', 'a'))
  await transport(join(records, 'digests-linux-arm64')).put(record('linux/arm64', 'b'))
  await writeFile(join(records, 'README.txt'), 'not a record')
  const listed = await transport(records).list()
  expect(listed.map(r => r.record.platform).sort()).toEqual(['linux/amd64', 'linux/arm64'])
})

test('a missing directory is named as missing', async () => {
  const missing = join(dir, 'never-downloaded')
  await expect(transport(missing).list()).rejects.toThrow(
    `Input 'digests-path': '${missing}' does not exist. Point it at where the build steps' records were downloaded.`,
  )
})

test('a file is named as not a directory', async () => {
  const file = join(dir, 'record.json')
  await writeFile(file, '{}')
  await expect(transport(file).list()).rejects.toThrow(`Input 'digests-path': '${file}' is not a directory.`)
})

test('any other failure to reach the directory is reported as the system gives it', async () => {
  const file = join(dir, 'file')
  await writeFile(file, '')
  const through = join(file, 'records')
  await expect(transport(through).list()).rejects.toThrow(
    new RegExp(`^Input 'digests-path': cannot read '${through}': ENOTDIR: not a directory`),
  )
})

test('an oversized file is refused before it is parsed', async () => {
  const records = join(dir, 'records')
  await mkdir(records)
  await writeFile(join(records, 'huge.json'), ' '.repeat(70 * 1024))
  await expect(transport(records).list()).rejects.toThrow(
    /huge\.json is not valid: it is larger than 65536 bytes/,
  )
})
