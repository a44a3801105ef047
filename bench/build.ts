/**
 * Build-step overhead: the action's build mode (buildah) against building and pushing by hand, the way a
 * workflow without the action would (`buildah build` + `buildah push docker://REPO:TAG` + `rmi`): the
 * difference is what a user pays for the action. Also against the builder's own part of what the action does
 * (`buildah build --tag oci:DIR`, compressed): the action starts Node, runs that, uploads the layout by digest
 * and writes a digest record, so that difference is what the action's own code adds.
 */
import { mkdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { expectSuccess, runAction } from '../__tests__/harness/action.js'
import { HostedRunnerEnv } from './environment.js'
import type { BuildahEnv } from '../__tests__/harness/images.js'
import { run, tempDir } from '../__tests__/harness/processes.js'
import { startRegistry } from '../__tests__/harness/registry.js'
import { alternate, series, timed, type Series } from './stats.js'

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
}

export async function benchBuild(
  work: string,
  context: string,
  storage: BuildahEnv,
  repetitions: number,
  log: (line: string) => void,
): Promise<BuildResults> {
  const platform = 'linux/amd64'
  const registry = await startRegistry()
  const env = storage.env
  let count = 0
  try {
    const records = join(work, 'records-build')
    const action = async (): Promise<number> => {
      await mkdir(records, { recursive: true })
      const ms = await timed(async () =>
        expectSuccess(
          await runAction(
            {
              mode: 'build',
              builder: 'buildah',
              images: `${registry.host}/bench/build`,
              platform,
              context,
              'digests-path': records,
            },
            { ...env, ...HostedRunnerEnv },
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
          { env },
        )
      })
      await rm(layout, { recursive: true, force: true })
      return ms
    }
    const byHand = async (): Promise<number> => {
      const name = `localhost/bench-build:${++count}`
      const digestFile = join(storage.dir, `digest-${count}`)
      const ms = await timed(async () => {
        await run('buildah', ['build', '--platform', platform, '--tag', name, context], { env })
        await run(
          'buildah',
          [
            'push',
            '--tls-verify=false',
            '--digestfile',
            digestFile,
            name,
            `docker://${registry.host}/bench/by-hand:latest`,
          ],
          { env },
        )
        await run('buildah', ['rmi', name], { env })
      })
      await readFile(digestFile)
      return ms
    }
    // Warm-up: the first build pays for cold caches.
    await action()
    await builder()
    await byHand()
    log(`build: ${platform}, ${repetitions} alternating repetitions`)
    const times = await alternate(repetitions, { action, builder, byHand })
    const result = {
      platform,
      action: series(times.action),
      builder: series(times.builder),
      byHand: series(times.byHand),
    }
    const difference = (baseline: Series): number =>
      Number((result.action.median - baseline.median).toFixed(1))
    return { ...result, overheadMs: difference(result.byHand), ownMs: difference(result.builder) }
  } finally {
    await registry.stop()
  }
}
