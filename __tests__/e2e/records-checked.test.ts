/**
 * A digest record is a claim, and a report says what happened: through the bundle against the real registry
 * behind the fault proxy. A record whose size or media type differs from the registry's answer, or (with
 * `verify-platforms`) whose platform differs from the image config, publishes nothing; tag PUTs whose answers
 * were lost are checked before the report; a cancelled merge says where the tags stand; a copy whose source
 * fails blames the source.
 */
import { spawn } from 'node:child_process'
import * as fs from 'node:fs/promises'
import { join } from 'node:path'
import { TuningVariable } from '../../src/registry/tuning.js'
import { type ActionRun, baseEnv, Bundle, expectSuccess, runAction } from '../harness/action.js'
import { type DockerConfigDir, writeDockerConfig } from '../harness/docker-config.js'
import { type FaultProxy, startFaultProxy } from '../harness/fault-proxy.js'
import {
  type BuildahEnv,
  buildahEnv,
  inspectRaw,
  sha256Digest,
  writeSampleContext,
} from '../harness/images.js'
import { removeTree, sleep, tempDir } from '../harness/processes.js'
import { type RunningRegistry, startRegistry } from '../harness/registry.js'

const Platforms = ['linux/amd64', 'linux/arm64']
const FastRetries = {
  [TuningVariable.RetryBaseMs]: '20',
  [TuningVariable.TimeoutMs]: '2000',
  [TuningVariable.RetryTotalMs]: '5000',
}
const TagPut = /\/manifests\/(?!sha256:)[^/?]+$/

let work: string
let context: string
let storage: BuildahEnv
let registry: RunningRegistry
let second: RunningRegistry
let proxy: FaultProxy
let config: DockerConfigDir

beforeAll(async () => {
  work = await tempDir('nma-records-checked-')
  context = join(work, 'context')
  await writeSampleContext(context)
  ;[storage, registry, second] = await Promise.all([buildahEnv(), startRegistry(), startRegistry()])
  proxy = await startFaultProxy({ target: registry.url })
  config = await writeDockerConfig({})
})

afterAll(async () => {
  await proxy?.stop()
  await Promise.all([registry?.stop(), second?.stop(), config?.cleanup(), storage?.cleanup()])
  if (work) await removeTree(work)
})

beforeEach(() => {
  proxy.clear()
  proxy.reset()
})

function env(): NodeJS.ProcessEnv {
  return { ...storage.env, ...config.env, ...FastRetries }
}

function merge(inputs: Record<string, string>): Promise<ActionRun> {
  return runAction({ mode: 'merge', ...inputs }, env())
}

/** Builds every platform of `image` through the bundle into a fresh records directory. */
async function buildAll(image: string, name: string): Promise<string> {
  const records = join(work, name)
  for (const platform of Platforms) {
    expectSuccess(
      await runAction(
        { mode: 'build', images: image, platform, builder: 'buildah', context, 'digests-path': records },
        env(),
      ),
    )
  }
  return records
}

/** The fields of a digest record these tests change. */
interface RecordJson {
  platform: string
  manifests: { size: number; mediaType: string; platform?: { os: string; architecture: string } }[]
}

/** Rewrites the record of `platform` in `records` with `change`. */
async function tamper(records: string, platform: string, change: (record: RecordJson) => void) {
  for (const name of await fs.readdir(records)) {
    const file = join(records, name)
    const record = JSON.parse(await fs.readFile(file, 'utf8'))
    if (record.platform !== platform) continue
    change(record)
    await fs.writeFile(file, JSON.stringify(record))
    return name
  }
  throw new Error(`no record for ${platform} in ${records}`)
}

function errorOf(run: ActionRun): string {
  expect(run.exitCode).toBe(1)
  return run.visibleLog.split('\n').find(line => line.startsWith('::error::')) ?? ''
}

describe('a record is checked against what the existence check already returns', () => {
  test.each([
    [
      'a size off by three bytes',
      (r: RecordJson) => (r.manifests[0].size += 3),
      /has size \d+ bytes, not \d+/,
    ],
    [
      'another media type',
      (r: RecordJson) => (r.manifests[0].mediaType = 'application/vnd.docker.distribution.manifest.v2+json'),
      /has media type application\/vnd\.oci\.image\.manifest\.v1\+json, not application\/vnd\.docker\.distribution\.manifest\.v2\+json/,
    ],
  ])(
    '%s: the merge fails naming the record and the difference; nothing is published',
    async (name, change, why) => {
      const image = `${proxy.host}/checked/${name.split(' ')[1]}`
      const records = await buildAll(image, `records-${name.split(' ')[1]}`)
      const file = await tamper(records, 'linux/arm64', change)
      proxy.reset()
      const error = errorOf(await merge({ images: image, 'digests-path': records, tags: 'checked' }))
      expect(error).toContain(file)
      expect(error).toContain('does not match the registry')
      expect(error).toMatch(why)
      expect(error).toContain('nothing was published')
      expect(proxy.counts()['manifest-put']).toBe(0)
      // Free: the HEADs were sent anyway.
      expect(proxy.counts()['manifest-get']).toBe(0)
    },
  )

  test('verify-platforms: an amd64 image recorded as arm64 fails, naming both; off, it costs no GET', async () => {
    const image = `${proxy.host}/checked/platform`
    const records = await buildAll(image, 'records-platform')
    // The arm64 record is dropped, and the amd64 one claims to be arm64.
    for (const name of await fs.readdir(records)) {
      const record = JSON.parse(await fs.readFile(join(records, name), 'utf8'))
      if (record.platform === 'linux/arm64') await fs.rm(join(records, name))
    }
    await tamper(records, 'linux/amd64', r => {
      r.platform = 'linux/arm64'
      r.manifests[0].platform = { os: 'linux', architecture: 'arm64' }
    })
    proxy.reset()
    const error = errorOf(
      await merge({ images: image, 'digests-path': records, tags: 'verified', 'verify-platforms': 'true' }),
    )
    expect(error).toMatch(
      /the index says linux\/arm64 but the image config says linux\/amd64|is an image for linux\/amd64, expected linux\/arm64/,
    )
    expect(proxy.counts()['manifest-put']).toBe(0)
    expect(proxy.counts()['manifest-get']).toBeGreaterThan(0)
  })
})

describe('the report says what happened', () => {
  test('tag PUTs the registry applied but whose answers were lost are reported as moved', async () => {
    const image = `${proxy.host}/checked/lost-answers`
    const records = await buildAll(image, 'records-lost')
    proxy.reset()
    proxy.inject({ kind: 'manifest-put', path: TagPut, fault: 'drop-answer' })
    const run = await merge({ images: image, 'digests-path': records, tags: 's1,s2,s3' })
    const error = errorOf(run).replace(/%0A/g, '\n')
    const report = error.slice(error.indexOf('Tags moved to '))
    const digest = /^Tags moved to (sha256:[0-9a-f]{64}): /.exec(report)?.[1]
    const moved = report.slice(report.indexOf(': ') + 2, report.indexOf('. Not moved: '))
    const notMoved = report.slice(report.indexOf('. Not moved: ') + 13, report.indexOf('. Re-run'))
    // The first tag's PUT stores the index and goes alone: its answer lost, the merge stops there, after a HEAD
    // finds that the registry applied it. The others were never sent.
    expect(moved).toBe(`${image}:s1`)
    expect(notMoved).toBe(`${image}:s2, ${image}:s3`)
    expect(report).not.toContain('Outcome unknown')
    expect(sha256Digest(await inspectRaw(`${registry.host}/checked/lost-answers:s1`))).toBe(digest)
    const putTags = proxy
      .requests()
      .filter(r => r.kind === 'manifest-put')
      .map(r => r.path.split('/').pop())
    expect(new Set(putTags)).toEqual(new Set(['s1']))
  })

  test('a merge cancelled with SIGTERM mid-publish says which tags moved, and exits 143', async () => {
    const image = `${proxy.host}/checked/cancelled`
    const records = await buildAll(image, 'records-cancelled')
    proxy.reset()
    const child = spawn(process.execPath, [Bundle], {
      env: {
        ...baseEnv(),
        ...env(),
        INPUT_MODE: 'merge',
        INPUT_IMAGES: image,
        'INPUT_DIGESTS-PATH': records,
        INPUT_TAGS: 'first,second',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let log = ''
    child.stdout.on('data', chunk => (log += chunk))
    child.stderr.on('data', chunk => (log += chunk))
    const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)))
    // The first tag lands; the second is held until the runner cancels the job.
    let release: () => void = () => {}
    proxy.before('manifest-put', async request => {
      if (!request.path.endsWith('/second')) return
      // Once the first tag's answer has reached the merge, the runner cancels the job.
      while (!proxy.requests().some(r => r.path.endsWith('/first') && r.endedAt !== undefined))
        await sleep(20)
      await sleep(300)
      child.kill('SIGTERM')
      await new Promise<void>(resolve => (release = resolve))
    })
    const code = await exited
    release()
    expect(code).toBe(143)
    const line = log.split('\n').find(l => l.includes('cancelled (SIGTERM)')) ?? ''
    expect(line).toMatch(
      new RegExp(
        `Tags moved to sha256:[0-9a-f]{64}: ${image}:first\\. Outcome unknown: ${image}:second\\. Not moved: none\\.`,
      ),
    )
  })

  test('a source that cuts every blob download is named; the healthy target is not blamed', async () => {
    const source = `${proxy.host}/checked/copy-source`
    const target = `${second.host}/checked/copy-target`
    const records = await buildAll(source, 'records-copy')
    proxy.reset()
    proxy.inject({ kind: 'blob-get', fault: 'drop' })
    const error = errorOf(
      await merge({ images: `${source}\n${target}`, 'digests-path': records, tags: 'copy' }),
    )
    expect(error).toContain(`from ${source} failed`)
    expect(error).toContain(`the upload to ${target} stopped because its source did`)
    expect(error).toContain('No tag was moved')
  })
})
