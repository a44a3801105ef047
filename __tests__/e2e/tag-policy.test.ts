/**
 * Tags that only move forward, and a failed leg, through the bundles (`dist/index.js`, and `dist/cli.js`)
 * against the real registry: a backport release published after a newer one leaves `latest` where it is, by
 * `org.opencontainers.image.version` or by `org.opencontainers.image.created`; `tag-policy: always` moves it;
 * an identical re-run writes nothing (counted in the registry's access log); an optional platform's missing
 * leg publishes the rest, a required one's publishes nothing.
 */
import { copyFile, mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type ActionRun, expectSuccess, runAction } from '../harness/action.js'
import {
  type BuildahEnv,
  buildahEnv,
  inspectRaw,
  sha256Digest,
  writeSampleContext,
} from '../harness/images.js'
import { execute, removeTree, tempDir } from '../harness/processes.js'
import { type RegistryRequest, type RunningRegistry, startRegistry } from '../harness/registry.js'

const Cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))
const Platforms = ['linux/amd64', 'linux/arm64']
const Version = 'org.opencontainers.image.version'
const Created = 'org.opencontainers.image.created'

let work: string
let storage: BuildahEnv
let registry: RunningRegistry
let image: string
let records: string
let amd64Only: string

beforeAll(async () => {
  work = await tempDir('nma-tag-policy-')
  const context = join(work, 'context')
  await writeSampleContext(context)
  storage = await buildahEnv()
  registry = await startRegistry()
  image = `${registry.host}/policy/app`
  records = join(work, 'records')
  for (const platform of Platforms) {
    const inputs = { images: image, platform, builder: 'buildah', context, 'digests-path': records }
    expectSuccess(await runAction({ mode: 'build', ...inputs }, storage.env))
  }
  // The records of a run whose arm64 leg failed: only amd64's.
  amd64Only = join(work, 'records-amd64')
  await mkdir(amd64Only)
  const amd64 = (await readdir(records)).find(file => file.includes('linux-amd64'))!
  await copyFile(join(records, amd64), join(amd64Only, amd64))
})

afterAll(async () => {
  await registry?.stop()
  await storage?.cleanup()
  if (work) await removeTree(work)
})

function merge(inputs: Record<string, string>): Promise<ActionRun> {
  return runAction({ mode: 'merge', images: image, 'digests-path': records, ...inputs }, storage.env)
}

/** Where a tag points now, as skopeo reads it. */
async function tagDigest(tag: string): Promise<string> {
  return sha256Digest(await inspectRaw(`${image}:${tag}`))
}

function manifestPuts(requests: RegistryRequest[]): RegistryRequest[] {
  return requests.filter(r => r.method === 'PUT' && r.path.includes('/manifests/'))
}

function refs(...tags: string[]): string {
  return tags.map(tag => `${image}:${tag}`).join('\n')
}

describe('a backport release after a newer one, by version', () => {
  let newer: string
  let older: string
  const backport = { tags: 'v-1.4.3,v-1.4,v-latest', annotations: `${Version}=1.4.3` }

  beforeAll(async () => {
    newer = expectSuccess(await merge({ tags: 'v-1.5.0,v-latest', annotations: `${Version}=v1.5.0` })).outputs
      .digest!
  })

  test('the older tags land; latest stays at the newer index, with a warning and a summary line', async () => {
    const run = expectSuccess(await merge(backport))
    older = run.outputs.digest!
    expect(older).not.toBe(newer)
    expect(run.outputs.refs).toBe(refs('v-1.4.3', 'v-1.4'))
    expect(run.outputs.kept).toBe(refs('v-latest'))
    expect(run.visibleLog).toContain(
      `::warning::Kept ${image}:v-latest at ${newer} (version v1.5.0): it is newer than this index ${older} ` +
        `(version 1.4.3). Set 'tag-policy' to always to move it anyway.`,
    )
    expect(run.summary).toContain(`Kept ${image}:v-latest: it points at a newer index, so it was not moved.`)
    expect(await tagDigest('v-latest')).toBe(newer)
    expect(await tagDigest('v-1.4.3')).toBe(older)
    expect(await tagDigest('v-1.4')).toBe(older)
  })

  test('an identical re-run sends no manifest PUT: HEADs, and one GET of the newer index', async () => {
    await registry.resetRequests()
    const run = expectSuccess(await merge(backport))
    const requests = await registry.requests()
    expect(manifestPuts(requests)).toEqual([])
    expect(requests.filter(r => r.method === 'GET')).toEqual([
      { method: 'GET', path: `/v2/policy/app/manifests/${newer}`, status: 200 },
    ])
    expect(requests.filter(r => r.method === 'HEAD')).toHaveLength(Platforms.length + 3)
    expect(run.outputs.refs).toBe(refs('v-1.4.3', 'v-1.4'))
    expect(run.outputs.kept).toBe(refs('v-latest'))
    expect(run.visibleLog).toContain(`Every tag already points at ${older}: nothing was written.`)
  })

  test('tag-policy always moves latest back, and keeps nothing', async () => {
    const run = expectSuccess(await merge({ ...backport, 'tag-policy': 'always' }))
    expect(run.outputs.refs).toBe(refs('v-1.4.3', 'v-1.4', 'v-latest'))
    expect(run.outputs.kept).toBe('')
    expect(run.visibleLog).not.toContain('::warning::')
    expect(await tagDigest('v-latest')).toBe(older)
  })
})

describe('by creation time alone', () => {
  test('an index created earlier does not take latest; one created later does', async () => {
    const later = expectSuccess(
      await merge({ tags: 'c-latest', annotations: `${Created}=2026-11-30T10:00:00Z` }),
    ).outputs.digest!
    const earlier = expectSuccess(
      await merge({ tags: 'c-old,c-latest', annotations: `${Created}=2026-11-29T10:00:00Z` }),
    )
    expect(earlier.outputs.kept).toBe(refs('c-latest'))
    expect(earlier.visibleLog).toContain(
      `::warning::Kept ${image}:c-latest at ${later} (created 2026-11-30T10:00:00Z): it is newer than this index ` +
        `${earlier.outputs.digest} (created 2026-11-29T10:00:00Z).`,
    )
    expect(await tagDigest('c-latest')).toBe(later)
    expect(await tagDigest('c-old')).toBe(earlier.outputs.digest)

    const newest = expectSuccess(
      await merge({ tags: 'c-latest', annotations: `${Created}=2026-12-01T10:00:00+01:00` }),
    )
    expect(newest.outputs.refs).toBe(refs('c-latest'))
    expect(await tagDigest('c-latest')).toBe(newest.outputs.digest)
  })

  test('without annotations to compare, the tag moves as it always did, saying why', async () => {
    expectSuccess(await merge({ tags: 'n-latest', annotations: `${Version}=2.0.0` }))
    const bare = expectSuccess(await merge({ tags: 'n-latest' }))
    expect(bare.outputs.refs).toBe(refs('n-latest'))
    expect(bare.visibleLog).toContain(
      `without comparing the two: this index has no ${Version}, and neither index has ${Created}.`,
    )
    expect(await tagDigest('n-latest')).toBe(bare.outputs.digest)
  })
})

describe('a failed leg', () => {
  const platforms = Platforms.join(',')

  test('an optional platform missing: the rest is published, with a warning and a summary line', async () => {
    const run = expectSuccess(
      await merge({
        'digests-path': amd64Only,
        tags: 'partial',
        platforms,
        'optional-platforms': 'linux/arm64',
      }),
    )
    expect(run.outputs.platforms).toBe('linux/amd64')
    expect(run.visibleLog).toContain(
      `::warning::Publishing without linux/arm64: no image was found for this optional platform (input 'optional-platforms')`,
    )
    expect(run.summary).toContain('Published without linux/arm64: an optional platform with no image.')
    const index = JSON.parse(await inspectRaw(`${image}:partial`)) as { manifests: { platform: object }[] }
    expect(index.manifests.map(m => m.platform)).toEqual([{ architecture: 'amd64', os: 'linux' }])
  })

  test('a required platform missing: nothing is published', async () => {
    await registry.resetRequests()
    const run = await merge({ 'digests-path': amd64Only, tags: 'never', platforms })
    expect(run.exitCode).toBe(1)
    expect(run.visibleLog).toContain(
      "::error::Input 'platforms' requires linux/amd64, linux/arm64; found linux/amd64: missing linux/arm64. Nothing was published.",
    )
    expect(manifestPuts(await registry.requests())).toEqual([])
    await expect(inspectRaw(`${image}:never`)).rejects.toThrow()
  })
})

describe('through the command line', () => {
  test('dist/cli.js keeps latest at the newer release and prints kept', async () => {
    const cli = (tags: string, version: string) =>
      execute(
        process.execPath,
        [
          Cli,
          'merge',
          '--images',
          image,
          '--digests-path',
          records,
          '--tags',
          tags,
          '--annotations',
          `${Version}=${version}`,
        ],
        { env: { ...process.env, ...storage.env, NATIVE_MULTIARCH_DEBUG: '' } },
      )
    const first = await cli('cli-2.0.0,cli-latest', '2.0.0')
    expect({ exit: first.exitCode, stderr: first.stderr }).toEqual({ exit: 0, stderr: '' })
    const newer = /^digest=(.*)$/m.exec(first.stdout)![1]!
    const second = await cli('cli-1.9.9,cli-latest', '1.9.9')
    expect(second.exitCode).toBe(0)
    expect(second.stdout).toMatch(new RegExp(`^refs=${image}:cli-1\\.9\\.9$`, 'm'))
    expect(second.stdout).toMatch(new RegExp(`^kept=${image}:cli-latest$`, 'm'))
    expect(second.stderr).toContain(`warning: Kept ${image}:cli-latest at ${newer} (version 2.0.0)`)
    expect(second.stderr).toContain('Set --tag-policy to always to move it anyway.')
    expect(await tagDigest('cli-latest')).toBe(newer)
  })
})
