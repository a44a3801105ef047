/**
 * Build-step overhead: the action's build mode (buildah) against building and pushing by hand, the way a
 * workflow without the action would (`buildah build` + `buildah push docker://REPO:TAG` + `rmi`): the
 * difference is what a user pays for the action. Also against the builder's own part of what the action does
 * (`buildah build --tag oci:DIR`, compressed): the action starts Node, runs that, uploads the layout by digest
 * and writes a digest record, so that difference is what the action's own code adds.
 *
 * Twice: to a plain registry on loopback, and to a Bearer-token registry behind the tests' fault proxy holding
 * every request (token requests too) `RemoteDelayMs`, as GHCR is a network away from a runner.
 */
import { mkdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { expectSuccess, runAction } from '../__tests__/harness/action.js'
import type { BuildahEnv } from '../__tests__/harness/images.js'
import { run, tempDir } from '../__tests__/harness/processes.js'
import { startProxiedTokenRegistry } from '../__tests__/harness/proxied-registry.js'
import { startRegistry } from '../__tests__/harness/registry.js'
import { HostedRunnerEnv } from './environment.js'
import { alternate, series, type Series, timed } from './stats.js'

/** What each request to the remote registry waits, token requests included. */
export const RemoteDelayMs = 20

export interface BuildResults {
  platform: string
  /** The action's build mode, `node dist/index.js` start to exit. */
  action: Series
  /** buildah build --tag oci:DIR: the builder's own part of what the action does. */
  builder: Series
  /** buildah build + push docker:// + rmi: building and pushing by hand, without the action. */
  byHand: Series
  /** action - byHand (medians): what the action costs over doing it by hand. */
  overheadMs: number
  /** action - builder (medians): what the action's own code adds to the builder's part. */
  ownMs: number
  /** The same build pushed to a Bearer-token registry `delayMs` away (per request). */
  remote: { delayMs: number; action: Series; byHand: Series; overheadMs: number }
}

/** Where a build pushes: the image name, and the environment (a login) both contenders run with. */
interface Target {
  image: string
  env: NodeJS.ProcessEnv
  /** For `buildah push --authfile`: the same login as a file. */
  authFile?: string
}

export async function benchBuild(
  work: string,
  context: string,
  storage: BuildahEnv,
  repetitions: number,
  log: (line: string) => void,
): Promise<BuildResults> {
  const platform = 'linux/amd64'
  const local = await startRegistry()
  const remote = await startProxiedTokenRegistry({ delayMs: RemoteDelayMs })
  const { proxy, login } = remote
  let count = 0
  try {
    const records = join(work, 'records-build')
    const action = (target: Target) => async (): Promise<number> => {
      await mkdir(records, { recursive: true })
      const ms = await timed(async () =>
        expectSuccess(
          await runAction(
            {
              mode: 'build',
              builder: 'buildah',
              images: target.image,
              platform,
              context,
              'digests-path': records,
            },
            { ...storage.env, ...target.env, ...HostedRunnerEnv },
          ),
        ),
      )
      await rm(records, { recursive: true, force: true })
      return ms
    }
    const builder = async (): Promise<number> => {
      const layout = await tempDir('bench-layout-')
      const ms = await timed(async () => {
        await run(
          'buildah',
          ['build', '--platform', platform, '--disable-compression=false', '--tag', `oci:${layout}`, context],
          { env: storage.env },
        )
      })
      await rm(layout, { recursive: true, force: true })
      return ms
    }
    const byHand = (target: Target) => async (): Promise<number> => {
      const name = `localhost/bench-build:${++count}`
      const digestFile = join(storage.dir, `digest-${count}`)
      const env = { ...storage.env, ...target.env }
      const auth = target.authFile ? ['--authfile', target.authFile] : []
      const ms = await timed(async () => {
        await run('buildah', ['build', '--platform', platform, '--tag', name, context], { env })
        await run(
          'buildah',
          [
            'push',
            '--tls-verify=false',
            ...auth,
            '--digestfile',
            digestFile,
            name,
            `docker://${target.image}:latest`,
          ],
          { env },
        )
        await run('buildah', ['rmi', name], { env })
      })
      await readFile(digestFile)
      return ms
    }
    const onLocal: Target = { image: `${local.host}/bench/build`, env: {} }
    const onRemote: Target = { image: `${proxy.host}/bench/build`, env: login.env, authFile: login.file }
    const contenders = {
      action: action(onLocal),
      builder,
      byHand: byHand(onLocal),
      remoteAction: action(onRemote),
      remoteByHand: byHand(onRemote),
    }
    // Warm-up: the first build pays for cold caches.
    for (const contender of Object.values(contenders)) await contender()
    log(
      `build: ${platform}, ${repetitions} alternating repetitions (loopback, and token registry ${RemoteDelayMs} ms away)`,
    )
    const times = await alternate(repetitions, contenders)
    const measured = {
      action: series(times.action),
      builder: series(times.builder),
      byHand: series(times.byHand),
      remoteAction: series(times.remoteAction),
      remoteByHand: series(times.remoteByHand),
    }
    const difference = (ours: Series, baseline: Series): number =>
      Number((ours.median - baseline.median).toFixed(1))
    return {
      platform,
      action: measured.action,
      builder: measured.builder,
      byHand: measured.byHand,
      overheadMs: difference(measured.action, measured.byHand),
      ownMs: difference(measured.action, measured.builder),
      remote: {
        delayMs: RemoteDelayMs,
        action: measured.remoteAction,
        byHand: measured.remoteByHand,
        overheadMs: difference(measured.remoteAction, measured.remoteByHand),
      },
    }
  } finally {
    await remote.stop()
    await local.stop()
  }
}
