import { formatPlatform } from '../../src/core/platform.js'
import {
  parseSettings,
  withGhaScope,
  type BuildSettings,
  type MergeSettings,
  type PruneSettings,
} from '../../src/settings/settings.js'

const github = {
  GITHUB_ACTIONS: 'true',
  GITHUB_RUN_ID: '900',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_JOB: 'build',
  RUNNER_ARCH: 'ARM64',
}

function parse(inputs: Record<string, string>, env: Record<string, string> = github, machine = 'x86_64') {
  return parseSettings(name => inputs[name] ?? '', { env, machine })
}

describe('mode', () => {
  test.each(['', 'publish', 'BUILD'])('refuses %j, listing the two modes', mode => {
    expect(() => parse({ mode, images: 'ghcr.io/acme/app' })).toThrow(
      `Input 'mode': '${mode}' is not a mode. Expected one of: build, merge, prune.`,
    )
  })
})

describe('build settings', () => {
  test('defaults: runner platform, auto builder, context ., push', () => {
    const s = parse({ mode: 'build', images: 'ghcr.io/acme/app' }) as BuildSettings
    expect(formatPlatform(s.platform)).toBe('linux/arm64')
    expect(s.builder).toBe('auto')
    expect(s.context).toBe('.')
    expect(s.push).toBe(true)
    expect(s.run).toEqual({ id: '900', attempt: 2, job: 'build' })
    expect(s.digestsPath).toBeUndefined()
    expect(s.artifacts).toBe(true)
  })

  test('outside GitHub the platform comes from uname -m; without digests-path no records travel', () => {
    const bare = parse({ mode: 'build', images: 'ghcr.io/acme/app' }, {}, 'aarch64') as BuildSettings
    expect(formatPlatform(bare.platform)).toBe('linux/arm64')
    expect(bare.digestsPath).toBeUndefined()
    expect(bare.artifacts).toBe(false)
    const merge = parse(
      { mode: 'merge', images: 'ghcr.io/acme/app', digests: 'ghcr.io/acme/app:amd64' },
      {},
    ) as MergeSettings
    expect(merge.artifacts).toBe(false)
    const s = parse(
      { mode: 'build', images: 'ghcr.io/acme/app', 'digests-path': 'records' },
      {},
      'armv7l',
    ) as BuildSettings
    expect(formatPlatform(s.platform)).toBe('linux/arm/v7')
    expect(s.run).toEqual({ id: '', attempt: 0, job: '' })
  })

  test('images: comma or newline separated, de-duplicated, normalized', () => {
    const s = parse({
      mode: 'build',
      images: 'ghcr.io/acme/app,\nacme/app\nghcr.io/acme/app',
    }) as BuildSettings
    expect(s.images).toEqual([
      { registry: 'ghcr.io', path: 'acme/app' },
      { registry: 'docker.io', path: 'acme/app' },
    ])
  })

  test('build args keep their commas and semicolons as data', () => {
    const s = parse({
      mode: 'build',
      images: 'ghcr.io/acme/app',
      'build-args': 'A=1,2\nB=$(id); rm -rf /',
    }) as BuildSettings
    expect(s.buildArgs).toEqual(['A=1,2', 'B=$(id); rm -rf /'])
  })

  test('type=gha caches get a per-image, per-platform scope', () => {
    const s = parse({
      mode: 'build',
      images: 'ghcr.io/acme/app',
      platform: 'linux/arm/v7',
      'cache-from': 'type=gha',
      'cache-to': 'type=gha,mode=max',
    }) as BuildSettings
    expect(s.cacheFrom).toEqual(['type=gha,scope=acme-app-linux-arm-v7'])
    expect(s.cacheTo).toEqual(['type=gha,mode=max,scope=acme-app-linux-arm-v7'])
    expect(withGhaScope('type=gha,scope=mine', 'x')).toBe('type=gha,scope=mine')
    expect(withGhaScope('type=registry,ref=r', 'x')).toBe('type=registry,ref=r')
  })

  test.each<[Record<string, string>, RegExp]>([
    [{ images: '' }, /^Input 'images' is required/],
    [{ images: 'ghcr.io/acme/app:1.4' }, /^Input 'images': 'ghcr.io\/acme\/app:1.4' has a tag or digest/],
    [{ images: 'ghcr.io/Acme/App' }, /^Input 'images': .*path component 'Acme'/],
    [{ platform: 'linux/sparc' }, /^Input 'platform': unknown architecture 'sparc'/],
    [
      { platform: 'linux/amd64,linux/arm64' },
      /^Input 'platform': .* names several platforms; .*Use a matrix/,
    ],
    [
      { builder: 'kaniko' },
      /^Input 'builder': 'kaniko' is not a builder. Expected one of: auto, buildx, podman, buildah./,
    ],
    [{ push: 'yes' }, /^Input 'push': 'yes' is not a boolean/],
    [{ 'build-args': 'NOVALUE' }, /^Input 'build-args': 'NOVALUE' is not KEY=VALUE/],
    [{ 'arch-tags': 'bad tag' }, /^Input 'arch-tags': 'bad tag' is not a valid tag/],
    [{ 'handoff-key': 'a/b' }, /^Input 'handoff-key': 'a\/b' must be/],
  ])('refuses %j', (inputs, why) => {
    expect(() => parse({ mode: 'build', images: 'ghcr.io/acme/app', ...inputs })).toThrow(why)
  })
})

describe('merge settings', () => {
  const base = { mode: 'merge', images: 'ghcr.io/acme/app' }

  test('defaults: latest, no platform requirement, no annotations', () => {
    const s = parse(base) as MergeSettings
    expect(s.tags).toEqual(['latest'])
    expect(s.platforms).toBeUndefined()
    expect(s.annotations).toEqual({})
    expect(s.keepArtifacts).toBe(false)
    expect(s.githubToken).toBe('')
    expect(s.optionalPlatforms).toEqual([])
    expect(s.tagPolicy).toBe('forward')
  })

  test('optional platforms and the tag policy', () => {
    const s = parse({
      ...base,
      platforms: 'linux/amd64,linux/arm64',
      'optional-platforms': 'linux/arm64/v8\nlinux/riscv64',
      'tag-policy': ' always ',
    }) as MergeSettings
    expect(s.optionalPlatforms.map(formatPlatform)).toEqual(['linux/arm64', 'linux/riscv64'])
    expect(s.tagPolicy).toBe('always')
  })

  test('github-token is taken as given, trimmed; only the merge has one', () => {
    expect((parse({ ...base, 'github-token': ' ghs_abc \n' }) as MergeSettings).githubToken).toBe('ghs_abc')
    const build = parse({ mode: 'build', images: 'ghcr.io/acme/app', 'github-token': 'ghs_abc' })
    expect(build).not.toHaveProperty('githubToken')
  })

  test('tags, platforms and annotations', () => {
    const s = parse({
      ...base,
      tags: 'latest, 1.4\n1.4',
      platforms: 'linux/amd64,linux/arm64/v8',
      annotations:
        'org.opencontainers.image.description=An app, with commas\nindex:org.opencontainers.image.licenses=MIT',
    }) as MergeSettings
    expect(s.tags).toEqual(['latest', '1.4'])
    expect(s.platforms!.map(formatPlatform)).toEqual(['linux/amd64', 'linux/arm64'])
    expect(s.annotations).toEqual({
      'org.opencontainers.image.description': 'An app, with commas',
      'org.opencontainers.image.licenses': 'MIT',
    })
  })

  test('digests: bare digests live in the first image; references anywhere', () => {
    const d = `sha256:${'b'.repeat(64)}`
    const s = parse({
      ...base,
      images: 'ghcr.io/acme/app,docker.io/acme/app',
      digests: `${d}\nquay.io/acme/app@${d}\nghcr.io/acme/app:1.4-arm64`,
    }) as MergeSettings
    expect(s.digests.map(x => x.reference)).toEqual([
      { repository: { registry: 'ghcr.io', path: 'acme/app' }, digest: d },
      { repository: { registry: 'quay.io', path: 'acme/app' }, digest: d },
      { repository: { registry: 'ghcr.io', path: 'acme/app' }, tag: '1.4-arm64' },
    ])
  })

  test.each<[Record<string, string>, RegExp]>([
    [
      { tags: 'ghcr.io/acme/app:1.4' },
      /^Input 'tags': 'ghcr.io\/acme\/app:1.4' looks like a full image reference/,
    ],
    [{ tags: '.hidden' }, /^Input 'tags': '.hidden' is not a valid tag/],
    [{ platforms: 'linux/amd64,linux/amd64' }, /^Input 'platforms': linux\/amd64 is listed twice/],
    [{ platforms: 'linux/' }, /^Input 'platforms': 'linux\/' is not a platform/],
    [
      { 'optional-platforms': 'linux/arm64,linux/arm64/v8' },
      /^Input 'optional-platforms': linux\/arm64 is listed twice/,
    ],
    [{ 'optional-platforms': 'linux/' }, /^Input 'optional-platforms': 'linux\/' is not a platform/],
    [
      { 'tag-policy': 'backward' },
      /^Input 'tag-policy': 'backward' is not a tag policy. Expected forward \(a tag never moves to an older index\) or always\.$/,
    ],
    [{ digests: 'sha256:123' }, /^Input 'digests': 'sha256:123' is not a digest/],
    [{ digests: 'ghcr.io/acme/app' }, /^Input 'digests': 'ghcr.io\/acme\/app' names no tag or digest/],
    [{ annotations: 'no-equals' }, /^Input 'annotations': 'no-equals' is not key=value/],
    [{ 'keep-artifacts': 'maybe' }, /^Input 'keep-artifacts': 'maybe' is not a boolean/],
  ])('refuses %j', (inputs, why) => {
    expect(() => parse({ ...base, ...inputs })).toThrow(why)
  })
})

describe('prune settings', () => {
  const Day = 86_400_000

  test('defaults: 24h, not a dry run, ghcr.io, the public API; no digests-path needed outside GitHub', () => {
    const s = parse(
      { mode: 'prune', images: 'ghcr.io/acme/app', 'github-token': ' t0k3n ' },
      {},
    ) as PruneSettings
    expect(s).toEqual({
      mode: 'prune',
      images: [{ registry: 'ghcr.io', path: 'acme/app' }],
      insecureRegistries: [],
      notices: [],
      prune: {
        minAgeMs: Day,
        dryRun: false,
        githubRegistryHosts: ['ghcr.io'],
        apiUrl: 'https://api.github.com',
        token: 't0k3n',
      },
    })
  })

  test('a GitHub Enterprise Server: its API from GITHUB_API_URL, its registry hosts added to ghcr.io', () => {
    const s = parse(
      {
        mode: 'prune',
        images: 'containers.example.com/acme/app',
        'github-registry-hosts': 'containers.example.com, ghcr.io,registry.example.com:8443',
        'prune-min-age': '1d12h',
        'dry-run': 'true',
      },
      { GITHUB_API_URL: 'https://github.example.com/api/v3/' },
    ) as PruneSettings
    expect(s.prune).toMatchObject({
      minAgeMs: 1.5 * Day,
      dryRun: true,
      githubRegistryHosts: ['ghcr.io', 'containers.example.com', 'registry.example.com:8443'],
      apiUrl: 'https://github.example.com/api/v3',
    })
  })

  test.each([
    ['90m', 90 * 60_000],
    ['45s', 45_000],
    ['7d', 7 * Day],
    ['0', 0],
  ])('prune-min-age %j is %d ms', (text, ms) => {
    const s = parse({ mode: 'prune', images: 'ghcr.io/acme/app', 'prune-min-age': text }) as PruneSettings
    expect(s.prune.minAgeMs).toBe(ms)
  })

  test.each(['24', '1w', '-1h', '1.5h', 'h'])('refuses prune-min-age %j, naming the input', text => {
    expect(() => parse({ mode: 'prune', images: 'ghcr.io/acme/app', 'prune-min-age': text })).toThrow(
      `Input 'prune-min-age': '${text}' is not a duration. Expected a number with a unit s, m, h or d, e.g. 24h, 90m or 7d.`,
    )
  })

  test('refuses a registry host with a scheme or path, and an API URL that is not http(s)', () => {
    expect(() =>
      parse({
        mode: 'prune',
        images: 'ghcr.io/a/b',
        'github-registry-hosts': 'https://containers.example.com',
      }),
    ).toThrow(/^Input 'github-registry-hosts': 'https:\/\/containers.example.com' is not a registry host/)
    expect(() => parse({ mode: 'prune', images: 'ghcr.io/a/b' }, { GITHUB_API_URL: 'ftp://x' })).toThrow(
      "GITHUB_API_URL: 'ftp://x' is not an http(s) URL of GitHub's REST API.",
    )
    expect(() => parse({ mode: 'prune', images: 'ghcr.io/a/b', 'dry-run': 'yes' })).toThrow(
      "Input 'dry-run': 'yes' is not a boolean. Expected true or false.",
    )
  })

  test('a merge prunes only when asked', () => {
    const merge = { mode: 'merge', images: 'ghcr.io/acme/app', tags: 'v1' }
    expect((parse(merge) as MergeSettings).prune).toBeUndefined()
    const pruning = parse({ ...merge, prune: 'true', 'prune-min-age': '2h' }) as MergeSettings
    expect(pruning.prune).toMatchObject({ minAgeMs: 2 * 3_600_000, dryRun: false })
  })
})
