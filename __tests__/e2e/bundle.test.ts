/**
 * What every step loads: dist/index.js must stay lean, and the artifact client (with @actions/core, its HTTP
 * stack and the Azure SDK) must live in a chunk that only the artifact hand-off loads; each mode's code lives
 * in chunks of its own, so a merge never parses the builders and @actions/exec. Checked twice: by what the
 * files hold, and by running a whole build and merge from a copy of dist/ with the artifact chunk deleted, and
 * the builders' chunks too before the merge.
 */
import { cp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { Bundle, expectSuccess, runAction } from '../harness/action.js'
import { buildahEnv, type BuildahEnv, pullAs, writeSampleContext } from '../harness/images.js'
import { removeTree, tempDir } from '../harness/processes.js'
import { type RunningRegistry, startRegistry } from '../harness/registry.js'

/** Marks of what must not load at start-up: @actions/core's OIDC client, and the Azure blob SDK. */
const HeavyMarks = ['ACTIONS_ID_TOKEN_REQUEST_URL', '@azure/storage-blob']

/** Marks of the build mode's code: the builders' temporary names, and @actions/exec's command echo. */
const BuildMarks = ['native-multiarch-layout-', 'ToolRunner']

/** dist/index.js was 1.2 MB while it held @actions/core, 315 KB with every mode; the shared part is ~180 KB. */
const MaxEntryBytes = 250 * 1024

const dist = dirname(Bundle)

async function chunks(): Promise<string[]> {
  return (await readdir(dist)).filter(name => /^\d+\.index\.js$/.test(name))
}

test('dist/index.js holds neither the OIDC client nor the Azure SDK, and stays small', async () => {
  const entry = await readFile(Bundle, 'utf8')
  for (const mark of HeavyMarks) expect(entry).not.toContain(mark)
  expect((await stat(Bundle)).size).toBeLessThan(MaxEntryBytes)
})

test('dist/index.js holds no builder and no @actions/exec: they are in chunks only a build loads', async () => {
  const entry = await readFile(Bundle, 'utf8')
  for (const mark of BuildMarks) expect(entry).not.toContain(mark)
  const holding: string[] = []
  for (const chunk of await chunks()) {
    const text = await readFile(join(dist, chunk), 'utf8')
    if (BuildMarks.some(mark => text.includes(mark))) holding.push(chunk)
  }
  expect(holding.length).toBeGreaterThan(0)
})

test('the artifact client is in a chunk of its own', async () => {
  const holding: string[] = []
  for (const chunk of await chunks()) {
    const text = await readFile(join(dist, chunk), 'utf8')
    if (HeavyMarks.every(mark => text.includes(mark))) holding.push(chunk)
  }
  expect(holding).toHaveLength(1)
})

describe('with the artifact chunk deleted', () => {
  let registry: RunningRegistry
  let storage: BuildahEnv
  let work: string
  let bundle: string

  beforeAll(async () => {
    ;[registry, storage, work] = await Promise.all([startRegistry(), buildahEnv(), tempDir('nma-bundle-')])
    const copy = join(work, 'dist')
    await cp(dist, copy, { recursive: true })
    for (const chunk of await chunks()) {
      const text = await readFile(join(copy, chunk), 'utf8')
      if (text.includes(HeavyMarks[1]!)) await rm(join(copy, chunk))
    }
    bundle = join(copy, 'index.js')
  })

  afterAll(async () => {
    await registry?.stop()
    await storage?.cleanup()
    if (work) await removeTree(work)
  })

  test('a build and a merge through a records directory never need it, nor a merge the builders', async () => {
    const context = join(work, 'context')
    const records = join(work, 'records')
    const platforms = ['linux/amd64', 'linux/arm64']
    await writeSampleContext(context, { platforms })
    const image = `${registry.host}/lean/app`
    for (const platform of platforms) {
      const inputs = {
        mode: 'build',
        builder: 'buildah',
        images: image,
        platform,
        context,
        'digests-path': records,
      }
      expectSuccess(await runAction(inputs, storage.env, undefined, bundle))
    }
    // The merge runs without the builders' chunks.
    const copy = dirname(bundle)
    for (const chunk of (await readdir(copy)).filter(name => /^\d+\.index\.js$/.test(name))) {
      const text = await readFile(join(copy, chunk), 'utf8')
      if (BuildMarks.some(mark => text.includes(mark))) await rm(join(copy, chunk))
    }
    const inputs = { mode: 'merge', images: image, tags: 'lean', 'digests-path': records }
    const merge = expectSuccess(await runAction(inputs, {}, undefined, bundle))
    expect(merge.outputs.platforms).toBe('linux/amd64,linux/arm64')
    const pulled = await pullAs(`${image}:lean`, 'linux/arm64')
    expect(pulled.platformFile).toBe('linux/arm64')
  })

  test('the artifact hand-off does need it: the copy really lacks the chunk', async () => {
    const inputs = { mode: 'merge', images: `${registry.host}/lean/app`, tags: 'never' }
    const github = { GITHUB_ACTIONS: 'true', GITHUB_RUN_ID: '1', GITHUB_RUN_ATTEMPT: '1', RUNNER_ARCH: 'X64' }
    const run = await runAction(inputs, github, undefined, bundle)
    expect(run.exitCode).toBe(1)
    expect(run.visibleLog).toMatch(/Cannot find module .*\.index\.js/)
  })
})
