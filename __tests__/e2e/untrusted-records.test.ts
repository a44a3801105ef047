/**
 * What a records directory holds is read, never obeyed, through the bundle: file names and run ids that spell
 * workflow commands or HTML reach the log and the job summary as inert text; links inside the directory are
 * followed and every entry passed over is named; 2,000 records of other runs cost a few log lines, not 2,000.
 */
import * as fs from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type ActionRun, expectSuccess, runAction } from '../harness/action.js'
import { type BuildahEnv, buildahEnv, writeSampleContext } from '../harness/images.js'
import { execute, removeTree, tempDir } from '../harness/processes.js'
import { type RunningRegistry, startRegistry } from '../harness/registry.js'
import { obeyedCommands } from '../harness/runner-commands.js'

const Cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))
const RunId = '4242'
const Run = { GITHUB_RUN_ID: RunId, GITHUB_RUN_ATTEMPT: '1' }

let work: string
let storage: BuildahEnv
let registry: RunningRegistry
let image: string
/** The record the one build step wrote, as JSON, and the record file's bytes. */
let built: { run: { id: string } } & Record<string, unknown>

beforeAll(async () => {
  work = await tempDir('nma-untrusted-')
  const context = join(work, 'context')
  await writeSampleContext(context)
  ;[storage, registry] = await Promise.all([buildahEnv(), startRegistry()])
  image = `${registry.host}/untrusted/app`
  const dir = join(work, 'built')
  expectSuccess(
    await runAction(
      {
        mode: 'build',
        images: image,
        platform: 'linux/amd64',
        builder: 'buildah',
        context,
        'digests-path': dir,
      },
      { ...storage.env, ...Run },
    ),
  )
  const [file] = await fs.readdir(dir)
  built = JSON.parse(await fs.readFile(join(dir, file!), 'utf8')) as typeof built
  expect(built.run.id).toBe(RunId)
})

afterAll(async () => {
  await Promise.all([registry?.stop(), storage?.cleanup()])
  if (work) await removeTree(work)
})

/** Writes the built record as `dir/name`, from run `runId` (this run's by default). */
async function writeRecord(dir: string, name: string, runId = RunId): Promise<string> {
  const path = join(dir, name)
  await fs.mkdir(join(path, '..'), { recursive: true })
  await fs.writeFile(path, JSON.stringify({ ...built, run: { ...built.run, id: runId } }))
  return path
}

/** Runs the merge in `work`, so the log names records by their path from there (`hostile/x.json`). */
function merge(dir: string, env: NodeJS.ProcessEnv = {}): Promise<ActionRun> {
  return runAction(
    { mode: 'merge', images: image, tags: 'v1', 'digests-path': dir },
    { ...Run, ...env },
    work,
  )
}

/** The commands a runner would obey, but for the groups the merge opens and closes itself. */
function obeyedBeyondGroups(log: string): string[] {
  return obeyedCommands(log)
    .filter(c => c.name !== 'group' && c.name !== 'endgroup')
    .map(c => c.line)
}

describe('file names and run ids that spell workflow commands or HTML', () => {
  const html = '<img src=x onerror=alert(1)>.json'
  const commands = [
    '::error title=x::pwned.json',
    '::add-mask::sha256.json',
    'x\n::error title=x::after a newline.json',
    'x\r::add-mask::sha256.json',
    'a##[warning]legacy.json',
  ]
  const hostileRunId = `1\n::error title=run::from the run id`
  let dir: string

  beforeAll(async () => {
    dir = join(work, 'hostile')
    await writeRecord(dir, html)
    // Five records of other runs, all named in the log; one also carries a run id that spells a command.
    for (const [i, name] of commands.entries()) await writeRecord(dir, name, i ? `${i}` : hostileRunId)
  })

  test('the action prints them as text the runner does not obey, and the summary shows them escaped', async () => {
    const run = expectSuccess(await merge(dir))
    for (const name of commands) expect(run.log).toContain(`Skipped digest record hostile/${name}: `)
    expect(run.log).toContain(`it is from workflow run ${hostileRunId}, this is run ${RunId}.`)
    expect(obeyedBeyondGroups(run.log)).toEqual([])
    // The check above can fail: the same lines without their brackets would have been obeyed.
    const unbracketed = run.log.replace(/^::(stop-commands::[0-9a-f]{32}|[0-9a-f]{32}::)$/gm, '')
    expect(obeyedCommands(unbracketed).map(c => c.name)).toEqual(
      expect.arrayContaining(['error', 'add-mask', 'warning']),
    )
    expect(obeyedBeyondGroups(unbracketed)).toHaveLength(4)

    expect(run.summary).toContain('<td>hostile/&#60;img src=x onerror=alert(1)&#62;.json</td>')
    expect(run.summary).not.toContain('<img')
    expect(run.summary).toMatch(
      /^<h3>Published index sha256:[0-9a-f]{64}<\/h3>\n<table><tr><th>Platform<\/th>/,
    )
  })

  test('the command line on a GitHub runner keeps them inert as well', async () => {
    const { exitCode, stdout, stderr } = await execute(
      process.execPath,
      [Cli, 'merge', '--images', image, '--tags', 'v1', '--digests-path', dir],
      { env: { PATH: process.env.PATH, HOME: work, GITHUB_ACTIONS: 'true', ...Run }, cwd: work },
    )
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' })
    for (const name of commands) expect(stdout).toContain(`Skipped digest record hostile/${name}: `)
    expect(obeyedCommands(stdout)).toEqual([])
  })
})

test('links inside the records directory are followed; links outside and broken ones are named', async () => {
  const dir = join(work, 'linked')
  const outside = join(work, 'outside')
  // The only record of this run is reachable through a link alone.
  await writeRecord(dir, join('.store', 'amd64.record'))
  await fs.symlink(join('.store', 'amd64.record'), join(dir, 'amd64.json'))
  await writeRecord(outside, 'arm64.json')
  await fs.symlink(outside, join(dir, 'downloaded'))
  await fs.symlink('gone.json', join(dir, 'broken.json'))
  const run = expectSuccess(await merge(dir))
  expect(run.log).toMatch(/^linux\/amd64: sha256:[0-9a-f]{64} \(linked\/amd64\.json\)$/m)
  expect(run.log).toContain(`Skipped linked/broken.json: it is a broken link (to gone.json).`)
  expect(run.log).toContain(
    `Skipped linked/downloaded: it links to ${await fs.realpath(outside)}, outside the records directory ${await fs.realpath(dir)}.`,
  )
})

describe('2,000 records of other runs in the directory', () => {
  const Others = 2000
  let dir: string

  beforeAll(async () => {
    dir = join(work, 'crowded')
    const mine = await writeRecord(dir, 'mine.json')
    const text = await fs.readFile(mine, 'utf8')
    const other = (i: number) => text.replace(`"id":"${RunId}"`, `"id":"${i}"`)
    await Promise.all(
      Array.from({ length: Others }, (_, i) =>
        fs.writeFile(join(dir, `other-${String(i).padStart(4, '0')}.json`), other(i)),
      ),
    )
  })

  test('print five of them and a count, and each at debug only with debug logging on', async () => {
    const quiet = expectSuccess(await merge(dir))
    const skipped = quiet.log.split('\n').filter(line => line.includes('Skipped digest record'))
    expect(skipped).toEqual(
      Array.from(
        { length: 5 },
        (_, i) =>
          `Skipped digest record crowded/other-000${i}.json: it is from workflow run ${i}, this is run ${RunId}.`,
      ),
    )
    expect(quiet.log).toContain(`${Others - 5} more digest records skipped; debug logging lists each`)
    expect(quiet.log.split('\n').length).toBeLessThan(40)

    const debug = expectSuccess(await merge(dir, { RUNNER_DEBUG: '1' }))
    const debugged = debug.log.split('\n').filter(line => line.startsWith('::debug::Skipped digest record'))
    expect(debugged).toHaveLength(Others - 5)
    expect(debugged[0]).toBe(
      `::debug::Skipped digest record crowded/other-0005.json: it is from workflow run 5, this is run ${RunId}.`,
    )
  })
})
