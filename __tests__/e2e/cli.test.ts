/**
 * The command line (`dist/cli.js`, what `npx native-multiarch` runs) end to end, the way a Jenkins or GitLab job
 * would use it: buildah builds two platforms by digest into a records directory, the merge publishes the index,
 * and skopeo pulls it as an amd64 and an arm64 client. No GitHub variables anywhere.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Input } from '../../src/settings/names.js'
import { buildahEnv, inspectRaw, pullAs, sha256Digest, writeSampleContext } from '../harness/images.js'
import { execute, removeTree, tempDir } from '../harness/processes.js'
import { type RunningRegistry, startRegistry } from '../harness/registry.js'

const Cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))
const Platforms = ['linux/amd64', 'linux/arm64']

interface CliRun {
  exitCode: number
  stdout: string
  stderr: string
  /** The `name=value` output lines, multi-line outputs joined by newlines. */
  outputs: Record<string, string>
}

let registry: RunningRegistry
let storage: Awaited<ReturnType<typeof buildahEnv>>
let work: string

beforeAll(async () => {
  ;[registry, storage, work] = await Promise.all([startRegistry(), buildahEnv(), tempDir('nma-cli-')])
})

afterAll(async () => {
  await Promise.all([registry?.stop(), storage?.cleanup()])
  await removeTree(work)
})

/** A CI machine's environment: buildah's private storage, and nothing of GitHub's. */
function ciEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(storage.env)) {
    if (!/^(GITHUB_|ACTIONS_|INPUT_|RUNNER_|NATIVE_MULTIARCH_)/.test(key)) env[key] = value
  }
  return { ...env, ...extra }
}

async function cli(args: string[], env: NodeJS.ProcessEnv = ciEnv()): Promise<CliRun> {
  const { exitCode, stdout, stderr } = await execute(process.execPath, [Cli, ...args], { env })
  const outputs: Record<string, string> = {}
  for (const match of stdout.matchAll(/^(digest|platform|image|refs|platforms)=(.*)$/gm)) {
    outputs[match[1]!] = outputs[match[1]!] === undefined ? match[2]! : `${outputs[match[1]!]}\n${match[2]}`
  }
  return { exitCode: exitCode ?? -1, stdout, stderr, outputs }
}

function expectOk(run: CliRun): CliRun {
  if (run.exitCode !== 0)
    throw new Error(`the CLI failed (exit ${run.exitCode}):\n${run.stdout}\n${run.stderr}`)
  // A plain log: no workflow commands for a runner that is not there.
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/^::/m)
  return run
}

test('builds two platforms by digest and merges them into one index every architecture resolves', async () => {
  const image = `${registry.host}/cli/app`
  const context = join(work, 'context')
  const records = join(work, 'records')
  await writeSampleContext(context, { platforms: Platforms })

  const built: Record<string, string> = {}
  for (const platform of Platforms) {
    const run = expectOk(
      await cli(
        [
          'build',
          '--platform',
          platform,
          '--builder',
          'buildah',
          '--context',
          context,
          '--digests-path',
          records,
        ],
        // Values come from the environment too.
        ciEnv({ NATIVE_MULTIARCH_IMAGES: image }),
      ),
    )
    expect(run.outputs.platform).toBe(platform)
    expect(run.outputs.image).toBe(`${image}@${run.outputs.digest}`)
    expect(run.stdout).toContain(`==> Build ${platform} with buildah`)
    // This machine is amd64: arm64 is emulated, and the warning goes to stderr.
    expect(run.stderr.includes('warning: Building linux/arm64')).toBe(platform === 'linux/arm64')
    built[platform] = run.outputs.digest!
  }

  const merge = expectOk(
    await cli([
      'merge',
      `--images=${image}`,
      '--digests-path',
      records,
      '--tags',
      '1.4',
      '--tags',
      'latest',
      '--platforms',
      Platforms.join(','),
      '--annotations',
      'org.opencontainers.image.description=Built by the CLI, on two machines',
      '--annotations',
      'org.opencontainers.image.licenses=MIT',
    ]),
  )
  expect(merge.outputs.refs).toBe(`${image}:1.4\n${image}:latest`)
  expect(merge.outputs.platforms).toBe('linux/amd64,linux/arm64')
  const raw = await inspectRaw(`${image}:1.4`)
  expect(sha256Digest(raw)).toBe(merge.outputs.digest)
  expect(JSON.parse(raw).annotations).toEqual({
    'org.opencontainers.image.description': 'Built by the CLI, on two machines',
    'org.opencontainers.image.licenses': 'MIT',
  })
  for (const platform of Platforms) {
    const pulled = await pullAs(`${image}:latest`, platform)
    expect(pulled.platformFile.split('\n')[0]).toBe(platform)
    expect(pulled.digest).toBe(built[platform])
  }
})

test("the seeds' flow: per-arch builds with no records directory, then a merge of tags that are already pushed", async () => {
  const image = `${registry.host}/cli/seeds`
  const context = join(work, 'context-seeds')
  await writeSampleContext(context, { platforms: Platforms })
  const built: Record<string, string> = {}
  for (const platform of Platforms) {
    const arch = platform.split('/')[1]!
    // As on a Jenkins agent per architecture: no --digests-path, an arch tag for the merge to name.
    const run = expectOk(
      await cli([
        'build',
        '--images',
        image,
        '--platform',
        platform,
        '--builder',
        'buildah',
        '--context',
        context,
        '--arch-tags',
        'latest',
      ]),
    )
    expect(run.stdout).toContain(
      `No digest record was written: --digests-path is not set and this is not a GitHub Actions run. Give the merge this image in --digests: ${image}@${run.outputs.digest}`,
    )
    expect(run.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    built[arch] = run.outputs.digest!
  }
  const merge = expectOk(
    await cli([
      'merge',
      '--images',
      image,
      '--digests',
      `${image}:latest-amd64,${image}:latest-arm64`,
      '--tags',
      'latest',
    ]),
  )
  expect(merge.outputs.refs).toBe(`${image}:latest`)
  for (const platform of Platforms) {
    const pulled = await pullAs(`${image}:latest`, platform)
    expect(pulled.platformFile.split('\n')[0]).toBe(platform)
    expect(pulled.digest).toBe(built[platform.split('/')[1]!])
  }
})

test('a failure exits 1 with the message on stderr, and publishes nothing', async () => {
  const image = `${registry.host}/cli/partial`
  const context = join(work, 'context-partial')
  const records = join(work, 'records-partial')
  await writeSampleContext(context, { platforms: ['linux/amd64'] })
  expectOk(
    await cli([
      'build',
      '--images',
      image,
      '--platform',
      'linux/amd64',
      '--builder',
      'buildah',
      '--context',
      context,
      '--digests-path',
      records,
    ]),
  )
  const merge = await cli([
    'merge',
    '--images',
    image,
    '--digests-path',
    records,
    '--platforms',
    'linux/amd64,linux/arm64',
  ])
  expect(merge.exitCode).toBe(1)
  expect(merge.stderr).toMatch(/^error: .*linux\/arm64/m)
  expect(merge.stdout).not.toMatch(/^(digest|refs)=/m)
  const tags = await fetch(`${registry.url}/v2/cli/partial/tags/list`).then(
    r => r.json() as Promise<{ tags: string[] | null }>,
  )
  expect(tags.tags ?? []).toEqual([])
})

test.each<[string, string[], RegExp]>([
  [
    'no command',
    ['--images', 'ghcr.io/acme/app'],
    /^error: Expected one command, build, merge or prune; got none\./,
  ],
  ['an unknown command', ['publish'], /^error: Expected one command, build, merge or prune; got 'publish'\./],
  ['an unknown flag', ['merge', '--tag', '1.4'], /^error: unknown flag --tag; did you mean --tags\?$/m],
  ['an unknown flag far from any', ['merge', '--colour', 'red'], /^error: unknown flag --colour\.$/m],
  ['a flag without its value', ['merge', '--images'], /^error: --images needs a value: --images VALUE/m],
])('usage errors exit 1 and point at --help: %s', async (_, args, why) => {
  const run = await cli(args)
  expect(run.exitCode).toBe(1)
  expect(run.stderr).toMatch(why)
  expect(run.stderr).toContain("Run 'native-multiarch --help' for the flags.")
})

test('a merge with neither records nor --digests names both flags and publishes nothing', async () => {
  const run = await cli(['merge', '--images', 'ghcr.io/acme/app'])
  expect(run.exitCode).toBe(1)
  expect(run.stderr).toBe(
    'error: Nothing to merge: --digests is empty and no records directory was given (--digests-path). ' +
      "Name the images to merge in --digests (e.g. ghcr.io/acme/app:amd64-latest), or point --digests-path at the build steps' digest records.\n",
  )
})

test('a prune without a token names where the command line takes it from', async () => {
  const run = await cli([
    'prune',
    '--images',
    `${registry.host}/cli/prune`,
    '--github-registry-hosts',
    registry.host,
  ])
  expect(run.exitCode).toBe(1)
  expect(run.stderr).toMatch(
    /^error: NATIVE_MULTIARCH_GITHUB_TOKEN \(or GITHUB_TOKEN\) is empty: pruning \S+ needs a token/m,
  )
  expect(run.stderr).not.toContain("Input '")
})

test('a settings error names the flag, never the action input', async () => {
  const run = await cli([
    'merge',
    '--images',
    'ghcr.io/acme/app',
    '--digests-path',
    work,
    '--tags',
    'bad tag',
  ])
  expect(run.exitCode).toBe(1)
  expect(run.stderr).toBe(
    "error: --tags: 'bad tag' is not a valid tag. Expected 1-128 of A-Z a-z 0-9 _ . - not starting with . or -.\n",
  )
})

test('--help lists every input as a flag, except mode (the command) and the two for artifacts', async () => {
  const run = expectOk(await cli(['--help']))
  expect(run.stdout).toMatch(/^Usage: native-multiarch build\|merge/)
  const flags = [...run.stdout.matchAll(/^ {2}--([a-z-]+)/gm)].map(m => m[1]).filter(flag => flag !== 'help')
  expect(flags.sort()).toEqual(
    Object.values(Input)
      .filter(input => ![Input.Mode, Input.KeepArtifacts, Input.GithubToken].includes(input))
      .sort(),
  )
})
