import { type Descriptor } from '../../src/core/descriptor.js'
import { sha256Digest } from '../../src/core/digest.js'
import { makeRecord } from '../../src/core/record.js'
import { parseRepository, type Repository } from '../../src/core/reference.js'
import { runMerge } from '../../src/merge/merge-step.js'
import { type BuildSettings, type MergeSettings, parseSettings } from '../../src/settings/settings.js'
import { runBuild } from '../../src/builders/build-step.js'
import { fakeBuilder } from '../fakes/builder.js'
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
const Run = { id: '7', attempt: 1, job: 'build' }

function mergeSettings(inputs: Record<string, string> = {}): MergeSettings {
  const all: Record<string, string> = {
    mode: 'merge',
    images: 'ghcr.io/acme/app',
    'digests-path': '/records',
    ...inputs,
  }
  const env = { GITHUB_RUN_ID: '7', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'merge' }
  return parseSettings(name => all[name] ?? '', { env, machine: 'x86_64' }) as MergeSettings
}

function buildSettings(): BuildSettings {
  const all: Record<string, string> = { mode: 'build', images: 'ghcr.io/acme/app', platform: 'linux/arm64' }
  const env = { GITHUB_RUN_ID: '7', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'build' }
  return parseSettings(name => all[name] ?? '', { env, machine: 'aarch64' }) as BuildSettings
}

/** A merge's world: a registry holding what the build steps pushed to ghcr.io/acme/app, and their records. */
function world(platforms: string[], { recorded = platforms } = {}) {
  const journal: Journal = []
  const registry = fakeRegistry(journal)
  const transport = memoryTransport(journal)
  const log = recordingLog()
  const images = platforms.map(platform => imageContent(platform))
  for (const image of images) registry.store(Ghcr, image)
  const put = images
    .filter(image => recorded.includes(`${image.platform.os}/${image.platform.architecture}`))
    .map(image => transport.put(record(image, [Ghcr, Hub])))
  journal.length = 0
  return {
    journal,
    registry,
    transport,
    log,
    images,
    ready: Promise.all(put).then(() => (journal.length = 0)),
  }
}

function record(image: ImageContent, images: Repository[]) {
  const descriptor: Descriptor = { ...image.descriptor, platform: image.platform }
  return makeRecord({
    images,
    platform: image.platform,
    pushed: image.descriptor,
    manifests: [descriptor],
    run: Run,
    builder: 'buildah',
  })
}

test('every manifest is PUT by digest, in every image, before the first tag; the hand-off is cleaned up last', async () => {
  const { journal, registry, transport, log, images, ready } = world(['linux/amd64', 'linux/arm64'])
  await ready
  const settings = mergeSettings({ images: 'ghcr.io/acme/app,docker.io/acme/app', tags: 'latest,1.0' })

  const result = await runMerge(settings, { registry, transport, logger: log.logger, group: log.group })

  const index = result.index
  expect(result.digest).toBe(sha256Digest(index.bytes))
  const written = writes(journal).map(e => `${e.op} ${e.target}`)
  const firstTag = written.findIndex(w => /^PUT \S+:(latest|1\.0)$/.test(w))
  expect(written.slice(firstTag)).toEqual([
    'PUT ghcr.io/acme/app:latest',
    'PUT ghcr.io/acme/app:1.0',
    'PUT docker.io/acme/app:latest',
    'PUT docker.io/acme/app:1.0',
  ])
  // Before the tags: both images copied into docker.io (blobs first), and the index by digest in both.
  const beforeTags = written.slice(0, firstTag)
  expect(beforeTags.filter(w => w.startsWith('PUT blob docker.io/acme/app@'))).toHaveLength(4)
  expect(beforeTags).toEqual(
    expect.arrayContaining(images.map(image => `PUT docker.io/acme/app@${image.descriptor.digest}`)),
  )
  expect(beforeTags.slice(-2).sort()).toEqual([
    `PUT docker.io/acme/app@${result.digest}`,
    `PUT ghcr.io/acme/app@${result.digest}`,
  ])
  expect(beforeTags).toHaveLength(4 + 2 + 2)
  expect(journal.at(-1)).toEqual({ op: 'cleanup', target: '' })
  expect(transport.cleanups).toBe(1)
  expect(registry.manifestAt(Hub, '1.0')?.bytes).toEqual(index.bytes)
  expect(result.refs).toEqual([
    'ghcr.io/acme/app:latest',
    'ghcr.io/acme/app:1.0',
    'docker.io/acme/app:latest',
    'docker.io/acme/app:1.0',
  ])

  const copied = log.lines.filter(line => line.startsWith('info: Copied'))
  expect(copied.sort()).toEqual(
    images
      .map(
        i =>
          `info: Copied ${i.descriptor.digest} from ghcr.io/acme/app to docker.io/acme/app: 2 blobs uploaded, 0 mounted, 0 already there`,
      )
      .sort(),
  )
  expect(log.lines.filter(line => !copied.includes(line))).toEqual([
    'group: Collect platform images',
    `info: linux/amd64: ${images[0]!.descriptor.digest} (memory #1)`,
    `info: linux/arm64: ${images[1]!.descriptor.digest} (memory #2)`,
    'group: Publish the index',
    ...result.refs.map(ref => `info: Tagged ${ref}`),
  ])
})

test('nothing to merge says where records were looked for, and writes nothing', async () => {
  const { journal, registry, transport, log } = world([], {})
  await expect(
    runMerge(mergeSettings(), { registry, transport, logger: log.logger, group: log.group }),
  ).rejects.toThrow(
    "Nothing to merge: no digest record for ghcr.io/acme/app was found in '/records' (input 'digests-path'), and input 'digests' is empty.",
  )
  expect(writes(journal)).toEqual([])
  expect(transport.cleanups).toBe(0)
  expect(log.lines).toEqual(['group: Collect platform images'])
})

test('a platform missing from the records publishes nothing and keeps the records', async () => {
  const { journal, registry, transport, log, ready } = world(['linux/amd64', 'linux/arm64'], {
    recorded: ['linux/amd64'],
  })
  await ready
  const settings = mergeSettings({ platforms: 'linux/amd64,linux/arm64', tags: 'latest' })
  await expect(
    runMerge(settings, { registry, transport, logger: log.logger, group: log.group }),
  ).rejects.toThrow(
    "Input 'platforms' requires linux/amd64, linux/arm64; found linux/amd64: missing linux/arm64. Nothing was published.",
  )
  expect(writes(journal)).toEqual([])
  expect(transport.cleanups).toBe(0)
  expect(registry.manifestAt(Ghcr, 'latest')).toBeUndefined()
})

test('a record whose image is not in the registry stops the merge before any PUT', async () => {
  const { journal, registry, transport, log, ready } = world(['linux/amd64'])
  await ready
  const lost = imageContent('linux/arm64')
  await transport.put(record(lost, [Ghcr]))
  journal.length = 0
  await expect(
    runMerge(mergeSettings(), { registry, transport, logger: log.logger, group: log.group }),
  ).rejects.toThrow(`ghcr.io/acme/app@${lost.descriptor.digest} (from memory #2) was not found.`)
  expect(writes(journal)).toEqual([])
  expect(transport.cleanups).toBe(0)
})

test('a tag the registry refuses: the error names the tags that moved, and the records stay for a re-run', async () => {
  const { journal, registry, transport, log, ready } = world(['linux/amd64'])
  await ready
  registry.failWhen = ({ op, target }) =>
    op === 'PUT' && target === 'ghcr.io/acme/app:1.0' ? new Error('connection reset') : undefined
  const run = runMerge(mergeSettings({ tags: 'latest,1.0' }), {
    registry,
    transport,
    logger: log.logger,
    group: log.group,
  })
  await expect(run).rejects.toThrow(
    /^connection reset\nTags moved to sha256:[0-9a-f]{64}: ghcr\.io\/acme\/app:latest\. Not moved: ghcr\.io\/acme\/app:1\.0\. Re-run the merge/,
  )
  expect(
    writes(journal)
      .map(e => `${e.op} ${e.target}`)
      .slice(-2),
  ).toEqual(['PUT ghcr.io/acme/app:latest', 'PUT ghcr.io/acme/app:1.0'])
  expect(transport.cleanups).toBe(0)
})

test('one target: the first tag stores the index, alone and first; no PUT by digest', async () => {
  const { journal, registry, transport, log, ready } = world(['linux/amd64', 'linux/arm64'])
  await ready
  const result = await runMerge(mergeSettings({ tags: 'latest,1.0,1' }), {
    registry,
    transport,
    logger: log.logger,
    group: log.group,
  })
  const manifestPuts = writes(journal)
    .filter(e => e.op === 'PUT' && !e.target.startsWith('blob '))
    .map(e => e.target)
  expect(manifestPuts).toEqual(['ghcr.io/acme/app:latest', 'ghcr.io/acme/app:1.0', 'ghcr.io/acme/app:1'])
  expect(registry.manifestAt(Ghcr, result.digest)).toBeDefined()
})

test('one target: when the first tag is refused, no other tag is tried and none moved', async () => {
  const { journal, registry, transport, log, ready } = world(['linux/amd64'])
  await ready
  registry.failWhen = ({ op, target }) =>
    op === 'PUT' && target === 'ghcr.io/acme/app:latest' ? new Error('connection reset') : undefined
  const run = runMerge(mergeSettings({ tags: 'latest,1.0' }), {
    registry,
    transport,
    logger: log.logger,
    group: log.group,
  })
  await expect(run).rejects.toThrow(
    /^connection reset\nNo tag was moved: every tag still points where it did before this merge\. Re-run/,
  )
  expect(writes(journal).map(e => `${e.op} ${e.target}`)).toEqual(['PUT ghcr.io/acme/app:latest'])
  expect(registry.manifestAt(Ghcr, '1.0')).toBeUndefined()
})

test('an image named by a record and by digest in `digests` is read once, checked once and published once', async () => {
  const { journal, registry, transport, log, images, ready } = world(['linux/amd64', 'linux/arm64'])
  await ready
  const amd64 = images[0]!.descriptor.digest
  const result = await runMerge(
    mergeSettings({ images: 'ghcr.io/acme/app,docker.io/acme/app', digests: `ghcr.io/acme/app@${amd64}` }),
    { registry, transport, logger: log.logger, group: log.group },
  )
  // The entry is checked as its record (one GET of the manifest, one of the config), and what was read serves
  // the existence check in ghcr.io and the copy into docker.io: nothing is read twice.
  const count = (op: string, target: string) => journal.filter(e => e.op === op && e.target === target).length
  const config = images[0]!.blobs[0]!.descriptor.digest
  expect(count('GET', `ghcr.io/acme/app@${amd64}`)).toBe(1)
  expect(count('GET blob', `ghcr.io/acme/app@${config}`)).toBe(1)
  expect(count('HEAD', `ghcr.io/acme/app@${amd64}`)).toBe(0)
  expect(count('HEAD', `docker.io/acme/app@${amd64}`)).toBe(1)
  expect(writes(journal).filter(e => e.target === `docker.io/acme/app@${amd64}`)).toHaveLength(1)
  expect(result.index.manifests.map(m => m.digest)).toEqual(images.map(i => i.descriptor.digest))
  expect(log.lines).toContain(
    `info: Input 'digests' entry 'ghcr.io/acme/app@${amd64}' is the image of memory #1: used once.`,
  )
})

test('a `digests` entry is read once: its manifest and config serve the check, the platform and the copy', async () => {
  const { journal, registry, transport, log, images, ready } = world(['linux/amd64', 'linux/arm64'], {
    recorded: [],
  })
  await ready
  const digests = images.map(image => `ghcr.io/acme/app@${image.descriptor.digest}`).join(',')
  await runMerge(
    mergeSettings({ images: 'ghcr.io/acme/app,docker.io/acme/app', 'digests-path': '', digests }),
    { registry, transport, logger: log.logger, group: log.group },
  )
  for (const image of images) {
    const at = `ghcr.io/acme/app@${image.descriptor.digest}`
    const count = (op: string, target: string) =>
      journal.filter(e => e.op === op && e.target === target).length
    // One GET resolves the entry; no HEAD in ghcr.io (the GET said it is there), none again for the copy.
    expect([count('HEAD', at), count('GET', at)]).toEqual([0, 1])
    for (const blob of image.blobs) {
      const reads = count('GET blob', `ghcr.io/acme/app@${blob.descriptor.digest}`)
      // The config is read once, for its platform, and uploaded from there; a layer is streamed once.
      expect(reads).toBe(1)
    }
    expect(count('HEAD', `docker.io/acme/app@${image.descriptor.digest}`)).toBe(1)
  }
})

test('a digest named twice with different sizes publishes nothing, naming both', async () => {
  const { journal, registry, transport, log, images, ready } = world(['linux/amd64'], { recorded: [] })
  await ready
  const image = images[0]!
  registry.store(Ghcr, image, 'amd64')
  // The record was edited after the build step wrote it; a `digests` tag resolves to the same image.
  await transport.put(
    record({ ...image, descriptor: { ...image.descriptor, size: image.descriptor.size + 1 } }, [Ghcr]),
  )
  journal.length = 0
  await expect(
    runMerge(mergeSettings({ digests: 'ghcr.io/acme/app:amd64' }), {
      registry,
      transport,
      logger: log.logger,
      group: log.group,
    }),
  ).rejects.toThrow(
    new RegExp(
      `${image.descriptor.digest} is named twice with different descriptors: .*memory #1.*Input 'digests' entry 'ghcr.io/acme/app:amd64'.*nothing was published`,
    ),
  )
  expect(writes(journal)).toEqual([])
})

test('one attestation gives one index and one digest, whether its sources came by record or by digests', async () => {
  const pushed = attestedContent('linux/arm64')
  const byRecord = world([])
  byRecord.registry.store(Ghcr, pushed)
  // The build step's own record of what buildx pushed: the path records take.
  const build = await runBuild(buildSettings(), {
    registry: byRecord.registry,
    transport: byRecord.transport,
    logger: byRecord.log.logger,
    group: byRecord.log.group,
    selectBuilder: async () =>
      fakeBuilder(async () => ({ kind: 'pushed', repository: Ghcr, manifest: pushed.descriptor })),
  })
  const context = (w: ReturnType<typeof world>) => ({
    registry: w.registry,
    transport: w.transport,
    logger: w.log.logger,
    group: w.log.group,
  })
  const fromRecord = await runMerge(mergeSettings(), context(byRecord))

  const byDigests = world([])
  byDigests.registry.store(Ghcr, pushed)
  const fromDigests = await runMerge(
    mergeSettings({ 'digests-path': '', digests: build.image! }),
    context(byDigests),
  )

  expect(fromRecord.sources[0]!.origin).toBe('memory #1')
  expect(fromDigests.sources[0]!.origin).toBe(`Input 'digests' entry '${build.image}'`)
  expect(fromRecord.index.bytes.toString()).toBe(fromDigests.index.bytes.toString())
  expect(fromRecord.digest).toBe(fromDigests.digest)
  expect(fromRecord.index.manifests[1]).toMatchObject({ artifactType: AttestationArtifactType })
})
