/**
 * Settings that come from GitHub: docker/metadata-action's output (the `metadata` input or the variable it
 * exports) and, with neither tags nor metadata, the run's event.
 */
import type { GitHubContext } from '../../src/github/context.js'
import {
  parseSettings,
  type BuildSettings,
  type Environment,
  type MergeSettings,
} from '../../src/settings/settings.js'

const runner = { GITHUB_ACTIONS: 'true', GITHUB_RUN_ID: '900', GITHUB_RUN_ATTEMPT: '1', RUNNER_ARCH: 'X64' }
const tagPush: GitHubContext = {
  eventName: 'push',
  ref: 'refs/tags/v1.4.2',
  sha: '3f9c2e7d1a8b4c6e5f0a9b8c7d6e5f4a3b2c1d0e',
  repositoryUrl: 'https://github.com/acme/app',
  defaultBranch: 'main',
  commitTime: '2024-05-14T14:02:11Z',
}

function parse(inputs: Record<string, string>, environment: Partial<Environment> = {}) {
  return parseSettings(name => inputs[name] ?? '', { env: runner, machine: 'x86_64', ...environment })
}

function merge(inputs: Record<string, string>, environment: Partial<Environment> = {}): MergeSettings {
  return parse({ mode: 'merge', images: 'ghcr.io/acme/app', ...inputs }, environment) as MergeSettings
}

const metadata = (value: object) => JSON.stringify(value)

describe('tags', () => {
  test("metadata-action's references become bare tags for every image", () => {
    const s = merge({
      images: 'ghcr.io/acme/app\ndocker.io/acme/app',
      metadata: metadata({
        tags: ['ghcr.io/acme/app:1.4', 'ghcr.io/acme/app:latest', 'acme/app:1.4', 'acme/app:latest'],
      }),
    })
    expect(s.tags).toEqual(['1.4', 'latest'])
    expect(s.notices).toContain("Tags: 1.4, latest (from Input 'metadata')")
  })

  test('bare tags, as metadata-action writes them without images', () => {
    expect(merge({ metadata: metadata({ tags: ['1.4', 'latest'] }) }).tags).toEqual(['1.4', 'latest'])
  })

  test("the 'tags' input wins over metadata and the event", () => {
    const s = merge(
      { tags: 'edge', metadata: metadata({ tags: ['ghcr.io/acme/app:1.4'] }) },
      { github: tagPush },
    )
    expect(s.tags).toEqual(['edge'])
  })

  test('DOCKER_METADATA_OUTPUT_JSON, which metadata-action exports to later steps, when the input is empty', () => {
    const env = { ...runner, DOCKER_METADATA_OUTPUT_JSON: metadata({ tags: ['ghcr.io/acme/app:2.0'] }) }
    expect(merge({}, { env, github: tagPush }).tags).toEqual(['2.0'])
    expect(merge({ metadata: metadata({ tags: ['ghcr.io/acme/app:3.0'] }) }, { env }).tags).toEqual(['3.0'])
  })

  test('derived from the event on GitHub when there are neither tags nor metadata', () => {
    const s = merge({}, { github: tagPush })
    expect(s.tags).toEqual(['1.4.2', '1.4', '1', 'latest'])
    expect(s.notices).toContain('Tags: 1.4.2, 1.4, 1, latest (from the tag v1.4.2)')
  })

  test('outside GitHub the default stays latest', () => {
    expect(merge({ 'digests-path': 'records' }, { env: {} }).tags).toEqual(['latest'])
  })

  test.each<[string, Record<string, string>, Partial<Environment>, RegExp]>([
    [
      'a tag of an image not in images',
      { metadata: metadata({ tags: ['ghcr.io/acme/app:1.4', 'docker.io/acme/app:1.4'] }) },
      {},
      /^Input 'metadata': 'docker.io\/acme\/app:1.4' is a tag of docker.io\/acme\/app, which is not in 'images' \(ghcr.io\/acme\/app\)\. Add it to 'images'/,
    ],
    [
      'a digest reference',
      { metadata: metadata({ tags: [`ghcr.io/acme/app@sha256:${'a'.repeat(64)}`] }) },
      {},
      /^Input 'metadata': 'ghcr.io\/acme\/app@sha256:a+' is not a tagged image reference/,
    ],
    [
      'no tags at all',
      { metadata: metadata({ tags: [] }) },
      {},
      /^Input 'metadata' has no tags: metadata-action's tag rules made none for this event\./,
    ],
    [
      'a broken exported variable, named as such',
      {},
      { env: { ...runner, DOCKER_METADATA_OUTPUT_JSON: '{' } },
      /^DOCKER_METADATA_OUTPUT_JSON \(docker\/metadata-action's output, read since 'metadata' is empty\) is not JSON/,
    ],
    [
      'an event that names nothing to tag',
      {},
      { github: { eventName: 'repository_dispatch', ref: '', sha: '' } },
      /^Input 'tags' is empty and this run names nothing to tag \(event 'repository_dispatch', ref ''\)\. Set 'tags', or pass docker\/metadata-action's output in 'metadata'\.$/,
    ],
  ])('refuses %s', (_, inputs, environment, why) => {
    expect(() => merge(inputs, environment)).toThrow(why)
  })
})

describe('index annotations', () => {
  test('derived from the event, under the annotations input', () => {
    const s = merge(
      {
        annotations:
          'org.opencontainers.image.description=A small service\norg.opencontainers.image.version=v1.4.2',
      },
      { github: tagPush },
    )
    expect(s.annotations).toEqual({
      'org.opencontainers.image.created': '2024-05-14T14:02:11Z',
      'org.opencontainers.image.description': 'A small service',
      'org.opencontainers.image.revision': tagPush.sha,
      'org.opencontainers.image.source': 'https://github.com/acme/app',
      'org.opencontainers.image.version': 'v1.4.2',
    })
  })

  test("metadata's index-level ones land on the index, the input wins per key, nothing is derived beside them", () => {
    const s = merge(
      {
        metadata: metadata({
          tags: ['ghcr.io/acme/app:1.4'],
          annotations: [
            'manifest:org.opencontainers.image.description=per image',
            'manifest[linux/arm64]:org.opencontainers.image.title=arm',
            'index:org.opencontainers.image.description=Index text',
            'index:org.opencontainers.image.licenses=MIT',
          ],
        }),
        annotations: 'index:org.opencontainers.image.licenses=Apache-2.0\nmanifest:com.example.note=x',
      },
      { github: tagPush },
    )
    expect(s.annotations).toEqual({
      'org.opencontainers.image.description': 'Index text',
      'org.opencontainers.image.licenses': 'Apache-2.0',
    })
    // Said once, with every key, not dropped silently.
    const notes = s.notices.filter(n => n.startsWith('Not on the index'))
    expect(notes).toEqual([
      'Not on the index: 3 annotation(s) for another level (org.opencontainers.image.description, org.opencontainers.image.title, com.example.note). ' +
        "Manifest-level annotations belong to each platform's image, which the build step makes; the index takes index:key=value " +
        '(with docker/metadata-action, set DOCKER_METADATA_ANNOTATIONS_LEVELS=manifest,index).',
    ])
  })

  test('a bare key=value is for the index, as with imagetools create', () => {
    expect(merge({ metadata: metadata({ tags: ['1.4'], annotations: ['a.b=c'] }) }).annotations).toEqual({
      'a.b': 'c',
    })
  })

  test('a malformed annotation names where it came from', () => {
    expect(() => merge({ metadata: metadata({ tags: ['1.4'], annotations: ['index:novalue'] }) })).toThrow(
      "Input 'metadata': 'novalue' is not key=value.",
    )
  })
})

describe('build labels', () => {
  const build = (inputs: Record<string, string>, environment: Partial<Environment> = {}) =>
    parse({ mode: 'build', images: 'ghcr.io/acme/app', ...inputs }, environment) as BuildSettings

  test("metadata-action's labels, with the labels input over them per key", () => {
    const s = build({
      metadata: metadata({
        labels: { 'org.opencontainers.image.version': '1.4.2', 'org.opencontainers.image.title': 'app' },
        annotations: ['manifest:org.opencontainers.image.title=app'],
      }),
      labels: 'org.opencontainers.image.title=App\ncom.example.team=edge',
    })
    expect(s.labels).toEqual([
      'org.opencontainers.image.version=1.4.2',
      'org.opencontainers.image.title=App',
      'com.example.team=edge',
    ])
    expect(s.notices).toEqual([
      "The 1 annotation(s) in Input 'metadata' are not set on the linux/amd64 image: the build step sets labels only. " +
        'Index-level ones (index:key=value) go on the index in the merge step.',
    ])
  })

  test('the labels input alone is as before', () => {
    expect(build({ labels: 'a=1' }).labels).toEqual(['a=1'])
    expect(() => build({ labels: 'nolabel' })).toThrow("Input 'labels': 'nolabel' is not KEY=VALUE.")
  })
})
