/**
 * The command line as users install it: `npm pack` of this repository, the tarball installed into an empty
 * directory with npm offline and an empty cache (so nothing but the tarball can be installed), then
 * `npx native-multiarch` builds two platforms with buildah and merges them on the real registry.
 */
import { readdir, readFile } from 'node:fs/promises'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { buildahEnv, inspectRaw, pullAs, sha256Digest, writeSampleContext } from '../harness/images.js'
import { execute, type Finished, removeTree, run, tempDir } from '../harness/processes.js'
import { type RunningRegistry, startRegistry } from '../harness/registry.js'
import { ActionRepository } from '../published-name.js'

const Root = fileURLToPath(new URL('../../', import.meta.url))
const Platforms = ['linux/amd64', 'linux/arm64']

interface PackedFile {
  path: string
  mode: number
}

let registry: RunningRegistry
let storage: Awaited<ReturnType<typeof buildahEnv>>
let work: string
let env: NodeJS.ProcessEnv
let packed: { filename: string; files: PackedFile[] }
/** The directory the tarball was installed into: `npx` runs there. */
let app: string

/**
 * A fresh machine's environment: a HOME and an npm cache of its own, npm offline, buildah's private storage,
 * and nothing of GitHub's or of the npm that may be running these tests (`npm_*`). This Node comes first on
 * PATH, so the bin's `#!/usr/bin/env node` finds it.
 */
function freshEnv(): NodeJS.ProcessEnv {
  const fresh: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(storage.env)) {
    if (!/^(npm_|GITHUB_|ACTIONS_|INPUT_|RUNNER_|NATIVE_MULTIARCH_)/i.test(key)) fresh[key] = value
  }
  return {
    ...fresh,
    PATH: [dirname(process.execPath), fresh.PATH].join(delimiter),
    HOME: join(work, 'home'),
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  }
}

beforeAll(async () => {
  ;[registry, storage, work] = await Promise.all([startRegistry(), buildahEnv(), tempDir('nma-package-')])
  env = freshEnv()
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: Root, env })
  packed = (JSON.parse(stdout) as (typeof packed)[])[0]!
  app = join(work, 'app')
  await run('mkdir', ['-p', app, env.HOME!])
  await run('npm', ['install', join(work, packed.filename)], { cwd: app, env })
})

afterAll(async () => {
  await Promise.all([registry?.stop(), storage?.cleanup()])
  await removeTree(work)
})

async function npx(args: string[]): Promise<Finished> {
  // As a user types it. npm is offline with an empty cache: only what is installed here can run.
  return execute('npx', ['native-multiarch', ...args], { cwd: app, env })
}

function expectOk(result: Finished): Finished {
  if (result.exitCode !== 0)
    throw new Error(
      `npx native-multiarch failed (exit ${result.exitCode}):\n${result.stdout}\n${result.stderr}`,
    )
  return result
}

test('the package holds the command line, its licenses, README, LICENSE and CHANGELOG, nothing else', async () => {
  expect(packed.files.map(file => file.path).sort()).toEqual([
    'CHANGELOG.md',
    'LICENSE',
    'README.md',
    'dist/cli-licenses.txt',
    'dist/cli.js',
    'package.json',
  ])
  // The licenses of every package bundled into dist/cli.js.
  const licenses = await readFile(join(Root, 'dist/cli-licenses.txt'), 'utf8')
  expect(licenses).toMatch(/^@actions\/exec\nMIT\n/m)
  expect(licenses).toMatch(/^@actions\/io\nMIT\n/m)
})

test('installed from the tarball alone, it brings no dependencies and its bin is dist/cli.js', async () => {
  const installed = join(app, 'node_modules')
  expect((await readdir(installed)).filter(name => !name.startsWith('.'))).toEqual(['native-multiarch'])
  const manifest = JSON.parse(
    await readFile(join(installed, 'native-multiarch/package.json'), 'utf8'),
  ) as Record<string, unknown>
  expect(manifest.private).toBeUndefined()
  expect(manifest.bin).toEqual({ 'native-multiarch': 'dist/cli.js' })
  expect(manifest.dependencies).toBeUndefined()
  expect(manifest.license).toBe('MIT')
})

test('npx native-multiarch --help', async () => {
  const { stdout, stderr } = expectOk(await npx(['--help']))
  expect(stdout).toMatch(/^Usage: native-multiarch build\|merge --images IMAGE/)
  expect(stdout).toContain('--platforms')
  // Where to read more: the README's command-line section, under the name the action is published as.
  expect(stdout).toContain(`https://github.com/${ActionRepository}#beyond-github-the-command-line`)
  expect(stderr).toBe('')
})

test('npx native-multiarch build and merge publish an index every architecture resolves', async () => {
  const image = `${registry.host}/package/app`
  const context = join(work, 'context')
  const records = join(work, 'records')
  await writeSampleContext(context, { platforms: Platforms })

  const built: Record<string, string> = {}
  for (const platform of Platforms) {
    const { stdout } = expectOk(
      await npx([
        'build',
        '--images',
        image,
        '--platform',
        platform,
        '--builder',
        'buildah',
        '--context',
        context,
        '--digests-path',
        records,
      ]),
    )
    expect(stdout).toMatch(new RegExp(`^platform=${platform}$`, 'm'))
    built[platform] = /^digest=(sha256:[0-9a-f]{64})$/m.exec(stdout)![1]!
  }

  const { stdout } = expectOk(
    await npx([
      'merge',
      '--images',
      image,
      '--digests-path',
      records,
      '--tags',
      '1.0',
      '--platforms',
      Platforms.join(','),
    ]),
  )
  expect(stdout).toMatch(new RegExp(`^refs=${image}:1\\.0$`, 'm'))
  const digest = /^digest=(sha256:[0-9a-f]{64})$/m.exec(stdout)![1]
  expect(sha256Digest(await inspectRaw(`${image}:1.0`))).toBe(digest)
  for (const platform of Platforms) {
    const pulled = await pullAs(`${image}:1.0`, platform)
    expect(pulled.platformFile.split('\n')[0]).toBe(platform)
    expect(pulled.digest).toBe(built[platform])
  }
})

test("engines.node is honest: the code is typed against that Node's API, and the Node versions it runs on meet it", async () => {
  const pkg = JSON.parse(await readFile(join(Root, 'package.json'), 'utf8')) as {
    engines: { node: string }
    devDependencies: Record<string, string>
  }
  const floor = Number(/^>=(\d+)$/.exec(pkg.engines.node)?.[1])
  // @types/node of the floor's major: a Node API added later does not compile.
  expect(pkg.devDependencies['@types/node']).toMatch(new RegExp(`^\\^${floor}\\.`))
  // These tests run on this Node; the action runs on action.yml's `using: node24`.
  expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(floor)
  const action = parse(await readFile(join(Root, 'action.yml'), 'utf8')) as { runs: { using: string } }
  expect(Number(/^node(\d+)$/.exec(action.runs.using)?.[1])).toBeGreaterThanOrEqual(floor)
})
