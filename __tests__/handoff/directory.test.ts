/**
 * The records directory: what put writes, what list reads back (download-artifact's one subdirectory per
 * artifact included), and the errors a user sees for a path that is missing, a file, or cannot be reached.
 */
import { mkdir, readdir, realpath, symlink, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { MediaType } from '../../src/core/media-types.js'
import { makeRecord, type DigestRecord } from '../../src/core/record.js'
import { silentLogger } from '../../src/core/logger.js'
import { directoryTransport } from '../../src/handoff/directory.js'
import { digestOf, image, platformOf } from '../core/fixtures.js'
import { removeTree, run, tempDir } from '../harness/processes.js'

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

describe('links and entries that are not records', () => {
  let records: string
  let outside: string
  let logs: string[]
  const logging = (path: string) =>
    directoryTransport(path, {
      key: '',
      logger: {
        debug: m => logs.push(`debug: ${m}`),
        info: m => logs.push(`info: ${m}`),
        warning: m => logs.push(`warning: ${m}`),
      },
    })

  beforeEach(async () => {
    logs = []
    records = join(dir, 'records')
    outside = join(dir, 'elsewhere')
    await transport(join(records, 'store')).put(record('linux/amd64', 'a'))
    await transport(outside).put(record('linux/arm64', 'b'))
  })

  const relativeToCwd = (path: string) => relative(process.cwd(), path)

  test('a link to a record or a directory inside is followed, and each file is read once', async () => {
    const [stored] = await readdir(join(records, 'store'))
    await symlink(join('store', stored!), join(records, 'linked.json'))
    await symlink('store', join(records, 'z-linked-dir'))
    // A link back to the records directory is a loop; it is named, not walked again.
    await symlink('..', join(records, 'store', 'loop'))
    const listed = await logging(records).list()
    expect(listed.map(r => [r.record.platform, r.source])).toEqual([
      ['linux/amd64', relativeToCwd(join(records, 'linked.json'))],
    ])
    expect(logs).toEqual([
      `info: Skipped ${relativeToCwd(join(records, 'store', stored!))}: it is the same file as ${relativeToCwd(join(records, 'linked.json'))}.`,
      `info: Skipped ${relativeToCwd(join(records, 'store', 'loop'))}: it is the same directory as ${relativeToCwd(records)}.`,
      `info: Skipped ${relativeToCwd(join(records, 'z-linked-dir'))}: it is the same directory as ${relativeToCwd(join(records, 'store'))}.`,
      `debug: Read 1 digest record(s) from ${records}`,
    ])
  })

  test('links leading outside, broken links and what is not a regular file are named with the reason', async () => {
    const [foreign] = await readdir(outside)
    await symlink(join(outside, foreign!), join(records, 'outside.json'))
    await symlink(outside, join(records, 'outside-dir'))
    await symlink('missing.json', join(records, 'broken.json'))
    await mkdir(join(records, 'a', 'b', 'c'), { recursive: true })
    await run('mkfifo', [join(records, 'pipe.json')])
    const listed = await logging(records).list()
    expect(listed.map(r => r.record.platform)).toEqual(['linux/amd64'])
    const root = await realpath(records)
    const real = await realpath(outside)
    expect(logs.filter(line => line.startsWith('info: '))).toEqual([
      `info: Skipped ${relativeToCwd(join(records, 'a', 'b', 'c'))}: it is more than 2 directories deep.`,
      `info: Skipped ${relativeToCwd(join(records, 'broken.json'))}: it is a broken link (to missing.json).`,
      `info: Skipped ${relativeToCwd(join(records, 'outside-dir'))}: it links to ${real}, outside the records directory ${root}.`,
      `info: Skipped ${relativeToCwd(join(records, 'outside.json'))}: it links to ${join(real, foreign!)}, outside the records directory ${root}.`,
      `info: Skipped ${relativeToCwd(join(records, 'pipe.json'))}: it is not a regular file but a named pipe.`,
    ])
  })

  test('the records directory may itself be a link: what lies inside its target is inside', async () => {
    const link = join(dir, 'records-link')
    await symlink(records, link)
    await symlink(join(records, 'store'), join(records, 'absolute-link'))
    const listed = await logging(link).list()
    expect(listed.map(r => r.source)).toEqual([
      relativeToCwd(join(link, 'absolute-link', (await readdir(join(records, 'store')))[0]!)),
    ])
    expect(logs.filter(line => line.startsWith('info: '))).toHaveLength(1)
    expect(logs[0]).toBe(
      `info: Skipped ${relativeToCwd(join(link, 'store'))}: it is the same directory as ${relativeToCwd(join(link, 'absolute-link'))}.`,
    )
  })
})
