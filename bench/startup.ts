/**
 * Start-up: `node dist/index.js` with an invalid mode (it reads its inputs and fails at once, so this is the
 * bundle's load time plus Node's own) against `node -e ''` (Node alone), alternating; and the bundle's sizes:
 * dist/index.js, which every run loads, and the chunks loaded only when needed (the artifact hand-off). Both
 * start as on a hosted runner, and again with this machine's NODE_EXTRA_CA_CERTS when it sets one.
 */
import { readdir, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { baseEnv, Bundle } from '../__tests__/harness/action.js'
import { ExtraCaCerts, HostedRunnerEnv, MachineEnv } from './environment.js'
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

export async function benchStartup(
  repetitions: number,
  log: (line: string) => void,
): Promise<StartupResults> {
  // A runner step's variables without GitHub's, so that the bundle does nothing but fail on its mode.
  const env = { ...baseEnv(), ...HostedRunnerEnv }
  const invalid = { ...env, INPUT_MODE: 'no-such-mode', INPUT_IMAGES: 'example.com/app' }
  const startNode = (extra: NodeJS.ProcessEnv) => async (): Promise<number> =>
    (await spawnTimed(process.execPath, ['-e', ''], { ...env, ...extra })).ms
  const startBundle = (extra: NodeJS.ProcessEnv) => async (): Promise<number> => {
    const { ms, exitCode } = await spawnTimed(process.execPath, [Bundle], { ...invalid, ...extra })
    if (exitCode !== 1) throw new Error(`node ${Bundle} with an invalid mode exited ${exitCode}, expected 1`)
    return ms
  }
  const contenders: Record<string, () => Promise<number>> = {
    node: startNode({}),
    bundle: startBundle({}),
    docker: async () => (await spawnTimed('docker', ['--version'], env)).ms,
  }
  if (ExtraCaCerts) {
    contenders.nodeWithExtraCaCerts = startNode(MachineEnv)
    contenders.bundleWithExtraCaCerts = startBundle(MachineEnv)
  }
  // Warm-up: the first runs read the files from disk.
  for (let i = 0; i < 3; i++) for (const start of Object.values(contenders)) await start()
  log(`start-up: ${repetitions} alternating repetitions`)
  const times = await alternate(repetitions, contenders)
  const withExtraCaCerts = times.nodeWithExtraCaCerts &&
    times.bundleWithExtraCaCerts && {
      node: series(times.nodeWithExtraCaCerts),
      bundle: series(times.bundleWithExtraCaCerts),
    }
  const dist = dirname(Bundle)
  const sizes: Record<string, number> = {}
  for (const file of (await readdir(dist)).filter(name => name.endsWith('.js')).sort()) {
    sizes[`dist/${file}`] = (await stat(join(dist, file))).size
  }
  const result = { node: series(times.node), bundle: series(times.bundle), dockerCli: series(times.docker) }
  const addedMs = Number((result.bundle.median - result.node.median).toFixed(1))
  return { ...result, addedMs, sizes, ...(withExtraCaCerts && { withExtraCaCerts }) }
}
