/**
 * Wrong input through the bundled action, one case per row: the step fails (exit 1) with one error that names
 * the input and the value, says what was expected and, where a fix is likely, suggests it; and nothing is
 * published (no manifest PUT reached the registry, and the tag does not exist).
 */
import * as fs from 'node:fs/promises'
import { join } from 'node:path'
import { TuningVariable } from '../../src/registry/tuning.js'
import { type ActionRun, expectSuccess, runAction } from '../harness/action.js'
import { type FaultProxy, startFaultProxy } from '../harness/fault-proxy.js'
import { type BuildahEnv, buildahEnv, pushIndex, writeSampleContext } from '../harness/images.js'
import { removeTree, tempDir } from '../harness/processes.js'
import { type RunningRegistry, startRegistry } from '../harness/registry.js'

const Tag = 'should-not-exist'
const FastRetries = { [TuningVariable.RetryBaseMs]: '20', [TuningVariable.RetryTotalMs]: '2000' }

let work: string
let context: string
let storage: BuildahEnv
let registry: RunningRegistry
let tokenRegistry: RunningRegistry
let proxy: FaultProxy
/** The image the cases merge into, through the proxy (which counts manifest PUTs). */
let image: string
/** A records directory with linux/amd64 and linux/arm64, as two build steps leave it. */
let records: string
/** Digests of the two builds. */
const built: Record<string, string> = {}
/** An empty DOCKER_CONFIG, so no login on this machine leaks into a case. */
let noLogin: string

beforeAll(async () => {
  work = await tempDir('nma-bad-input-')
  context = join(work, 'context')
  await writeSampleContext(context)
  storage = await buildahEnv()
  registry = await startRegistry()
  tokenRegistry = await startRegistry({ auth: 'token' })
  proxy = await startFaultProxy({ target: registry.url })
  image = `${proxy.host}/bad/app`
  // No config.json at all: the state before any login (buildah's own push refuses it; our build step does not).
  noLogin = await dir('no-login')
  records = await dir('records')
  for (const platform of ['linux/amd64', 'linux/arm64']) {
    const run = expectSuccess(await build({ platform, 'digests-path': records }))
    built[platform] = run.outputs.digest!
  }
})

afterAll(async () => {
  // Unreadable on purpose in one case; readable again so that the directory can be removed.
  await fs.chmod(join(work, 'records-unreadable'), 0o755).catch(() => {})
  await proxy?.stop()
  await registry?.stop()
  await tokenRegistry?.stop()
  await storage?.cleanup()
  if (work) await removeTree(work)
})

async function dir(name: string): Promise<string> {
  const path = join(work, name)
  await fs.mkdir(path, { recursive: true })
  return path
}

function build(inputs: Record<string, string>): Promise<ActionRun> {
  return runAction(
    { mode: 'build', images: image, builder: 'buildah', context, ...inputs },
    { ...storage.env, ...FastRetries, DOCKER_CONFIG: noLogin },
  )
}

async function tags(url: string, path: string): Promise<string[]> {
  const response = await fetch(`${url}/v2/${path}/tags/list`)
  if (response.status !== 200) return []
  return ((await response.json()) as { tags?: string[] | null }).tags ?? []
}

interface Case {
  /** What is wrong. */
  name: string
  /** Inputs besides `images` (default: the proxied image) and `tags` (default: Tag). */
  inputs: () => Promise<Record<string, string>> | Record<string, string>
  env?: () => Promise<Record<string, string>> | Record<string, string>
  /** Parts the error must contain: the input, the value, what was expected, the likely fix. */
  expected: () => (string | RegExp)[]
  /** Runs before the case (e.g. a fault), and the repository whose tags are checked (default bad/app). */
  prepare?: () => Promise<void> | void
}

const mergeInputs = (extra: Record<string, string>): Record<string, string> => ({
  mode: 'merge',
  images: image,
  tags: Tag,
  'digests-path': records,
  ...extra,
})

const Cases: Case[] = [
  {
    name: 'a malformed digest',
    inputs: async () => mergeInputs({ digests: 'sha256:abc123', 'digests-path': await dir('empty-1') }),
    expected: () => [
      `Input 'digests'`,
      `'sha256:abc123'`,
      'Expected sha256: followed by 64 lowercase hex digits',
    ],
  },
  {
    name: 'a digest the registry does not have',
    inputs: async () =>
      mergeInputs({ digests: `sha256:${'0'.repeat(64)}`, 'digests-path': await dir('empty-2') }),
    expected: () => [
      `Input 'digests' entry 'sha256:${'0'.repeat(64)}'`,
      'was not found',
      `Check the digest or tag and that it was pushed to ${image}`,
    ],
  },
  {
    name: 'a digest record the registry does not have',
    inputs: async () => {
      const copy = await dir('records-missing')
      const [file] = (await fs.readdir(records)).filter(f => f.includes('amd64'))
      const text = (await fs.readFile(join(records, file!), 'utf8'))
        .split(built['linux/amd64']!)
        .join(`sha256:${'1'.repeat(64)}`)
      await fs.writeFile(join(copy, file!), text)
      return mergeInputs({ 'digests-path': copy })
    },
    expected: () => [
      `${image}@sha256:${'1'.repeat(64)}`,
      'records-missing',
      'was not found',
      'The build step that pushed it may have failed',
    ],
  },
  {
    name: 'two records for one platform',
    inputs: async () => {
      const twice = await dir('records-twice')
      for (const file of await fs.readdir(records)) await fs.copyFile(join(records, file), join(twice, file))
      const other = join(work, 'context-other')
      await writeSampleContext(other, { content: 'another build' })
      expectSuccess(await build({ platform: 'linux/amd64', context: other, 'digests-path': twice }))
      return mergeInputs({ 'digests-path': twice })
    },
    expected: () => [
      /Two digest records for linux\/amd64 in one attempt: sha256:\S+ \(.*records-twice.*\) and sha256:\S+ \(.*records-twice/,
      'check the matrix for duplicate platforms',
    ],
  },
  {
    name: 'a platform missing against platforms',
    inputs: () => mergeInputs({ platforms: 'linux/amd64,linux/arm64,linux/arm/v7' }),
    expected: () => [
      `Input 'platforms' requires linux/amd64, linux/arm64, linux/arm/v7`,
      'found linux/amd64, linux/arm64',
      'missing linux/arm/v7',
      'Nothing was published',
      `Check that every build job succeeded, or adjust 'platforms'`,
    ],
  },
  {
    name: 'a platform unexpected against platforms',
    inputs: () => mergeInputs({ platforms: 'linux/amd64' }),
    expected: () => [
      `Input 'platforms' requires linux/amd64`,
      /unexpected linux\/arm64 \(.*linux-arm64.*\.json\)/,
      `adjust 'platforms'`,
    ],
  },
  {
    name: 'an invalid tag',
    inputs: () => mergeInputs({ tags: `${Tag},v1+build.5` }),
    expected: () => [
      `Input 'tags'`,
      `'v1+build.5'`,
      'is not a valid tag',
      'Expected 1-128 of A-Z a-z 0-9 _ . -',
    ],
  },
  {
    name: 'an invalid repository name',
    inputs: () => mergeInputs({ images: `${proxy.host}/Bad/App` }),
    expected: () => [
      `Input 'images'`,
      `'${proxy.host}/Bad/App'`,
      `path component 'Bad' must be lowercase letters and digits`,
    ],
  },
  {
    name: 'an empty records directory',
    inputs: async () => mergeInputs({ 'digests-path': await dir('records-empty') }),
    expected: () => [
      `no digest record for ${image} was found in '${join(work, 'records-empty')}' (input 'digests-path')`,
      `input 'digests' is empty`,
      `Point 'digests-path' at the directory the build steps wrote their records to`,
    ],
  },
  {
    name: 'an unreadable records directory',
    inputs: async () => {
      const unreadable = await dir('records-unreadable')
      await fs.chmod(work, 0o711)
      await fs.chmod(unreadable, 0o000)
      return mergeInputs({ 'digests-path': unreadable })
    },
    // root reads anything: run the step as nobody, as a runner's unprivileged user would.
    env: async (): Promise<Record<string, string>> => {
      if (process.getuid?.() !== 0) return {}
      const preload = join(work, 'as-nobody.cjs')
      await fs.writeFile(preload, 'process.setgid(65534)\nprocess.setuid(65534)\n')
      return { NODE_OPTIONS: `--require ${preload}` }
    },
    expected: () => [`Input 'digests-path'`, `'${join(work, 'records-unreadable')}'`, 'permission denied'],
  },
  {
    name: 'a corrupt record file',
    inputs: async () => {
      const corrupt = await dir('records-corrupt')
      await fs.copyFile(join(records, (await fs.readdir(records))[0]!), join(corrupt, 'good.json'))
      await fs.writeFile(join(corrupt, 'broken.json'), '{"schema": "native-multiarch/digest-record", "vers')
      return mergeInputs({ 'digests-path': corrupt })
    },
    expected: () => [
      /Digest record \S*records-corrupt\/broken\.json is not valid: it is not JSON/,
      'Re-run the build step that wrote it',
    ],
  },
  {
    name: 'an unknown mode',
    inputs: () => mergeInputs({ mode: 'publish' }),
    expected: () => [`Input 'mode'`, `'publish'`, 'Expected one of: build, merge'],
  },
  {
    name: 'an unknown platform (build)',
    inputs: async () => ({
      mode: 'build',
      images: image,
      builder: 'buildah',
      context,
      platform: 'linux/amd65',
      'digests-path': await dir('records-build-1'),
    }),
    expected: () => [
      `Input 'platform'`,
      `unknown architecture 'amd65' in 'linux/amd65'`,
      'Expected one of:',
      'arm64',
    ],
  },
  {
    name: 'a malformed platform (build)',
    inputs: async () => ({
      mode: 'build',
      images: image,
      builder: 'buildah',
      context,
      platform: 'linux/arm/v7/extra',
      'digests-path': await dir('records-build-2'),
    }),
    expected: () => [
      `Input 'platform'`,
      `'linux/arm/v7/extra' is not a platform`,
      'Expected os/arch[/variant], e.g. linux/arm64',
    ],
  },
  {
    name: 'a build context that does not exist',
    inputs: async () => ({
      mode: 'build',
      images: image,
      builder: 'buildah',
      context: join(work, 'no-such-context'),
      platform: 'linux/amd64',
      'digests-path': await dir('records-build-3'),
    }),
    expected: () => [
      `Build context '${join(work, 'no-such-context')}' does not exist`,
      `Set input 'context' to the directory holding the files the Dockerfile copies`,
    ],
  },
  {
    name: 'an index of several platforms where one platform was expected',
    inputs: async () => {
      const { indexDigest } = await pushIndex(`${registry.host}/bad/multi`, ['linux/amd64', 'linux/arm64'])
      return mergeInputs({
        digests: `${proxy.host}/bad/multi@${indexDigest}`,
        'digests-path': await dir('empty-3'),
      })
    },
    expected: () => [
      /Input 'digests' entry '\S+\/bad\/multi@sha256:[0-9a-f]{64}' is an index of 2 images \(linux\/amd64, linux\/arm64\)/,
      `expected one platform's image`,
      'Give the per-platform digests instead of a multi-platform index',
    ],
  },
  {
    name: 'a manifest over 4 MiB',
    // Distribution 2.8 refuses to store one ("request body too large"), so the proxy serves one in its place.
    prepare: () => {
      const huge = JSON.stringify({ schemaVersion: 2, annotations: { pad: 'x'.repeat(4 * 1024 * 1024) } })
      const path = new RegExp(`/manifests/${built['linux/arm64']}$`)
      proxy.inject({ kind: 'manifest-head', path, fault: { replaceBody: huge } })
      proxy.inject({ kind: 'manifest-get', path, fault: { replaceBody: huge } })
    },
    inputs: async () => mergeInputs({ digests: built['linux/arm64']!, 'digests-path': await dir('empty-4') }),
    expected: () => [
      `Input 'digests' entry '${built['linux/arm64']}'`,
      `The manifest ${image}@${built['linux/arm64']} is larger than 4194304 bytes`,
    ],
  },
  {
    name: 'a registry answering with a body that is not JSON',
    prepare: () => {
      const path = new RegExp(`/manifests/${built['linux/amd64']}$`)
      proxy.inject({
        kind: 'manifest-get',
        path,
        fault: { replaceBody: '<html><body>Service Unavailable</body></html>', contentType: 'text/html' },
      })
    },
    inputs: async () => mergeInputs({ digests: built['linux/amd64']!, 'digests-path': await dir('empty-5') }),
    expected: () => [
      `Input 'digests' entry '${built['linux/amd64']}'`,
      `Registry ${proxy.host}: GET /v2/bad/app/manifests/${built['linux/amd64']} answered with a body that is not JSON`,
      `expected the manifest ${image}@${built['linux/amd64']}`,
    ],
  },
  {
    name: 'pull access denied: no login for a registry that needs one',
    inputs: async () => ({
      mode: 'merge',
      images: `${tokenRegistry.host}/bad/app`,
      tags: Tag,
      digests: built['linux/amd64']!,
      'digests-path': await dir('empty-6'),
    }),
    expected: () => [
      `Input 'digests' entry '${built['linux/amd64']}'`,
      `Anonymous access to ${tokenRegistry.host} was refused`,
      'Check that the image name includes the registry (e.g. ghcr.io/acme/app)',
      `a login step ran for ${tokenRegistry.host}`,
    ],
  },
]

test.each(Cases.map(c => [c.name, c] as const))('%s: a clear error, nothing published', async (_name, c) => {
  proxy.clear()
  await c.prepare?.()
  const inputs = await c.inputs()
  proxy.reset()
  const step = await runAction(inputs, { ...FastRetries, DOCKER_CONFIG: noLogin, ...(await c.env?.()) })
  proxy.clear()
  expect(step.exitCode).toBe(1)
  const errors = step.visibleLog.split('\n').filter(line => line.startsWith('::error::'))
  expect(errors).toHaveLength(1)
  const error = errors[0]!.replace(/%0A/g, '\n')
  for (const part of c.expected()) {
    if (typeof part === 'string') expect(error).toContain(part)
    else expect(error).toMatch(part)
  }
  expect(proxy.counts()['manifest-put']).toBe(0)
  expect(await tags(registry.url, 'bad/app')).not.toContain(Tag)
})
