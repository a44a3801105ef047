/**
 * Registries as they really are, through the bundles (`dist/index.js` and `dist/cli.js`): the real registry
 * with token auth behind the test suite's proxy, which imitates what ECR, Harbor, Nexus and GHCR answer where
 * CNCF Distribution does not (see shared REGISTRY-QUIRKS): immutable tags, refused cross-repository mounts,
 * lag after a push, no manifest HEAD. Also the seeds' flow off GitHub: a merge of `digests` alone.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { TuningVariable } from '../../src/registry/tuning.js'
import { type ActionRun, expectSuccess, runAction } from '../harness/action.js'
import type { DockerConfigDir } from '../harness/docker-config.js'
import type { FaultProxy } from '../harness/fault-proxy.js'
import {
  type BuildahEnv,
  buildahEnv,
  inspectRaw,
  type PulledImage,
  pullAs,
  sha256Digest,
  writeSampleContext,
} from '../harness/images.js'
import { execute, removeTree, tempDir } from '../harness/processes.js'
import { type ProxiedRegistry, startProxiedTokenRegistry } from '../harness/proxied-registry.js'
import type { RunningRegistry } from '../harness/registry.js'

const Cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))
const Platforms = ['linux/amd64', 'linux/arm64']
const FastRetries = {
  [TuningVariable.RetryBaseMs]: '20',
  [TuningVariable.TimeoutMs]: '2000',
  [TuningVariable.RetryTotalMs]: '10000',
}
/** A tag PUT, not a PUT by digest. */
const TagPut = /\/manifests\/(?!sha256:)[^/?]+$/

let work: string
let context: string
let storage: BuildahEnv
let registry: RunningRegistry
let proxy: FaultProxy
let config: DockerConfigDir
let served: ProxiedRegistry

beforeAll(async () => {
  work = await tempDir('nma-quirks-')
  context = join(work, 'context')
  await writeSampleContext(context)
  storage = await buildahEnv()
  served = await startProxiedTokenRegistry()
  registry = served.registry
  proxy = served.proxy
  config = served.login
})

afterAll(async () => {
  await served?.stop()
  await storage?.cleanup()
  if (work) await removeTree(work)
})

beforeEach(() => {
  proxy.clear()
  proxy.reset()
})

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...storage.env, ...config.env, ...FastRetries, ...extra }
}

function build(image: string, platform: string, records: string): Promise<ActionRun> {
  return runAction(
    { mode: 'build', images: image, platform, builder: 'buildah', context, 'digests-path': records },
    env(),
  )
}

function merge(inputs: Record<string, string>, extra: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({ mode: 'merge', ...inputs }, env(extra))
}

/** Builds every platform of `image` through the bundle into a fresh records directory; their digests. */
async function buildAll(image: string, name: string): Promise<{ records: string; digests: string[] }> {
  const records = join(work, name)
  const digests: string[] = []
  for (const platform of Platforms)
    digests.push(expectSuccess(await build(image, platform, records)).outputs.digest!)
  return { records, digests }
}

function errorOf(run: ActionRun): string {
  expect(run.exitCode).toBe(1)
  return run.visibleLog.split('\n').find(line => line.startsWith('::error::')) ?? ''
}

/** Where a tag points now, as skopeo reads it (with no fault in the way). */
async function tagDigest(image: string, tag: string): Promise<string> {
  proxy.clear()
  return sha256Digest(await inspectRaw(`${image}:${tag}`, { creds: creds() }))
}

/** What a client on `platform` pulls (with no fault in the way). */
function pull(ref: string, platform: string): Promise<PulledImage> {
  proxy.clear()
  return pullAs(ref, platform, { creds: creds() })
}

function creds(): string {
  return `${registry.username}:${registry.password}`
}

describe('the seeds flow off GitHub: a merge of images already pushed, with no records directory', () => {
  test('the action with no GitHub variables merges `digests` alone', async () => {
    const image = `${proxy.host}/quirks/seeds`
    const { digests } = await buildAll(image, 'seeds-records')
    const run = expectSuccess(
      await merge({
        images: image,
        digests: digests.map(d => `${image}@${d}`).join(','),
        tags: 'k8s-latest',
      }),
    )
    expect(run.outputs.refs).toBe(`${image}:k8s-latest`)
    for (const [i, platform] of Platforms.entries()) {
      expect((await pull(`${image}:k8s-latest`, platform)).digest).toBe(digests[i])
    }
  })

  test('the action with neither names both inputs and publishes nothing', async () => {
    const run = await merge({ images: `${proxy.host}/quirks/none`, tags: 'x' })
    expect(errorOf(run)).toContain(
      "Nothing to merge: 'digests' is empty and no records directory was given ('digests-path').",
    )
    expect(proxy.counts()['manifest-put']).toBe(0)
  })
})

describe('immutable tags (ECR TAG_INVALID)', () => {
  const image = () => `${proxy.host}/quirks/immutable`
  let records: string
  let published: string

  beforeAll(async () => {
    ;({ records } = await buildAll(image(), 'immutable-records'))
    published = expectSuccess(await merge({ images: image(), 'digests-path': records, tags: '1.0,latest' }))
      .outputs.digest!
  })

  const refuseOverwrites = () =>
    proxy.inject({
      kind: 'manifest-put',
      path: TagPut,
      fault: {
        status: 400,
        body: JSON.stringify({
          errors: [
            {
              code: 'TAG_INVALID',
              message:
                "The image tag '1.0' already exists in the 'quirks/immutable' repository and cannot be overwritten because the repository is immutable.",
            },
          ],
        }),
      },
    })

  test('a re-run whose tags already hold the index writes nothing, so immutability never comes up', async () => {
    refuseOverwrites()
    const run = expectSuccess(await merge({ images: image(), 'digests-path': records, tags: '1.0,latest' }))
    expect(run.outputs.digest).toBe(published)
    expect(run.outputs.refs).toBe(`${image()}:1.0\n${image()}:latest`)
    expect(proxy.counts()['manifest-put']).toBe(0)
    for (const tag of ['1.0', 'latest'])
      expect(run.visibleLog).toContain(`${image()}:${tag} already points at ${published}: not written again.`)
  })

  test('tag-policy always: a re-run writes the tags again, and a refusal of a tag already in place passes', async () => {
    refuseOverwrites()
    const run = expectSuccess(
      await merge({ images: image(), 'digests-path': records, tags: '1.0,latest', 'tag-policy': 'always' }),
    )
    expect(run.outputs.digest).toBe(published)
    expect(run.outputs.refs).toBe(`${image()}:1.0\n${image()}:latest`)
    for (const tag of ['1.0', 'latest']) {
      expect(run.visibleLog).toContain(
        `Tagged ${image()}:${tag}: it already points at ${published} (the registry refused to write it again: HTTP 400 TAG_INVALID)`,
      )
    }
  })

  test('a tag holding another index fails, naming the tag, what it holds and why; it stays', async () => {
    refuseOverwrites()
    // Another index: only one platform.
    const other = await buildAll(image(), 'immutable-other')
    const run = await merge({ images: image(), digests: `${image()}@${other.digests[0]}`, tags: '1.0' })
    const error = errorOf(run)
    expect(error).toContain(
      `${image()}:1.0 holds ${published} and ${proxy.host} refused to move it to sha256:`,
    )
    expect(error).toContain('the repository refuses to overwrite existing tags (tag immutability)')
    expect(error).toContain('TAG_INVALID')
    expect(await tagDigest(image(), '1.0')).toBe(published)
  })
  test('an index the registry refuses outright is not blamed on immutability: its own error stands', async () => {
    const other = await buildAll(image(), 'immutable-denied')
    // A token that may read but not push: every manifest PUT, by tag or by digest, is denied.
    proxy.inject({
      kind: 'manifest-put',
      fault: {
        status: 403,
        body: JSON.stringify({ errors: [{ code: 'DENIED', message: 'permission_denied: write_package' }] }),
      },
    })
    const run = await merge({ images: image(), digests: `${image()}@${other.digests[0]}`, tags: '1.0' })
    const error = errorOf(run)
    expect(error).toContain(`push access denied for ${image()}`)
    expect(error).toContain('DENIED: permission_denied: write_package')
    expect(error).not.toContain('tag immutability')
    expect(error).toContain('No tag was moved')
    expect(await tagDigest(image(), '1.0')).toBe(published)
  })
})

describe('a refused cross-repository mount is not an access error', () => {
  test.each([
    ['Harbor, 404 NAME_UNKNOWN', 404, 'NAME_UNKNOWN', 'project not found'],
    ['a proxy, 403 DENIED', 403, 'DENIED', 'requested access to the resource is denied'],
  ])(
    '%s: the blobs are uploaded instead, and the index lands in both repositories',
    async (_name, status, code, message) => {
      const slug = code.toLowerCase().replace(/_/g, '-')
      const source = `${proxy.host}/quirks/mount-source-${slug}`
      const second = `${proxy.host}/quirks/mount-target-${slug}`
      const { digests } = await buildAll(source, `mount-${slug}`)
      proxy.reset()
      proxy.inject({
        kind: 'upload-post',
        path: /[?&]mount=/,
        fault: { status, body: JSON.stringify({ errors: [{ code, message }] }) },
      })
      const run = expectSuccess(
        await merge({
          images: `${source}\n${second}`,
          digests: digests.map(d => `${source}@${d}`).join(','),
          tags: 'v1',
        }),
      )
      const posts = proxy.requests().filter(r => r.kind === 'upload-post')
      expect(posts.some(r => r.path.includes('mount=') && r.status === status)).toBe(true)
      expect(posts.some(r => !r.path.includes('mount=') && r.status === 202)).toBe(true)
      expect(run.visibleLog).not.toContain('access denied')
      for (const [i, platform] of Platforms.entries()) {
        expect((await pull(`${second}:v1`, platform)).digest).toBe(digests[i])
      }
    },
  )
})

describe('lag after a push (GHCR, Nexus)', () => {
  test('a child a record names that answers 404 for a while is waited for, and the merge lands', async () => {
    const image = `${proxy.host}/quirks/lag-child`
    const { records, digests } = await buildAll(image, 'lag-child')
    proxy.inject({ kind: 'manifest-head', path: new RegExp(digests[0]!), fault: { status: 404 }, times: 2 })
    const run = expectSuccess(await merge({ images: image, 'digests-path': records, tags: 'lag' }))
    const waits = run.visibleLog.split('\n').filter(line => line.includes('it was pushed moments ago'))
    expect(waits).toHaveLength(2)
    expect(waits[0]).toContain(`${image}@${digests[0]} is not there yet (HTTP 404)`)
    expect((await pull(`${image}:lag`, 'linux/arm64')).digest).toBe(digests[1])
  })

  test('an index PUT answered MANIFEST_BLOB_UNKNOWN is tried again until the registry catches up', async () => {
    const image = `${proxy.host}/quirks/lag-index`
    const { records } = await buildAll(image, 'lag-index')
    proxy.inject({
      kind: 'manifest-put',
      fault: {
        status: 400,
        body: JSON.stringify({
          errors: [{ code: 'MANIFEST_BLOB_UNKNOWN', message: 'blob unknown to registry' }],
        }),
      },
      times: 2,
    })
    const run = expectSuccess(await merge({ images: image, 'digests-path': records, tags: 'lag' }))
    expect(run.visibleLog).toContain("the registry does not show the manifest's children yet")
    expect(proxy.requests().filter(r => r.kind === 'manifest-put' && r.status === 400)).toHaveLength(2)
    expect(await tagDigest(image, 'lag')).toBe(run.outputs.digest)
  })

  test('a child that never appears fails after the bound, with nothing published', async () => {
    const image = `${proxy.host}/quirks/lag-never`
    const { records, digests } = await buildAll(image, 'lag-never')
    proxy.reset()
    proxy.inject({ kind: 'manifest-head', path: new RegExp(digests[1]!), fault: { status: 404 } })
    const run = await merge(
      { images: image, 'digests-path': records, tags: 'never' },
      { [TuningVariable.LagTotalMs]: '1500' },
    )
    expect(errorOf(run)).toContain(`${image}@${digests[1]} (from `)
    expect(errorOf(run)).toContain('was not found')
    expect(
      proxy.requests().filter(r => r.path.includes(digests[1]!) && r.kind === 'manifest-head').length,
    ).toBeGreaterThan(1)
    expect(proxy.counts()['manifest-put']).toBe(0)
  })

  test('a `digests` entry that never existed fails at once: one GET, no waiting', async () => {
    const image = `${proxy.host}/quirks/lag-typo`
    const missing = `sha256:${'0'.repeat(64)}`
    const run = await merge({ images: image, digests: `${image}@${missing}`, tags: 'typo' })
    expect(errorOf(run)).toContain(`Input 'digests' entry '${image}@${missing}'`)
    // One GET (the entry is read whole anyway), after the token challenge (401) every first request draws and
    // the token it sends for.
    const answered = proxy.requests().filter(r => r.status !== 401 && r.kind !== 'token')
    expect(answered.map(r => `${r.kind} ${r.status}`)).toEqual(['manifest-get 404'])
    expect(run.visibleLog).not.toContain('it was pushed moments ago')
  })
})

describe('no manifest HEAD (older Nexus, pull-through caches)', () => {
  test.each([405, 501])(
    'HEAD answered %i: build and merge check with GET instead, and say so once',
    async status => {
      const image = `${proxy.host}/quirks/no-head-${status}`
      proxy.inject({ kind: 'manifest-head', fault: { status } })
      const { records, digests } = await buildAll(image, `no-head-${status}`)
      const run = expectSuccess(await merge({ images: image, 'digests-path': records, tags: 'nohead' }))
      const said = run.visibleLog
        .split('\n')
        .filter(line =>
          line.includes('does not answer manifest HEAD requests; checking with GET there from now on'),
        )
      expect(said).toHaveLength(1)
      // Once learnt, no more HEADs in this step: the merge sent one.
      const heads = proxy.requests().filter(r => r.kind === 'manifest-head')
      expect(heads.length).toBeGreaterThan(0)
      for (const [i, platform] of Platforms.entries()) {
        expect((await pull(`${image}:nohead`, platform)).digest).toBe(digests[i])
      }
    },
  )
})

describe('the same quirks through the command line', () => {
  test('a refused mount and an immutable re-run through dist/cli.js', async () => {
    const source = `${proxy.host}/quirks/cli-source`
    const second = `${proxy.host}/quirks/cli-target`
    const { digests } = await buildAll(source, 'cli-records')
    const args = [
      'merge',
      '--images',
      source,
      '--images',
      second,
      '--digests',
      digests.map(d => `${source}@${d}`).join(','),
      '--tags',
      'v2',
    ]
    const cliEnv = { ...env(), NATIVE_MULTIARCH_DEBUG: '' }
    proxy.inject({
      kind: 'upload-post',
      path: /[?&]mount=/,
      fault: {
        status: 404,
        body: JSON.stringify({ errors: [{ code: 'NAME_UNKNOWN', message: 'project not found' }] }),
      },
    })
    const first = await execute(process.execPath, [Cli, ...args], { env: cliEnv })
    expect({ exit: first.exitCode, stderr: first.stderr }).toEqual({ exit: 0, stderr: '' })
    proxy.inject({
      kind: 'manifest-put',
      path: TagPut,
      fault: {
        status: 400,
        body: JSON.stringify({ errors: [{ code: 'TAG_INVALID', message: 'immutable' }] }),
      },
    })
    // tag-policy always: every tag is written again, so the registry's refusal is met.
    const again = await execute(process.execPath, [Cli, ...args, '--tag-policy', 'always'], { env: cliEnv })
    expect(again.exitCode).toBe(0)
    expect(again.stdout).toContain(`Tagged ${second}:v2: it already points at`)
    expect((await pull(`${second}:v2`, 'linux/arm64')).digest).toBe(digests[1])
  })
})
