/**
 * The bundled action on GitHub, end to end against the real registry: tags and index annotations derived from
 * a real tag-push payload, or taken from docker/metadata-action's exported output, with the job summary tables.
 */
import { join } from 'node:path'
import { expectSuccess, runAction } from '../harness/action.js'
import { buildahEnv, inspectRaw, writeSampleContext } from '../harness/images.js'
import { removeTree, tempDir } from '../harness/processes.js'
import { type RunningRegistry, startRegistry } from '../harness/registry.js'
import { Events, MainSha, runnerEnv } from './events.js'

const Platforms = ['linux/amd64', 'linux/arm64']

let registry: RunningRegistry
let storage: Awaited<ReturnType<typeof buildahEnv>>
let work: string
let records: string

beforeAll(async () => {
  ;[registry, storage, work] = await Promise.all([startRegistry(), buildahEnv(), tempDir('nma-github-')])
  const context = join(work, 'context')
  records = join(work, 'records')
  await writeSampleContext(context, { platforms: Platforms })
  for (const [i, platform] of Platforms.entries()) {
    const build = expectSuccess(
      await runAction(
        {
          mode: 'build',
          // Every image the merges below publish to, so the records name them all.
          images: ['event', 'metadata', 'stray'].map(name => `${registry.host}/acme/${name}`).join('\n'),
          platform,
          builder: 'buildah',
          context,
          'digests-path': records,
        },
        {
          ...storage.env,
          ...runnerEnv(Events.pushTag),
          RUNNER_ARCH: 'X64',
          RUNNER_NAME: `GitHub Actions ${i + 1}`,
          ImageOS: 'ubuntu24',
        },
      ),
    )
    // The build summary: platform, runner, digest, size and time.
    expect(build.summary).toContain('<th>Runner</th>')
    expect(build.summary).toContain('<th>Time</th>')
    expect(build.summary).toContain(`<td>GitHub Actions ${i + 1} (ubuntu24)</td>`)
    expect(build.summary).toContain(build.outputs.digest)
  }
})

afterAll(async () => {
  await Promise.all([registry?.stop(), storage?.cleanup()])
  await removeTree(work)
})

test('a tag push: tags and annotations from the event; the same commit always gives the same index', async () => {
  const image = `${registry.host}/acme/event`
  const merge = () =>
    runAction(
      {
        mode: 'merge',
        images: image,
        platforms: Platforms.join(','),
        'digests-path': records,
        annotations: 'org.opencontainers.image.description=A small service',
      },
      runnerEnv(Events.pushTag),
    )
  const first = expectSuccess(await merge())
  expect(first.outputs.refs!.split('\n')).toEqual(
    ['1.4.2', '1.4', '1', 'latest'].map(tag => `${image}:${tag}`),
  )
  expect(first.log).toContain('Tags: 1.4.2, 1.4, 1, latest (from the tag v1.4.2)')
  const index = JSON.parse(await inspectRaw(`${image}:1.4.2`))
  expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json')
  expect(index.annotations).toEqual({
    'org.opencontainers.image.created': '2024-05-14T14:02:11Z',
    'org.opencontainers.image.description': 'A small service',
    'org.opencontainers.image.revision': MainSha,
    'org.opencontainers.image.source': 'https://github.com/acme/app',
    'org.opencontainers.image.version': '1.4.2',
  })
  // The merge summary: the index, then each platform.
  expect(first.summary).toContain('<td>index</td>')
  expect(first.summary).toContain('OCI image index')
  for (const platform of Platforms) expect(first.summary).toContain(`<td>${platform}</td>`)

  // A re-run later in time publishes the very same bytes: `created` is the commit's, not the clock's.
  const again = expectSuccess(await merge())
  expect(again.outputs.digest).toBe(first.outputs.digest)
})

test('DOCKER_METADATA_OUTPUT_JSON, as metadata-action exports it: its tags, its index-level annotations', async () => {
  const image = `${registry.host}/acme/metadata`
  const exported = {
    tags: [`${image}:2.0`, `${image}:stable`],
    labels: { 'org.opencontainers.image.version': '2.0' },
    annotations: [
      'manifest:org.opencontainers.image.version=2.0',
      'index:org.opencontainers.image.version=2.0',
      'index:org.opencontainers.image.description=From metadata-action',
    ],
  }
  const merge = expectSuccess(
    await runAction(
      { mode: 'merge', images: image, 'digests-path': records },
      { ...runnerEnv(Events.pushMain), DOCKER_METADATA_OUTPUT_JSON: JSON.stringify(exported) },
    ),
  )
  expect(merge.outputs.refs!.split('\n')).toEqual([`${image}:2.0`, `${image}:stable`])
  expect(JSON.parse(await inspectRaw(`${image}:stable`)).annotations).toEqual({
    'org.opencontainers.image.description': 'From metadata-action',
    'org.opencontainers.image.version': '2.0',
  })
  // The manifest-level one is reported once, not dropped silently.
  expect(
    merge.log.match(
      /Not on the index: 1 annotation\(s\) for another level \(org\.opencontainers\.image\.version\)/g,
    ),
  ).toHaveLength(1)
})

test('a metadata tag for an image outside images fails before anything is published', async () => {
  const image = `${registry.host}/acme/stray`
  const run = await runAction(
    {
      mode: 'merge',
      images: image,
      'digests-path': records,
      metadata: JSON.stringify({ tags: [`${image}:1.0`, `docker.io/acme/stray:1.0`] }),
    },
    runnerEnv(Events.pushMain),
  )
  expect(run.exitCode).toBe(1)
  expect(run.log).toContain(
    `::error::Input 'metadata': 'docker.io/acme/stray:1.0' is a tag of docker.io/acme/stray, which is not in 'images' (${image}).`,
  )
  const tags = await fetch(`${registry.url}/v2/acme/stray/tags/list`).then(
    r => r.json() as Promise<{ tags?: string[] | null }>,
  )
  expect(tags.tags ?? []).toEqual([])
})
