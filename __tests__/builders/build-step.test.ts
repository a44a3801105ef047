import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runBuild } from '../../src/builders/build-step.js'
import type { BuildOutput } from '../../src/builders/types.js'
import { MediaType } from '../../src/core/media-types.js'
import { parseRecord } from '../../src/core/record.js'
import { parseRepository } from '../../src/core/reference.js'
import { type BuildSettings, parseSettings } from '../../src/settings/settings.js'
import { fakeBuilder, type FakeBuilder } from '../fakes/builder.js'
import {
  AttestationArtifactType,
  attestedContent,
  type ImageContent,
  imageContent,
} from '../fakes/content.js'
import { recordingLog } from '../fakes/log.js'
import { fakeRegistry, type Journal, writes } from '../fakes/registry.js'
import { memoryTransport } from '../fakes/transport.js'

const Ghcr = parseRepository('ghcr.io/acme/app', 'test')
const Hub = parseRepository('docker.io/acme/app', 'test')

let temp: string
beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'build-step-test-'))
})
afterEach(() => rm(temp, { recursive: true, force: true }))

/** Build settings on an arm64 runner of run 7, attempt 1. */
function buildSettings(inputs: Record<string, string> = {}): BuildSettings {
  const all: Record<string, string> = {
    mode: 'build',
    images: 'ghcr.io/acme/app,docker.io/acme/app',
    ...inputs,
  }
  const env = { GITHUB_RUN_ID: '7', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'build', RUNNER_ARCH: 'ARM64' }
  return parseSettings(name => all[name] ?? '', { env, machine: 'aarch64' }) as BuildSettings
}

/** Writes `image` as the OCI layout buildah and podman export, and returns the build output naming it. */
async function layoutOf(image: ImageContent): Promise<BuildOutput> {
  const dir = join(temp, 'layout')
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true })
  for (const item of [image, ...image.blobs]) {
    await writeFile(join(dir, 'blobs', 'sha256', item.descriptor.digest.slice('sha256:'.length)), item.bytes)
  }
  await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}')
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify({ schemaVersion: 2, manifests: [image.descriptor] }),
  )
  return { kind: 'layout', dir, manifest: image.descriptor }
}

function world({ nowhere = false } = {}) {
  const journal: Journal = []
  const log = recordingLog()
  const registry = fakeRegistry(journal)
  const transport = memoryTransport(journal, { nowhere })
  const context = (builder: FakeBuilder) => ({
    registry,
    transport,
    logger: log.logger,
    group: log.group,
    selectBuilder: async () => builder,
  })
  return { journal, log, registry, transport, context }
}

test('a layout is uploaded by digest to every image, then the arch tags, then the record; the layout is deleted', async () => {
  const { journal, log, transport, context } = world()
  const image = imageContent('linux/arm64')
  const output = await layoutOf(image)
  const builder = fakeBuilder(async () => output, 'buildah')

  const result = await runBuild(buildSettings({ 'arch-tags': '1.0' }), context(builder))

  const digest = image.descriptor.digest
  const written = writes(journal).map(e => `${e.op} ${e.target}`)
  const tagsFrom = written.indexOf('PUT ghcr.io/acme/app:1.0-arm64')
  expect(written.slice(tagsFrom)).toEqual([
    'PUT ghcr.io/acme/app:1.0-arm64',
    'PUT docker.io/acme/app:1.0-arm64',
    'record linux/arm64',
  ])
  expect(written.slice(0, tagsFrom).sort()).toEqual(
    [Ghcr, Hub]
      .flatMap(repo => [
        `PUT ${repo.registry}/acme/app@${digest}`,
        ...image.blobs.map(b => `PUT blob ${repo.registry}/acme/app@${b.descriptor.digest}`),
      ])
      .sort(),
  )
  for (const repo of ['ghcr.io', 'docker.io']) {
    // Blobs before the manifest that references them.
    const put = written.indexOf(`PUT ${repo}/acme/app@${digest}`)
    expect(written.slice(0, put).filter(w => w.startsWith(`PUT blob ${repo}/`))).toHaveLength(2)
  }
  expect(existsSync(output.kind === 'layout' ? output.dir : '')).toBe(false)
  expect(builder.requests).toEqual([expect.objectContaining({ push: true, images: [Ghcr, Hub] })])
  expect(builder.requests[0]!.fallbackTag).toBe('native-multiarch-tmp-7-1-linux-arm64')

  const record = parseRecord(transport.stored[0]!, 'record')
  expect(record).toMatchObject({
    images: ['ghcr.io/acme/app', 'docker.io/acme/app'],
    platform: 'linux/arm64',
    digest,
  })
  expect(record.manifests).toEqual([
    { ...image.descriptor, platform: { os: 'linux', architecture: 'arm64' } },
  ])
  expect(result).toEqual({
    platform: { os: 'linux', architecture: 'arm64' },
    pushed: image.descriptor,
    image: `ghcr.io/acme/app@${digest}`,
    archRefs: ['ghcr.io/acme/app:1.0-arm64', 'docker.io/acme/app:1.0-arm64'],
  })
  const copied = log.lines.filter(line => line.startsWith('info: Copied'))
  expect(copied.sort()).toEqual(
    ['docker.io/acme/app', 'ghcr.io/acme/app'].map(
      to =>
        `info: Copied ${digest} from oci-layout:${output.kind === 'layout' ? output.dir : ''} to ${to}: 2 blobs uploaded, 0 mounted, 0 already there`,
    ),
  )
  expect(log.lines.filter(line => !copied.includes(line))).toEqual([
    'group: Build linux/arm64 with buildah',
    'group: Push linux/arm64 by digest',
    `info: Pushed linux/arm64 as ${digest} to ghcr.io/acme/app, docker.io/acme/app`,
    'info: Digest record: memory #1',
  ])
})

test('two repositories of one registry: the layout is uploaded to the first, and its blobs mounted into the second', async () => {
  const { journal, context } = world()
  const image = imageContent('linux/arm64')
  const output = await layoutOf(image)
  const settings = buildSettings({ images: 'ghcr.io/acme/app,ghcr.io/acme/mirror,docker.io/acme/app' })

  await runBuild(settings, context(fakeBuilder(async () => output, 'buildah')))

  const digest = image.descriptor.digest
  const written = writes(journal).map(e => `${e.op} ${e.target}`)
  const blobs = image.blobs.map(b => b.descriptor.digest)
  expect(written.filter(w => w.includes('blob')).sort()).toEqual(
    [
      ...blobs.map(b => `PUT blob ghcr.io/acme/app@${b}`),
      ...blobs.map(b => `MOUNT blob ghcr.io/acme/mirror@${b}`),
      ...blobs.map(b => `PUT blob docker.io/acme/app@${b}`),
    ].sort(),
  )
  // The mirror's manifest goes in once its blobs are mounted, and they only once the first has them all.
  const first = written.indexOf(`PUT ghcr.io/acme/app@${digest}`)
  const mounts = written.flatMap((w, i) => (w.startsWith('MOUNT blob ghcr.io/acme/mirror@') ? [i] : []))
  expect(Math.min(...mounts)).toBeGreaterThan(first)
  expect(written.indexOf(`PUT ghcr.io/acme/mirror@${digest}`)).toBeGreaterThan(Math.max(...mounts))
})

test("the builder's clean-up runs while the layout uploads, and the step ends only after it", async () => {
  const { journal, context } = world()
  const image = imageContent('linux/arm64')
  let finishCleanup!: () => void
  const cleanup = new Promise<void>(resolve => (finishCleanup = resolve))
  const output: BuildOutput = { ...(await layoutOf(image)), cleanup } as BuildOutput
  let ended = false
  const step = runBuild(buildSettings(), context(fakeBuilder(async () => output, 'buildah'))).then(result => {
    ended = true
    return result
  })
  // Uploaded, recorded and the layout deleted, with the clean-up still running: the step has not ended.
  const layoutDir = output.kind === 'layout' ? output.dir : ''
  for (let i = 0; i < 200 && existsSync(layoutDir); i++) await new Promise(resolve => setTimeout(resolve, 5))
  await new Promise(resolve => setTimeout(resolve, 20))
  expect(writes(journal).map(w => w.op)).toContain('record')
  expect(existsSync(layoutDir)).toBe(false)
  expect(ended).toBe(false)
  finishCleanup()
  expect((await step).pushed).toEqual(image.descriptor)
})

test('an image whose config declares another platform writes nothing, and the layout is still deleted', async () => {
  const { journal, transport, context } = world()
  const output = await layoutOf(imageContent('linux/arm64', { configPlatform: 'linux/amd64' }))
  const builder = fakeBuilder(async () => output, 'podman')
  await expect(runBuild(buildSettings({ 'arch-tags': '1.0' }), context(builder))).rejects.toThrow(
    /^The podman build of linux\/arm64 is an image for linux\/amd64, expected linux\/arm64\.$/,
  )
  expect(writes(journal)).toEqual([])
  expect(transport.stored).toEqual([])
  expect(existsSync(join(temp, 'layout'))).toBe(false)
})

test('what buildx pushed is read back, not pushed again; the record keeps the attestation as the index lists it', async () => {
  const { journal, registry, transport, context } = world()
  const pushed = attestedContent('linux/arm64')
  // buildx pushes to every image itself, and its metadata file may lack the media type and size.
  const builder = fakeBuilder(async () => {
    for (const repo of [Ghcr, Hub]) registry.store(repo, pushed)
    return { kind: 'pushed', repository: Ghcr, manifest: { digest: pushed.descriptor.digest } }
  })

  const result = await runBuild(buildSettings(), context(builder))

  expect(writes(journal)).toEqual([{ op: 'record', target: 'linux/arm64' }])
  expect(journal[0]).toEqual({ op: 'HEAD', target: `ghcr.io/acme/app@${pushed.descriptor.digest}` })
  expect(result.pushed).toEqual({ ...pushed.descriptor, mediaType: MediaType.OciIndex })
  const record = parseRecord(transport.stored[0]!, 'record')
  expect(record.manifests).toEqual([
    { ...pushed.image.descriptor, platform: { os: 'linux', architecture: 'arm64' } },
    pushed.attestation.descriptor,
  ])
  expect(record.manifests[1]!.artifactType).toBe(AttestationArtifactType)
})

test('a digest the registry does not have is an error before anything is written', async () => {
  const { journal, transport, context } = world()
  const missing = imageContent('linux/arm64').descriptor.digest
  const builder = fakeBuilder(async () => ({
    kind: 'pushed',
    repository: Ghcr,
    manifest: { digest: missing },
  }))
  await expect(runBuild(buildSettings(), context(builder))).rejects.toThrow(
    `The builder reported ${missing}, but the registry does not have it.`,
  )
  expect(writes(journal)).toEqual([])
  expect(transport.stored).toEqual([])
})

test('while a layout builder builds, each image is prepared for the push; buildx and unpushed builds are not', async () => {
  const image = imageContent('linux/arm64')
  const prepared = async (builderName: 'buildah' | 'buildx', push: string): Promise<string[]> => {
    const { journal, context } = world()
    let seenByBuild: string[] = []
    const builder = fakeBuilder(async () => {
      seenByBuild = journal.filter(e => e.op === 'prepare').map(e => e.target)
      return push === 'false' ? { kind: 'local' } : layoutOf(image)
    }, builderName)
    await runBuild(buildSettings({ push }), context(builder))
    expect(journal.filter(e => e.op === 'prepare').map(e => e.target)).toEqual(seenByBuild)
    return seenByBuild
  }
  expect(await prepared('buildah', 'true')).toEqual(['ghcr.io/acme/app (push)', 'docker.io/acme/app (push)'])
  expect(await prepared('buildah', 'false')).toEqual([])
  // buildx pushes by itself (the output kind here does not matter to what is prepared).
  expect(await prepared('buildx', 'true')).toEqual([])
  expect(await prepared('buildx', 'false')).toEqual([])
})

test('push: false builds only; another platform than the runner warns about emulation first', async () => {
  const { journal, log, context } = world()
  const builder = fakeBuilder(async request => {
    expect(request.push).toBe(false)
    return { kind: 'local' }
  })
  const result = await runBuild(buildSettings({ platform: 'linux/amd64', push: 'false' }), context(builder))
  expect(result).toEqual({ platform: { os: 'linux', architecture: 'amd64' }, archRefs: [] })
  expect(journal).toEqual([])
  expect(log.lines).toEqual([
    'warning: Building linux/amd64 on a linux/arm64 runner means CPU emulation, typically 4-20x slower. Run this leg on a native amd64 runner (e.g. ubuntu-24.04-arm for arm64).',
    'group: Build linux/amd64 with buildx',
    "info: Built linux/amd64; 'push' is false, so nothing was pushed and no record written.",
  ])
  expect(builder.requests).toHaveLength(1)
})

test('with nowhere to put the record, the log names the image to give the merge in digests', async () => {
  const { log, context } = world({ nowhere: true })
  const image = imageContent('linux/arm64')
  const output = await layoutOf(image)
  await runBuild(
    buildSettings({ images: 'ghcr.io/acme/app' }),
    context(fakeBuilder(async () => output, 'buildah')),
  )
  expect(log.lines.at(-1)).toBe(
    `info: No digest record was written: 'digests-path' is not set and this is not a GitHub Actions run. ` +
      `Give the merge this image in 'digests': ghcr.io/acme/app@${image.descriptor.digest}`,
  )
})
