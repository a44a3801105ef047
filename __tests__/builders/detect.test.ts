import { selectBuilder } from '../../src/builders/detect.js'
import type { BuilderName } from '../../src/settings/names.js'
import type { Logger } from '../../src/core/logger.js'
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
  expect(info).toEqual([
    expect.stringMatching(/^Using podman \(podman version \d+\.\d+\.\d+\), chosen by builder: auto$/),
  ])
  expect(debug).toEqual([
    expect.stringMatching(/^builder auto: not buildx: no Docker engine answers \(.*no-engine.sock/),
  ])
  // Probes run in parallel and each is a version query: far below a second together.
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

test.each(['buildah', 'podman'] as BuilderName[])('an explicit %s that is installed is used', async name => {
  expect((await selectBuilder(name, { env: noEngine })).name).toBe(name)
})

test('an explicit buildx needs the plugin, not a local engine (remote builders have none)', async () => {
  expect((await selectBuilder('buildx', { env: noEngine })).name).toBe('buildx')
})
