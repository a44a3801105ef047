/**
 * buildx through the bundled action on a real dockerd: what GitHub-hosted runners have before anyone runs
 * docker/setup-buildx-action. The default `docker` driver cannot push by digest, so the step pushes a
 * temporary tag, says so, and still hands the digest to the merge.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { expectSuccess, runAction } from '../harness/action.js'
import { type RunningDockerd, startDockerd } from '../harness/dockerd.js'
import { inspectRaw, pullAs, sha256Digest, writeSampleContext } from '../harness/images.js'
import { removeTree, tempDir } from '../harness/processes.js'
import { type RunningRegistry, startRegistry } from '../harness/registry.js'

let dockerd: RunningDockerd | undefined
let registry: RunningRegistry
let work: string

beforeAll(async () => {
  ;[dockerd, registry, work] = await Promise.all([startDockerd(), startRegistry(), tempDir('nma-buildx-')])
}, 60000)

afterAll(async () => {
  await Promise.all([dockerd?.stop(), registry?.stop()])
  await removeTree(work)
})

test('buildx (docker driver) builds, the merge publishes, and per-arch tags are pushed on request', async () => {
  if (!dockerd) throw new Error('dockerd could not start on this machine; see the harness log above')
  const context = join(work, 'context')
  await writeSampleContext(context, { platforms: ['linux/amd64', 'linux/arm64'] })
  const records = join(work, 'records')
  await mkdir(records)
  const image = `${registry.host}/buildx/app`
  const digests: Record<string, string> = {}
  for (const platform of ['linux/amd64', 'linux/arm64']) {
    const build = expectSuccess(
      await runAction(
        {
          mode: 'build',
          images: image,
          platform,
          builder: 'buildx',
          context,
          'digests-path': records,
          'arch-tags': '1.4',
        },
        dockerd.env,
      ),
    )
    expect(build.log).toContain('docker/setup-buildx-action')
    expect(build.log).toMatch(/native-multiarch-tmp-local-\d+-linux-(amd64|arm64)/)
    digests[platform] = build.outputs.digest!
    const arch = platform.split('/')[1]
    // The per-arch tag holds exactly the bytes the build pushed.
    expect(sha256Digest(await inspectRaw(`${image}:1.4-${arch}`))).toBe(build.outputs.digest)
  }
  const merge = expectSuccess(
    await runAction({
      mode: 'merge',
      images: image,
      tags: '1.4',
      platforms: 'linux/amd64,linux/arm64',
      'digests-path': records,
    }),
  )
  // buildx with the docker driver pushes Docker schema 2 manifests: an unannotated index of them is a Docker list.
  expect(JSON.parse(await inspectRaw(`${image}:1.4`)).mediaType).toBe(
    'application/vnd.docker.distribution.manifest.list.v2+json',
  )
  expect(sha256Digest(await inspectRaw(`${image}:1.4`))).toBe(merge.outputs.digest)
  for (const platform of ['linux/amd64', 'linux/arm64']) {
    const pulled = await pullAs(`${image}:1.4`, platform)
    expect(pulled.digest).toBe(digests[platform])
    expect(pulled.platformFile.split('\n')[0]).toBe(platform)
  }
})
