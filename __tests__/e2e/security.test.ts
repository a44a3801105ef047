/**
 * What the bundled action does with credentials and untrusted input: secrets and tokens never reach the
 * visible log, outputs or summary; credentials never follow a redirect to object storage; plain HTTP only for
 * loopback and listed registries; build args reach the builder as data; records cannot point the merge at
 * repositories outside `images`.
 */
import { existsSync } from 'node:fs'
import * as fs from 'node:fs/promises'
import { join } from 'node:path'
import { TuningVariable } from '../../src/registry/tuning.js'
import { type ActionRun, expectSuccess, runAction } from '../harness/action.js'
import { type DockerConfigDir, writeDockerConfig } from '../harness/docker-config.js'
import { type FaultProxy, startFaultProxy, startObjectStorage } from '../harness/fault-proxy.js'
import { type BuildahEnv, buildahEnv, writeSampleContext } from '../harness/images.js'
import { removeTree, run, tempDir } from '../harness/processes.js'
import { type RunningRegistry, startRegistry } from '../harness/registry.js'

const FastRetries = {
  [TuningVariable.RetryBaseMs]: '20',
  [TuningVariable.TimeoutMs]: '2000',
  [TuningVariable.RetryTotalMs]: '3000',
}

let work: string
let context: string
let storage: BuildahEnv
const cleanups: (() => Promise<void>)[] = []

beforeAll(async () => {
  work = await tempDir('nma-security-')
  context = join(work, 'context')
  await writeSampleContext(context)
  storage = await buildahEnv()
})

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
  await storage?.cleanup()
  if (work) await removeTree(work)
})

async function records(name: string): Promise<string> {
  const dir = join(work, name)
  await fs.mkdir(dir, { recursive: true })
  return dir
}

/** Everything a runner shows or keeps of a step: the log without mask commands, outputs, summary. */
function visible(step: ActionRun): string {
  return [step.visibleLog, ...Object.values(step.outputs), step.summary].join('\n')
}

describe.each(['basic', 'token'] as const)('with %s auth', auth => {
  let registry: RunningRegistry
  let mirror: RunningRegistry
  let proxy: FaultProxy
  let config: DockerConfigDir

  beforeAll(async () => {
    registry = await startRegistry({ auth, password: `pa$$word-${auth}-${Date.now()}` })
    mirror = await startRegistry({ auth: 'none' })
    proxy = await startFaultProxy({ target: registry.url, tokenRealm: registry.token?.realm })
    config = await writeDockerConfig({
      [proxy.host]: { username: registry.username, password: registry.password },
    })
    cleanups.push(proxy.stop, registry.stop, mirror.stop, config.cleanup)
  })

  test('no credential or token appears in the log, outputs or summary of a build and a merge', async () => {
    const image = `${proxy.host}/secret/app`
    const dir = await records(`records-${auth}`)
    const steps: ActionRun[] = []
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      steps.push(
        expectSuccess(
          await runAction(
            { mode: 'build', images: image, platform, builder: 'buildah', context, 'digests-path': dir },
            { ...storage.env, ...config.env, RUNNER_DEBUG: '1' },
          ),
        ),
      )
    }
    steps.push(
      expectSuccess(
        await runAction(
          { mode: 'merge', images: image, tags: 'v1', 'digests-path': dir },
          { ...config.env, RUNNER_DEBUG: '1' },
        ),
      ),
    )
    const basic = Buffer.from(`${registry.username}:${registry.password}`).toString('base64')
    // Every credential the registry saw: the Basic header, and each Bearer token the issuer handed out.
    const seen = new Set(
      proxy
        .requests()
        .map(r => r.headers.authorization)
        .filter((value): value is string => typeof value === 'string')
        .map(value => value.replace(/^(Basic|Bearer) /, '')),
    )
    expect(seen.has(basic)).toBe(true)
    const secrets = [registry.password, basic, ...seen]
    if (auth === 'token') expect(seen.size).toBeGreaterThan(1)
    for (const step of steps) {
      for (const secret of secrets) {
        expect({ secret, shown: visible(step).includes(secret) }).toEqual({ secret, shown: false })
      }
    }
    // Tokens are masked as they arrive: the runner would hide them even if something printed one.
    const masked = steps.flatMap(step => step.log.split('\n').filter(line => line.startsWith('::add-mask::')))
    for (const token of [...seen].filter(value => value !== basic)) {
      expect(masked).toContain(`::add-mask::${token}`)
    }
    expect(masked).toContain(`::add-mask::${registry.password}`)
  })

  test('a blob GET redirected to object storage does not carry Authorization there', async () => {
    const objectStorage = await startObjectStorage(registry.rootDir)
    cleanups.push(objectStorage.stop)
    const image = `${proxy.host}/secret/app`
    const built = expectSuccess(
      await runAction(
        {
          mode: 'build',
          images: image,
          platform: 'linux/arm/v7',
          builder: 'buildah',
          context,
          'digests-path': await records(`records-redirect-${auth}`),
        },
        { ...storage.env, ...config.env },
      ),
    )
    proxy.inject({ kind: 'blob-get', fault: { redirect: objectStorage.url } })
    proxy.reset()
    // A `digests` source reads its config; the mirror on another registry gets config and layer streamed.
    const merge = expectSuccess(
      await runAction(
        {
          mode: 'merge',
          images: `${image}\n${mirror.host}/secret/app`,
          tags: 'redirected',
          digests: built.outputs.digest!,
          'digests-path': await records(`records-redirect-empty-${auth}`),
        },
        { ...config.env, RUNNER_DEBUG: '1' },
      ),
    )
    proxy.clear()
    const redirected = proxy.requests().filter(r => r.kind === 'blob-get')
    expect(redirected.length).toBeGreaterThanOrEqual(2)
    expect(redirected.every(r => r.status === 307 && r.headers.authorization !== undefined)).toBe(true)
    expect(objectStorage.requests).toHaveLength(redirected.length)
    for (const request of objectStorage.requests) expect(request.headers).not.toHaveProperty('authorization')
    // The presigned URL's signature is a credential too: logs show storage URLs without their query.
    expect(merge.log).toContain(`${objectStorage.url}/blobs/`)
    expect(merge.log).not.toContain('harness-presigned-signature')
  })
})

describe('plain HTTP', () => {
  let registry: RunningRegistry
  let proxy: FaultProxy
  let config: DockerConfigDir

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'basic' })
    proxy = await startFaultProxy({ target: registry.url })
    cleanups.push(proxy.stop, registry.stop)
  })

  test('a registry that is not loopback is spoken to over HTTPS, and plain HTTP only once it is listed', async () => {
    // 0.0.0.0 reaches this machine's loopback listener, but is not a loopback name: HTTPS unless listed.
    const host = `0.0.0.0:${proxy.host.split(':')[1]}`
    config = await writeDockerConfig({ [host]: { username: registry.username, password: registry.password } })
    cleanups.push(config.cleanup)
    const dir = await records('records-plain-http')
    const inputs = {
      mode: 'build',
      images: `${host}/plain/app`,
      platform: 'linux/amd64',
      builder: 'buildah',
      context,
      'digests-path': dir,
    }
    const refused = await runAction(inputs, { ...storage.env, ...config.env, ...FastRetries })
    expect(refused.exitCode).toBe(1)
    expect(refused.visibleLog).toMatch(
      new RegExp(
        `::error::.*Registry ${host}: HEAD /v2/plain/app/manifests/sha256:[0-9a-f]{64} failed: .*The request went to https://${host}; if ${host} serves plain HTTP, list it as an insecure registry\\.`,
      ),
    )
    // The TLS handshake failed before any HTTP request, so the credentials never crossed in the clear.
    expect(proxy.requests()).toEqual([])

    const listed = expectSuccess(
      await runAction({ ...inputs, 'insecure-registries': host }, { ...storage.env, ...config.env }),
    )
    expect(listed.outputs.digest).toMatch(/^sha256:/)
    expect(proxy.requests().length).toBeGreaterThan(0)
  })

  test('a registry host that does not resolve fails fast, naming the https URL it tried', async () => {
    const started = Date.now()
    const failed = await runAction(
      {
        mode: 'merge',
        images: 'registry.invalid:5000/acme/app',
        digests: `sha256:${'a'.repeat(64)}`,
        'digests-path': await records('records-unresolvable'),
      },
      { ...FastRetries, DOCKER_CONFIG: await records('no-docker-config') },
    )
    expect(failed.exitCode).toBe(1)
    expect(Date.now() - started).toBeLessThan(3000 + 2000 + 3000)
    expect(failed.visibleLog).toMatch(
      /::error::Input 'digests' entry 'sha256:a{64}': Registry registry\.invalid:5000: GET \/v2\/acme\/app\/manifests\/sha256:a{64} .*The request went to https:\/\/registry\.invalid:5000; registry\.invalid does not resolve: check the registry host in the image name\./,
    )
  })
})

test('build args with ; and $() reach the builder as data, through the bundle', async () => {
  const registry = await startRegistry()
  cleanups.push(registry.stop)
  const marker = join(work, 'pwned')
  const value = `a;b $(touch ${marker}) \`touch ${marker}\` && touch ${marker} 'quoted' "double"`
  await fs.writeFile(
    join(context, 'args.Dockerfile'),
    'FROM scratch\nARG TARGETPLATFORM\nARG X\nCOPY platforms/${TARGETPLATFORM}/platform.txt /platform.txt\nLABEL x="$X"\n',
  )
  const built = expectSuccess(
    await runAction(
      {
        mode: 'build',
        images: `${registry.host}/args/app`,
        platform: 'linux/amd64',
        builder: 'buildah',
        context,
        file: join(context, 'args.Dockerfile'),
        'build-args': `X=${value}`,
        labels: 'org.opencontainers.image.description=two words; $(touch ' + marker + ')',
        'digests-path': await records('records-args'),
      },
      storage.env,
    ),
  )
  const { stdout } = await run('skopeo', [
    'inspect',
    '--config',
    '--tls-verify=false',
    `docker://${registry.host}/args/app@${built.outputs.digest}`,
  ])
  const labels = (JSON.parse(stdout) as { config: { Labels: Record<string, string> } }).config.Labels
  expect(labels.x).toBe(value)
  expect(labels['org.opencontainers.image.description']).toBe(`two words; $(touch ${marker})`)
  expect(existsSync(marker)).toBe(false)
})

describe('a digest record naming repositories outside `images`', () => {
  let registry: RunningRegistry
  let proxy: FaultProxy
  let recordFile: string
  let dir: string

  beforeAll(async () => {
    registry = await startRegistry()
    proxy = await startFaultProxy({ target: registry.url })
    cleanups.push(proxy.stop, registry.stop)
    dir = await records('records-foreign')
    expectSuccess(
      await runAction(
        {
          mode: 'build',
          images: `${proxy.host}/other/app`,
          platform: 'linux/amd64',
          builder: 'buildah',
          context,
          'digests-path': dir,
        },
        storage.env,
      ),
    )
    const [file] = await fs.readdir(dir)
    recordFile = join(dir, file!)
  })

  async function rewriteImages(images: string[]): Promise<void> {
    const record = JSON.parse(await fs.readFile(recordFile, 'utf8')) as { images: string[] }
    record.images = images
    await fs.writeFile(recordFile, JSON.stringify(record))
  }

  test('listing the other repository first does not make the merge read from it', async () => {
    await rewriteImages([`${proxy.host}/other/app`, `${proxy.host}/listed/app`])
    proxy.reset()
    const merge = await runAction({
      mode: 'merge',
      images: `${proxy.host}/listed/app`,
      tags: 'v1',
      'digests-path': dir,
    })
    expect(merge.exitCode).toBe(1)
    expect(merge.visibleLog).toMatch(
      new RegExp(`::error::${proxy.host}/listed/app@sha256:[0-9a-f]{64} \\(from .*\\) was not found\\.`),
    )
    expect(proxy.requests().length).toBeGreaterThan(0)
    expect(proxy.requests().filter(r => r.path.includes('/other/'))).toEqual([])
    expect(proxy.counts()['manifest-put']).toBe(0)
  })

  test('a record for other images only is skipped', async () => {
    await rewriteImages([`${proxy.host}/other/app`])
    proxy.reset()
    const merge = await runAction({
      mode: 'merge',
      images: `${proxy.host}/listed/app`,
      tags: 'v1',
      'digests-path': dir,
    })
    expect(merge.exitCode).toBe(1)
    expect(merge.visibleLog).toContain(`Skipped digest record`)
    expect(merge.visibleLog).toContain(`it is for ${proxy.host}/other/app`)
    expect(merge.visibleLog).toContain('::error::Nothing to merge')
    expect(proxy.requests()).toEqual([])
  })
})
