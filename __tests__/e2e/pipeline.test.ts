/**
 * The whole pipeline through the bundled action, against the real registry: build steps push one platform
 * each by digest, the merge publishes the index, and skopeo pulls as amd64, arm64 and arm/v7 clients.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { expectSuccess, runAction } from '../harness/action.js'
import { writeDockerConfig as writeConfig } from '../harness/docker-config.js'
import {
  buildahEnv,
  inspectRaw,
  pullAs,
  pushAttestedIndex,
  sha256Digest,
  writeSampleContext,
} from '../harness/images.js'
import { removeTree, tempDir } from '../harness/processes.js'
import { type RunningRegistry, startRegistry } from '../harness/registry.js'

const Platforms = ['linux/amd64', 'linux/arm64', 'linux/arm/v7']

let work: string
let context: string
let storage: Awaited<ReturnType<typeof buildahEnv>>
const registries: RunningRegistry[] = []
const cleanups: (() => Promise<void>)[] = []

/** A docker config file like docker/login-action writes, removed after the suite. */
async function writeDockerConfig(auths: Parameters<typeof writeConfig>[0]): ReturnType<typeof writeConfig> {
  const config = await writeConfig(auths)
  cleanups.push(config.cleanup)
  return config
}

beforeAll(async () => {
  work = await tempDir('nma-e2e-')
  context = join(work, 'context')
  await writeSampleContext(context, { platforms: Platforms })
  storage = await buildahEnv()
})

afterAll(async () => {
  await Promise.all([...registries.map(r => r.stop()), ...cleanups.map(cleanup => cleanup())])
  await storage?.cleanup()
  await removeTree(work)
})

async function registry(auth: 'none' | 'basic' | 'token' = 'none'): Promise<RunningRegistry> {
  const started = await startRegistry({ auth })
  registries.push(started)
  return started
}

async function tagsOf(reg: RunningRegistry, path: string, creds?: string): Promise<string[]> {
  const headers: Record<string, string> = creds
    ? { Authorization: `Basic ${Buffer.from(creds).toString('base64')}` }
    : {}
  const response = await fetch(`${reg.url}/v2/${path}/tags/list`, { headers })
  if (response.status === 404) return []
  const body = (await response.json()) as { tags?: string[] | null }
  return body.tags ?? []
}

async function recordsDir(name: string): Promise<string> {
  const dir = join(work, name)
  await mkdir(dir, { recursive: true })
  return dir
}

test('buildah builds three platforms by digest; the merge publishes one index every architecture resolves', async () => {
  const reg = await registry()
  const image = `${reg.host}/demo/app`
  const records = await recordsDir('records-plain')
  const built: Record<string, string> = {}
  for (const platform of Platforms) {
    const run = expectSuccess(
      await runAction(
        { mode: 'build', images: image, platform, builder: 'buildah', context, 'digests-path': records },
        storage.env,
      ),
    )
    expect(run.outputs.platform).toBe(platform)
    expect(run.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(run.outputs.image).toBe(`${image}@${run.outputs.digest}`)
    built[platform] = run.outputs.digest!
    // This machine is amd64: the other two are foreign and warned about.
    expect(run.log.includes('means CPU emulation')).toBe(platform !== 'linux/amd64')
  }
  // Build steps push by digest only: no tag exists until the merge.
  expect(await tagsOf(reg, 'demo/app')).toEqual([])

  const merge = expectSuccess(
    await runAction({
      mode: 'merge',
      images: image,
      tags: 'latest,1.4',
      platforms: Platforms.join(','),
      'digests-path': records,
      annotations: 'org.opencontainers.image.description=A demo app',
    }),
  )
  expect(merge.outputs.refs!.split('\n')).toEqual([`${image}:latest`, `${image}:1.4`])
  expect(merge.outputs.platforms).toBe('linux/amd64,linux/arm/v7,linux/arm64')
  expect((await tagsOf(reg, 'demo/app')).sort()).toEqual(['1.4', 'latest'])

  const raw = await inspectRaw(`${image}:1.4`)
  expect(sha256Digest(raw)).toBe(merge.outputs.digest)
  const index = JSON.parse(raw)
  expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json')
  expect(index.annotations).toEqual({ 'org.opencontainers.image.description': 'A demo app' })
  expect(index.manifests.map((m: { digest: string }) => m.digest).sort()).toEqual(Object.values(built).sort())
  expect(merge.summary).toContain(merge.outputs.digest)

  for (const platform of Platforms) {
    const pulled = await pullAs(`${image}:latest`, platform)
    expect(pulled.platformFile.split('\n')[0]).toBe(platform)
    expect(pulled.digest).toBe(built[platform])
  }
})

test('Basic auth from the docker config file; podman builds; a wrong password fails clearly and publishes nothing', async () => {
  const reg = await registry('basic')
  const image = `${reg.host}/team/app`
  const records = await recordsDir('records-basic')
  const config = await writeDockerConfig({ [reg.host]: { username: reg.username, password: reg.password } })
  for (const platform of ['linux/amd64', 'linux/arm64']) {
    expectSuccess(
      await runAction(
        { mode: 'build', images: image, platform, builder: 'podman', context, 'digests-path': records },
        { ...storage.env, ...config.env },
      ),
    )
  }
  const wrong = await writeDockerConfig({
    [reg.host]: { username: reg.username, password: 'not-the-password' },
  })
  const denied = await runAction(
    { mode: 'merge', images: image, tags: 'v1', 'digests-path': records },
    wrong.env,
  )
  expect(denied.exitCode).toBe(1)
  expect(denied.log).toContain(reg.host)
  expect(denied.log).toContain('::add-mask::not-the-password')
  expect(denied.visibleLog).not.toContain('not-the-password')
  expect(await tagsOf(reg, 'team/app', `${reg.username}:${reg.password}`)).toEqual([])

  const merge = expectSuccess(
    await runAction({ mode: 'merge', images: image, tags: 'v1', 'digests-path': records }, config.env),
  )
  expect(merge.visibleLog).not.toContain(reg.password)
  for (const platform of ['linux/amd64', 'linux/arm64']) {
    const pulled = await pullAs(`${image}:v1`, platform, { creds: `${reg.username}:${reg.password}` })
    expect(pulled.platformFile.split('\n')[0]).toBe(platform)
  }
})

test('Bearer tokens like Docker Hub and GHCR; the merge mounts within a registry and copies across registries', async () => {
  const tokenReg = await registry('token')
  const mirror = await registry('none')
  const source = `${tokenReg.host}/acme/app`
  const sameRegistryTarget = `${tokenReg.host}/acme/app-mirror`
  const otherRegistryTarget = `${mirror.host}/acme/app`
  const records = await recordsDir('records-token')
  const config = await writeDockerConfig({
    [tokenReg.host]: { username: tokenReg.username, password: tokenReg.password },
  })
  for (const platform of ['linux/amd64', 'linux/arm/v7']) {
    expectSuccess(
      await runAction(
        { mode: 'build', images: source, platform, builder: 'buildah', context, 'digests-path': records },
        { ...storage.env, ...config.env },
      ),
    )
  }
  await tokenReg.resetRequests()
  const merge = expectSuccess(
    await runAction(
      {
        mode: 'merge',
        images: `${source}\n${sameRegistryTarget}\n${otherRegistryTarget}`,
        tags: '2.0',
        'digests-path': records,
      },
      config.env,
    ),
  )
  expect(merge.outputs.refs!.split('\n').sort()).toEqual(
    [`${otherRegistryTarget}:2.0`, `${source}:2.0`, `${sameRegistryTarget}:2.0`].sort(),
  )
  const requests = await tokenReg.requests()
  const mounts = requests.filter(r => r.method === 'POST' && r.path.includes('mount='))
  expect(mounts.length).toBeGreaterThan(0)
  expect(mounts.every(r => r.status === 201)).toBe(true)
  // Mounted, so no blob bytes were uploaded within the token registry.
  expect(requests.filter(r => r.method === 'PUT' && r.path.includes('/blobs/uploads/'))).toEqual([])
  expect(tokenReg.tokenRequestLog().every(t => t.status === 200)).toBe(true)
  expect(merge.visibleLog).not.toContain(tokenReg.password)

  const creds = `${tokenReg.username}:${tokenReg.password}`
  for (const platform of ['linux/amd64', 'linux/arm/v7']) {
    expect((await pullAs(`${sameRegistryTarget}:2.0`, platform, { creds })).platformFile.split('\n')[0]).toBe(
      platform,
    )
    expect((await pullAs(`${otherRegistryTarget}:2.0`, platform)).platformFile.split('\n')[0]).toBe(platform)
  }
})

test('a build to two repositories of one registry uploads each blob once and mounts it into the second', async () => {
  const tokenReg = await registry('token')
  const other = await registry('none')
  const first = `${tokenReg.host}/acme/build`
  const second = `${tokenReg.host}/acme/build-mirror`
  const elsewhere = `${other.host}/acme/build`
  const config = await writeDockerConfig({
    [tokenReg.host]: { username: tokenReg.username, password: tokenReg.password },
  })
  const build = expectSuccess(
    await runAction(
      {
        mode: 'build',
        images: `${first}\n${second}\n${elsewhere}`,
        platform: 'linux/amd64',
        builder: 'buildah',
        context,
        'digests-path': await recordsDir('records-mount'),
      },
      { ...storage.env, ...config.env },
    ),
  )
  const repositoryOf = (path: string): string => path.slice('/v2/'.length, path.indexOf('/blobs/'))
  const answered = (await tokenReg.requests()).filter(r => r.status !== 401)
  const uploads = answered.filter(r => r.method === 'PUT' && r.path.includes('/blobs/uploads/'))
  const mounts = answered.filter(r => r.method === 'POST' && r.path.includes('mount='))
  // The config and the one layer: uploaded to the first repository, mounted from it into the second.
  expect(uploads.map(r => [repositoryOf(r.path), r.status])).toEqual([
    ['acme/build', 201],
    ['acme/build', 201],
  ])
  expect(mounts.map(r => [repositoryOf(r.path), r.status])).toEqual([
    ['acme/build-mirror', 201],
    ['acme/build-mirror', 201],
  ])
  expect(mounts.every(r => r.path.includes(`from=${encodeURIComponent('acme/build')}`))).toBe(true)
  // Another registry cannot mount: it gets its own upload, in parallel.
  const otherUploads = (await other.requests()).filter(
    r => r.method === 'PUT' && r.path.includes('/blobs/uploads/'),
  )
  expect(otherUploads).toHaveLength(2)
  expect(build.log).toContain(`to ${second}: 0 blobs uploaded, 2 mounted, 0 already there`)

  const creds = `${tokenReg.username}:${tokenReg.password}`
  const digest = build.outputs.digest!
  expect((await pullAs(`${second}@${digest}`, 'linux/amd64', { creds })).platformFile).toBe('linux/amd64')
  expect((await pullAs(`${elsewhere}@${digest}`, 'linux/amd64')).platformFile).toBe('linux/amd64')
})

test('one-platform indexes with attestations (what buildx pushes with provenance) are flattened, attestations kept', async () => {
  const reg = await registry()
  const image = `${reg.host}/attested/app`
  const amd = await pushAttestedIndex('linux/amd64', image)
  const arm = await pushAttestedIndex('linux/arm64', image)
  const merge = expectSuccess(
    await runAction({
      mode: 'merge',
      images: image,
      tags: 'latest',
      digests: `${amd.indexDigest}\n${image}@${arm.indexDigest}`,
      platforms: 'linux/amd64,linux/arm64',
      'digests-path': await recordsDir('records-attested'),
    }),
  )
  const index = JSON.parse(await inspectRaw(`${image}:latest`))
  expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json')
  const byDigest = new Map(index.manifests.map((m: { digest: string }) => [m.digest, m]))
  expect(index.manifests).toHaveLength(4)
  for (const pushed of [amd, arm]) {
    expect(byDigest.has(pushed.imageDigest)).toBe(true)
    const attestation = byDigest.get(pushed.attestationDigest) as {
      platform: object
      annotations: Record<string, string>
    }
    expect(attestation.platform).toEqual({ architecture: 'unknown', os: 'unknown' })
    expect(attestation.annotations['vnd.docker.reference.digest']).toBe(pushed.imageDigest)
  }
  expect(merge.outputs.platforms).toBe('linux/amd64,linux/arm64')
  expect((await pullAs(`${image}:latest`, 'linux/arm64')).digest).toBe(arm.imageDigest)
})

test('a merge missing a required platform fails before publishing anything', async () => {
  const reg = await registry()
  const image = `${reg.host}/partial/app`
  const records = await recordsDir('records-partial')
  expectSuccess(
    await runAction(
      {
        mode: 'build',
        images: image,
        platform: 'linux/amd64',
        builder: 'buildah',
        context,
        'digests-path': records,
      },
      storage.env,
    ),
  )
  const merge = await runAction({
    mode: 'merge',
    images: image,
    tags: 'latest',
    platforms: 'linux/amd64,linux/arm64',
    'digests-path': records,
  })
  expect(merge.exitCode).toBe(1)
  expect(merge.log).toContain('missing linux/arm64')
  expect(merge.log).toContain('Nothing was published')
  expect(await tagsOf(reg, 'partial/app')).toEqual([])
})
