import { selectBuilder } from '../../src/builders/detect.js'
import type { BuilderName } from '../../src/settings/names.js'
import type { Logger } from '../../src/core/logger.js'
import { execFileSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { removeTree, tempDir } from '../harness/processes.js'

let empty: string
let noEngine: NodeJS.ProcessEnv

beforeAll(async () => {
  empty = await tempDir('detect-test-')
  // The real tools on PATH, but no Docker engine behind DOCKER_HOST (and buildx state kept out of ~/.docker).
  noEngine = { ...process.env, DOCKER_HOST: `unix://${empty}/no-engine.sock`, DOCKER_CONFIG: empty }
})

afterAll(() => removeTree(empty))

test('auto without a Docker engine picks podman, and says why not buildx', async () => {
  const debug: string[] = []
  const info: string[] = []
  const logger: Logger = { debug: m => debug.push(m), info: m => info.push(m), warning: () => {} }
  const started = Date.now()
  const builder = await selectBuilder('auto', { env: noEngine, logger })
  expect(builder.name).toBe('podman')
  expect(info).toEqual([expect.stringMatching(/^Using podman \(\/\S+\/podman\), chosen by builder: auto$/)])
  expect(debug).toEqual([
    expect.stringMatching(/^builder auto: not buildx: no Docker engine answers \(.*no-engine.sock/),
  ])
  // Probes run in parallel, and podman is found on PATH without being run: far below a second together.
  expect(Date.now() - started).toBeLessThan(2000)
})

test('auto with nothing installed lists every reason and how to install', async () => {
  await expect(selectBuilder('auto', { env: { ...noEngine, PATH: empty } })).rejects.toThrow(
    "Input 'builder' is 'auto', but no builder is usable (buildx: 'docker buildx version' failed (docker is not on PATH); " +
      'podman: podman is not on PATH; buildah: buildah is not on PATH). For buildx, add a docker/setup-buildx-action step',
  )
})

test.each([
  [
    'buildx',
    /Input 'builder' is 'buildx', but 'docker buildx version' failed \(docker is not on PATH\)\. To use it, add a docker\/setup-buildx-action step/,
  ],
  [
    'podman',
    /Input 'builder' is 'podman', but podman is not on PATH\. To use it, install it first, e\.g\. 'sudo apt-get install -y podman'/,
  ],
  [
    'buildah',
    /Input 'builder' is 'buildah', but buildah is not on PATH\. To use it, install it first, e\.g\. 'sudo apt-get install -y buildah'/,
  ],
] as [BuilderName, RegExp][])(
  'an explicit %s that is not installed is a clear error',
  async (name, message) => {
    await expect(selectBuilder(name, { env: { ...noEngine, PATH: empty } })).rejects.toThrow(message)
  },
)

test.each(['buildah', 'podman'] as BuilderName[])(
  'an explicit %s that is installed is used, found on PATH without running it',
  async name => {
    const info: string[] = []
    const logger: Logger = { debug: () => {}, info: m => info.push(m), warning: () => {} }
    expect((await selectBuilder(name, { env: noEngine, logger })).name).toBe(name)
    // Where a shell finds it.
    const path = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim()
    expect(info).toEqual([`Using ${name} (${path})`])
  },
)

test('a file on PATH that is not executable, or a directory, is not a builder', async () => {
  const notExecutable = join(empty, 'not-executable')
  const directory = join(empty, 'directory')
  await mkdir(notExecutable, { recursive: true })
  await writeFile(join(notExecutable, 'buildah'), '#!/bin/sh\n', { mode: 0o644 })
  await mkdir(join(directory, 'buildah'), { recursive: true })
  const env = { ...noEngine, PATH: `${notExecutable}:${directory}` }
  await expect(selectBuilder('buildah', { env })).rejects.toThrow(/buildah is not on PATH/)
  // The first executable one wins, as in a shell.
  await writeFile(join(directory, 'podman'), '#!/bin/sh\n', { mode: 0o755 })
  const info: string[] = []
  const logger: Logger = { debug: () => {}, info: m => info.push(m), warning: () => {} }
  await selectBuilder('podman', { env: { ...env, PATH: `${directory}:/usr/bin` }, logger })
  expect(info).toEqual([`Using podman (${join(directory, 'podman')})`])
})

test('an explicit buildx needs the plugin, not a local engine (remote builders have none)', async () => {
  expect((await selectBuilder('buildx', { env: noEngine })).name).toBe('buildx')
})
