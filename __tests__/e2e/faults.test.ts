/**
 * Registries as users meet them, through the bundled action: every kind of fault on every kind of request
 * (a fault-injecting proxy in front of the real registry and its token issuer), persistent faults within the
 * total time bound, rate limits, the registry stopped between two tags, racing merges, and the bound on
 * requests in flight.
 *
 * Retries are tuned short through the environment variables the shell reads (NATIVE_MULTIARCH_*), so a fault
 * costs milliseconds here rather than the seconds it may take against a real registry.
 */
import * as fs from 'node:fs/promises'
import { join } from 'node:path'
import { DefaultChecksPerHost, DefaultRequestsPerHost } from '../../src/registry/client.js'
import { TuningVariable } from '../../src/registry/tuning.js'
import { type ActionRun, expectSuccess, runAction } from '../harness/action.js'
import type { DockerConfigDir } from '../harness/docker-config.js'
import {
  type Fault,
  type FaultProxy,
  type ProxiedRequest,
  type RequestKind,
  startFaultProxy,
} from '../harness/fault-proxy.js'
import { type BuildahEnv, buildahEnv, inspectRaw, pullAs, writeSampleContext } from '../harness/images.js'
import {
  type Daemon,
  freePort,
  removeTree,
  sleep,
  startDaemon,
  tempDir,
  waitForHttp,
} from '../harness/processes.js'
import { type ProxiedRegistry, startProxiedTokenRegistry } from '../harness/proxied-registry.js'
import { type RunningRegistry, startRegistry } from '../harness/registry.js'

const Platforms = ['linux/amd64', 'linux/arm64']
const ManifestTypes = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ')

/** Short retries: 20 ms backoff base, 400 ms without a byte is a timeout, 5 attempts within 10 s. */
const FastRetries = {
  [TuningVariable.RetryBaseMs]: '20',
  [TuningVariable.TimeoutMs]: '400',
  [TuningVariable.RetryTotalMs]: '10000',
}

let work: string
let context: string
let storage: BuildahEnv
let registry: RunningRegistry
let proxy: FaultProxy
let config: DockerConfigDir
let served: ProxiedRegistry
const cleanups: (() => Promise<void>)[] = []

beforeAll(async () => {
  work = await tempDir('nma-faults-')
  context = join(work, 'context')
  await writeSampleContext(context)
  storage = await buildahEnv()
  // The action sees the proxy as the registry: credentials are filed under its host.
  served = await startProxiedTokenRegistry()
  registry = served.registry
  proxy = served.proxy
  config = served.login
})

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup()
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

function build(image: string, platform: string, records: string, extra: Record<string, string> = {}) {
  return runAction(
    { mode: 'build', images: image, platform, builder: 'buildah', context, 'digests-path': records },
    env(extra),
  )
}

function merge(inputs: Record<string, string>, extra: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({ mode: 'merge', ...inputs }, env(extra))
}

/** Builds `platforms` of `image` through the bundle into a fresh records directory. */
async function buildAll(image: string, platforms: string[], name: string): Promise<string> {
  const records = join(work, name)
  for (const platform of platforms) expectSuccess(await build(image, platform, records))
  return records
}

/** The registry's answer for a manifest HEAD, with credentials when it has auth. */
async function headManifest(url: string, path: string, reference: string): Promise<string | undefined> {
  const headers: Record<string, string> = { Accept: ManifestTypes }
  if (url === registry.url) headers.Authorization = `Bearer ${await pullToken(path)}`
  const response = await fetch(`${url}/v2/${path}/manifests/${reference}`, { method: 'HEAD', headers })
  return response.status === 200 ? (response.headers.get('docker-content-digest') ?? undefined) : undefined
}

async function pullToken(path: string): Promise<string> {
  const { realm, service } = registry.token!
  const basic = Buffer.from(`${registry.username}:${registry.password}`).toString('base64')
  const response = await fetch(`${realm}?service=${service}&scope=repository:${path}:pull`, {
    headers: { Authorization: `Basic ${basic}` },
  })
  return ((await response.json()) as { token: string }).token
}

/** An answer that ends a request's retries: a success, or a 404 the client asked about (not 401, 429, 5xx). */
function answered(request: ProxiedRequest): boolean {
  return request.status >= 200 && request.status < 500 && ![401, 408, 429].includes(request.status)
}

/** What a line of the log says about a request: its path, or for uploads the path up to the session. */
function logKey(request: ProxiedRequest): string {
  const pathname = request.path.split('?')[0]!
  if (request.kind === 'upload-put') return pathname.slice(0, pathname.indexOf('/blobs/uploads/') + 15)
  return pathname
}

/**
 * Every kind in `kinds` was faulted once, then succeeded; the log says it retried each, naming the request.
 * Returns the faulted requests.
 */
function expectRetriedOnce(run: ActionRun, kinds: RequestKind[], fault: string): ProxiedRequest[] {
  const requests = proxy.requests()
  const faulted = requests.filter(r => r.fault !== undefined)
  for (const kind of kinds) {
    const ofKind = requests.filter(r => r.kind === kind)
    expect({ kind, fault: ofKind[0]?.fault }).toEqual({ kind, fault })
    expect({
      kind,
      passed: ofKind.some(r => r.fault === undefined && answered(r)),
    }).toEqual({ kind, passed: true })
  }
  expect(faulted.map(r => r.kind).sort()).toEqual([...kinds].sort())
  const retries = run.visibleLog.split('\n').filter(line => line.includes('; retrying in '))
  expect(retries).toHaveLength(faulted.length)
  for (const request of faulted) {
    expect({
      request: logKey(request),
      logged: retries.some(line => line.includes(logKey(request))),
    }).toEqual({
      request: logKey(request),
      logged: true,
    })
  }
  return faulted
}

const RateLimit = { 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '0;w=21600' }

const Faults: [string, Fault][] = [
  ['500', { status: 500 }],
  ['503', { status: 503 }],
  ['429', { status: 429, headers: { 'Retry-After': '0', ...RateLimit } }],
  ['drop', 'drop'],
  ['stall', 'stall'],
]

/** What each mode sends: a build uploads its layout; a merge of a `digests` source reads it, then publishes. */
const BuildKinds: RequestKind[] = [
  'token',
  'manifest-head',
  'blob-head',
  'upload-post',
  'upload-put',
  'manifest-put',
]
const MergeKinds: RequestKind[] = ['token', 'manifest-head', 'manifest-get', 'blob-get', 'manifest-put']

describe.each(Faults)('fault %s, once on every kind of request', (name, fault) => {
  const repository = `faults/${name}`
  let digest: string

  test('build: token, manifest HEAD, blob HEAD, upload POST and PUT, manifest PUT are retried', async () => {
    proxy.inject(...BuildKinds.map(kind => ({ kind, fault, times: 1 })))
    const run = expectSuccess(
      await build(`${proxy.host}/${repository}`, 'linux/amd64', join(work, `r-${name}`)),
    )
    digest = run.outputs.digest!
    const faulted = expectRetriedOnce(run, BuildKinds, name)
    if (fault === 'stall') expect(faulted.every(r => r.status === 0)).toBe(true)
    expect(await headManifest(registry.url, repository, digest)).toBe(digest)
  })

  test('merge: token, manifest HEAD and GET, blob GET, manifest PUT are retried', async () => {
    const records = join(work, `empty-${name}`)
    await fs.mkdir(records)
    proxy.inject(...MergeKinds.map(kind => ({ kind, fault, times: 1 })))
    const run = expectSuccess(
      await merge({
        images: `${proxy.host}/${repository}`,
        tags: 'v1',
        digests: digest,
        'digests-path': records,
      }),
    )
    expectRetriedOnce(run, MergeKinds, name)
    expect(await headManifest(registry.url, repository, 'v1')).toBe(run.outputs.digest)
  })
})

describe('a merge of records', () => {
  const repository = 'faults/records'
  let records: string

  beforeAll(async () => {
    records = await buildAll(`${proxy.host}/${repository}`, Platforms, 'records')
  })

  const inputs = (tags: string): Record<string, string> => ({
    images: `${proxy.host}/${repository}`,
    tags,
    platforms: Platforms.join(','),
    'digests-path': records,
  })

  test('checks children with HEAD only: no manifest GET, which Docker Hub would count as a pull', async () => {
    expectSuccess(await merge(inputs('head-only')))
    const counts = proxy.counts()
    expect(counts['manifest-get']).toBe(0)
    expect(counts['blob-get']).toBe(0)
    // One HEAD per platform, plus the 401s that taught the client the token scheme.
    const heads = proxy.requests().filter(r => r.kind === 'manifest-head' && r.status === 200)
    expect(heads).toHaveLength(Platforms.length)
  })

  test('waits what Retry-After asks before trying again', async () => {
    proxy.inject({ kind: 'manifest-head', fault: { status: 429, headers: { 'Retry-After': '1' } }, times: 1 })
    const run = expectSuccess(await merge(inputs('retry-after')))
    const heads = proxy.requests().filter(r => r.kind === 'manifest-head')
    expect(heads[0]!.fault).toBe('429')
    // The first HEADs leave together; the faulted one's retry waited its second.
    const retried = heads.filter(r => r.path === heads[0]!.path)
    expect(retried[1]!.startedAt - retried[0]!.startedAt).toBeGreaterThanOrEqual(950)
    expect(run.visibleLog).toMatch(/answered HTTP 429.*; retrying in 1\.0 s \(attempt 2\)/)
  })

  test('a persistent 503 fails within the total time bound, naming the registry and request; no tag moves', async () => {
    const before = expectSuccess(await merge(inputs('kept'))).outputs.digest
    proxy.reset()
    // Another index for the same tag: the tag's PUT, which stores it (phase 2, one target), never succeeds.
    proxy.inject({ kind: 'manifest-put', path: /\/manifests\/kept$/, fault: { status: 503 } })
    const started = Date.now()
    const run = await merge(
      { ...inputs('kept'), annotations: 'org.opencontainers.image.version=2' },
      {
        [TuningVariable.RetryTotalMs]: '1500',
        [TuningVariable.RetryAttempts]: '1000',
        [TuningVariable.RetryBaseMs]: '100',
      },
    )
    const elapsed = Date.now() - started
    expect(run.exitCode).toBe(1)
    // The bound, one request timeout, and the bundle starting.
    expect(elapsed).toBeLessThan(1500 + 400 + 3000)
    expect(run.visibleLog).toMatch(
      new RegExp(
        `::error::Registry ${proxy.host}: PUT /v2/${repository}/manifests/kept gave up after \\d+ attempts in \\d\\.\\d s \\(the next would start past the 1\\.5 s limit\\)\\. Last error: .*HTTP 503.*%0ANo tag was moved`,
      ),
    )
    const puts = proxy.requests().filter(r => r.kind === 'manifest-put')
    expect(puts.length).toBeGreaterThan(2)
    expect(puts.every(r => r.path.endsWith('/manifests/kept'))).toBe(true)
    expect(await headManifest(registry.url, repository, 'kept')).toBe(before)
  })

  test('a persistent 429 reports how much of the rate limit is left', async () => {
    proxy.inject({
      kind: 'manifest-head',
      fault: { status: 429, headers: { 'Retry-After': '0', ...RateLimit } },
    })
    const run = await merge(inputs('never-429'))
    expect(run.exitCode).toBe(1)
    // The children's HEADs and the tag's run in one round: whichever gives up first is reported.
    expect(run.visibleLog).toMatch(
      new RegExp(
        `::error::Registry ${proxy.host}: HEAD /v2/${repository}/manifests/(sha256:[0-9a-f]{64}|never-429) failed 5 times .*HTTP 429; rate limit ratelimit-remaining: 0;w=21600, ratelimit-limit: 100;w=21600`,
      ),
    )
    expect(run.visibleLog).toContain('No tag was moved')
    expect(await headManifest(registry.url, repository, 'never-429')).toBeUndefined()
  })

  test('a token service that keeps dropping the connection is tried 5 times in all, not 5 times per retry of the request', async () => {
    proxy.inject({ kind: 'token', fault: 'drop' })
    const run = await merge(inputs('token-down'))
    expect(run.exitCode).toBe(1)
    expect(proxy.counts().token).toBe(5)
    expect(run.visibleLog).toMatch(
      new RegExp(
        `::error::Registry ${proxy.host}: GET /token failed 5 times .*Last error: socket hang up \\(ECONNRESET\\)\\. The request went to ${proxy.url}\\.`,
      ),
    )
    expect(await headManifest(registry.url, repository, 'token-down')).toBeUndefined()
  })

  test('a 4xx other than 401, 408 and 429 is not retried', async () => {
    proxy.inject({ kind: 'manifest-put', fault: { status: 400 }, times: 1 })
    const run = await merge(inputs('bad-request'))
    expect(run.exitCode).toBe(1)
    expect(run.visibleLog).toContain('answered HTTP 400')
    expect(run.visibleLog).not.toContain('retrying in')
    expect(proxy.counts()['manifest-put']).toBe(1)
    expect(await headManifest(registry.url, repository, 'bad-request')).toBeUndefined()
  })

  test('a token refused with a fresh challenge is renewed once', async () => {
    const challenge = `Bearer realm="${proxy.url}/token",service="${registry.token!.service}",scope="repository:${repository}:pull,push"`
    // The index PUT carries the cached token; the registry "revokes" it once.
    proxy.inject({
      kind: 'manifest-put',
      fault: { status: 401, headers: { 'WWW-Authenticate': challenge } },
      times: 1,
    })
    const run = expectSuccess(await merge(inputs('reauth')))
    expect(proxy.requests().filter(r => r.kind === 'token' && r.status === 200)).toHaveLength(2)
    expect(await headManifest(registry.url, repository, 'reauth')).toBe(run.outputs.digest)
  })

  test('two merges racing on the same tags each leave a complete index', async () => {
    const tags = 'race-a,race-b,race-c'
    const [first, second] = await Promise.all([
      merge({ ...inputs(tags), annotations: 'org.opencontainers.image.description=first' }),
      merge({ ...inputs(tags), annotations: 'org.opencontainers.image.description=second' }),
    ])
    expectSuccess(first)
    expectSuccess(second)
    const digests = [first.outputs.digest, second.outputs.digest]
    expect(digests[0]).not.toBe(digests[1])
    for (const tag of tags.split(',')) {
      const digest = await headManifest(registry.url, repository, tag)
      expect(digests).toContain(digest)
    }
    // Whichever won, the tag is a whole index: every platform resolves through it.
    const creds = `${registry.username}:${registry.password}`
    const index = JSON.parse(await inspectRaw(`${registry.host}/${repository}:race-a`, { creds }))
    expect(index.manifests).toHaveLength(Platforms.length)
    for (const platform of Platforms) {
      const pulled = await pullAs(`${registry.host}/${repository}:race-a`, platform, { creds })
      expect(pulled.platformFile.split('\n')[0]).toBe(platform)
    }
  })
})

test(`at most ${DefaultRequestsPerHost} requests and ${DefaultChecksPerHost} HEADs in flight per registry while copying 6 platforms to 2 repositories under 8 tags`, async () => {
  const source = await startRegistry()
  const target = await startRegistry()
  const front = await startFaultProxy({ target: target.url, delayMs: 15 })
  cleanups.push(source.stop, target.stop, front.stop)
  const platforms = [
    'linux/amd64',
    'linux/arm64',
    'linux/arm/v7',
    'linux/386',
    'linux/ppc64le',
    'linux/s390x',
  ]
  const records = await buildAll(`${source.host}/wide/app`, platforms, 'records-wide')
  const tags = Array.from({ length: 8 }, (_, i) => `t${i}`)
  const run = expectSuccess(
    await merge({
      images: [`${source.host}/wide/app`, `${front.host}/wide/app`, `${front.host}/wide/mirror`].join('\n'),
      tags: tags.join(','),
      platforms: platforms.join(','),
      'digests-path': records,
    }),
  )
  const counts = front.counts()
  // Cross-registry copies: each platform's config and layer uploaded to both repositories, then every tag.
  expect(counts['upload-put']).toBe(platforms.length * 2 * 2)
  expect(counts['manifest-put']).toBe(2 * (platforms.length + 1 + tags.length))
  expect(front.maxInFlight('not HEAD')).toBeGreaterThan(1)
  expect(front.maxInFlight('not HEAD')).toBeLessThanOrEqual(DefaultRequestsPerHost)
  // The children's and tags' checks leave in one round, wider than the writes, never past their own bound.
  expect(front.maxInFlight('HEAD')).toBeGreaterThan(DefaultRequestsPerHost)
  expect(front.maxInFlight('HEAD')).toBeLessThanOrEqual(DefaultChecksPerHost)
  expect(run.outputs.refs!.split('\n')).toHaveLength(3 * tags.length)
})

/** A registry process this test can stop and start again on the same storage (the harness's removes it). */
async function startOwnRegistry(root: string, port: number): Promise<Daemon> {
  const configFile = join(root, `config-${port}.json`)
  await fs.writeFile(
    configFile,
    JSON.stringify({
      version: '0.1',
      log: { level: 'warn', accesslog: { disabled: true } },
      storage: { filesystem: { rootdirectory: join(root, 'storage') }, delete: { enabled: true } },
      http: { addr: `127.0.0.1:${port}`, secret: 'faults-test' },
    }),
  )
  const registryEnv = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('REGISTRY_')),
  )
  const daemon = await startDaemon(`registry-${port}`, 'docker-registry', ['serve', configFile], {
    logDir: root,
    env: registryEnv,
  })
  await waitForHttp(`http://127.0.0.1:${port}/v2/`, 15000, daemon)
  return daemon
}

test('the registry stopped between two tags: the error lists the tags that moved, and a re-run completes', async () => {
  const root = await tempDir('nma-stopped-registry-')
  let port = await freePort()
  let daemon = await startOwnRegistry(root, port)
  const front = await startFaultProxy({ target: `http://127.0.0.1:${port}` })
  cleanups.push(async () => {
    await front.stop()
    await daemon.stop()
    await removeTree(root)
  })
  const image = `${front.host}/stopped/app`
  const records = join(work, 'records-stopped')
  for (const platform of Platforms) {
    expectSuccess(
      await runAction(
        { mode: 'build', images: image, platform, builder: 'buildah', context, 'digests-path': records },
        { ...storage.env, ...FastRetries },
      ),
    )
  }

  // The first tag PUT goes through; the others wait for it, then find the registry gone.
  const isTagPut = (r: ProxiedRequest): boolean => r.kind === 'manifest-put' && !r.path.includes('sha256:')
  let stopped: Promise<void> | undefined
  front.before('manifest-put', async request => {
    if (!isTagPut(request) || front.requests().filter(isTagPut)[0] === request) return
    while (!front.requests().some(r => isTagPut(r) && r.endedAt !== undefined)) await sleep(5)
    stopped ??= daemon.stop()
    await stopped
  })
  const tags = ['1', '1.4', '1.4.2', 'latest']
  const inputs = { mode: 'merge', images: image, tags: tags.join(','), 'digests-path': records }
  const failed = await runAction(inputs, { ...FastRetries, [TuningVariable.RetryTotalMs]: '1000' })
  expect(failed.exitCode).toBe(1)
  const error = failed.visibleLog.split('\n').find(line => line.startsWith('::error::'))!
  const moved = /Tags moved to (sha256:[0-9a-f]{64}): (.*)\. Not moved: (.*)\. Re-run the merge/.exec(
    error.replace(/%0A/g, '\n'),
  )
  expect(moved).not.toBeNull()
  const [, digest, movedList, notMovedList] = moved!
  const movedTags = movedList!.split(', ').map(ref => ref.slice(image.length + 1))
  const notMovedTags = notMovedList!.split(', ').map(ref => ref.slice(image.length + 1))
  expect(movedTags).toHaveLength(1)
  expect([...movedTags, ...notMovedTags].sort()).toEqual([...tags].sort())
  expect(error).toMatch(/HTTP 502/)

  // Back up on the same storage: exactly the tags the error named as moved point at the index.
  port = await freePort()
  daemon = await startOwnRegistry(root, port)
  front.retarget(`http://127.0.0.1:${port}`)
  front.clear()
  const url = `http://127.0.0.1:${port}`
  for (const tag of movedTags) expect(await headManifest(url, 'stopped/app', tag)).toBe(digest)
  for (const tag of notMovedTags) expect(await headManifest(url, 'stopped/app', tag)).toBeUndefined()

  const rerun = expectSuccess(await runAction(inputs, FastRetries))
  expect(rerun.outputs.digest).toBe(digest)
  for (const tag of tags) expect(await headManifest(url, 'stopped/app', tag)).toBe(digest)
})
