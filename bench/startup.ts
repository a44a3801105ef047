/**
 * Start-up: `node dist/index.js` with an invalid mode (it reads its inputs and fails at once, so this is the
 * bundle's load time plus Node's own) against `node -e ''` (Node alone), alternating; and the bundle's sizes:
 * dist/index.js, which every run loads, and the chunks loaded only when needed (the artifact hand-off). Both
 * start as on a hosted runner, and again with this machine's NODE_EXTRA_CA_CERTS when it sets one.
 */
import { readdir, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { Bundle } from '../__tests__/harness/action.js'
import { ExtraCaCerts, HostedRunnerEnv } from './environment.js'
import { alternate, series, spawnTimed, type Series } from './stats.js'

export interface StartupResults {
  node: Series
  bundle: Series
  /** bundle - node (medians): what loading the bundle adds. */
  addedMs: number
  /** `docker --version`, for scale: the docker CLI's start-up. */
  dockerCli: Series
  /** The same two with this machine's NODE_EXTRA_CA_CERTS (see environment.ts), when it sets one. */
  withExtraCaCerts?: { node: Series; bundle: Series }
  /** Bytes per file of dist/: `index.js` loads at start-up, `*.index.js` chunks on demand. */
  sizes: Record<string, number>
}

/** The environment of a runner step, minus anything that could make the bundle do more than fail. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(INPUT_|GITHUB_|ACTIONS_)/.test(key)) env[key] = value
  }
  return { ...env, ...HostedRunnerEnv }
}

export async function benchStartup(
  repetitions: number,
  log: (line: string) => void,
): Promise<StartupResults> {
  const env = cleanEnv()
  const invalid = { ...env, INPUT_MODE: 'no-such-mode', INPUT_IMAGES: 'example.com/app' }
  const startNode = (extra: NodeJS.ProcessEnv) => async (): Promise<number> =>
    (await spawnTimed(process.execPath, ['-e', ''], { ...env, ...extra })).ms
  const startBundle = (extra: NodeJS.ProcessEnv) => async (): Promise<number> => {
    const { ms, exitCode } = await spawnTimed(process.execPath, [Bundle], { ...invalid, ...extra })
    if (exitCode !== 1) throw new Error(`node ${Bundle} with an invalid mode exited ${exitCode}, expected 1`)
    return ms
  }
  const node = startNode({})
  const bundle = startBundle({})
  const docker = async (): Promise<number> => (await spawnTimed('docker', ['--version'], env)).ms
  // Warm-up: the first runs read the files from disk.
  for (let i = 0; i < 3; i++) {
    await node()
    await bundle()
    await docker()
  }
  log(`start-up: ${repetitions} alternating repetitions`)
  const times = await alternate(repetitions, { node, bundle, docker })
  let withExtraCaCerts: StartupResults['withExtraCaCerts']
  if (ExtraCaCerts) {
    log(`start-up with this machine's NODE_EXTRA_CA_CERTS: ${repetitions} alternating repetitions`)
    const machine = { NODE_EXTRA_CA_CERTS: ExtraCaCerts }
    const extra = await alternate(repetitions, { node: startNode(machine), bundle: startBundle(machine) })
    withExtraCaCerts = { node: series(extra.node), bundle: series(extra.bundle) }
  }
  const dist = dirname(Bundle)
  const sizes: Record<string, number> = {}
  for (const file of (await readdir(dist)).filter(name => name.endsWith('.js')).sort()) {
    sizes[`dist/${basename(file)}`] = (await stat(join(dist, file))).size
  }
  const result = { node: series(times.node), bundle: series(times.bundle), dockerCli: series(times.docker) }
  const addedMs = Number((result.bundle.median - result.node.median).toFixed(1))
  return { ...result, addedMs, sizes, ...(withExtraCaCerts && { withExtraCaCerts }) }
}
