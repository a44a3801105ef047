/**
 * Build-step overhead: the action's build mode (buildah) against the builder doing the same work by itself.
 * The action runs `buildah build`, `buildah push IMAGE oci:DIR` and `buildah rmi IMAGE`, then uploads the
 * layout by digest and writes a digest record; the difference is what the action adds. For reference, the
 * way a workflow without the action would push: `buildah build` + `buildah push docker://REPO:TAG` + `rmi`.
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
  /** buildah build + push oci: + rmi: the builder's own part of what the action does. */
  builder: Series
  /** buildah build + push docker:// + rmi: building and pushing by hand, without the action. */
  byHand: Series
  /** action - builder (medians). */
  overheadMs: number
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
      const name = `localhost/bench-build:${++count}`
      const layout = await tempDir('bench-layout-')
      const ms = await timed(async () => {
        await run('buildah', ['build', '--platform', platform, '--tag', name, context], { env })
        await run('buildah', ['push', name, `oci:${layout}`], { env })
        await run('buildah', ['rmi', name], { env })
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
    return { ...result, overheadMs: Number((result.action.median - result.builder.median).toFixed(1)) }
  } finally {
    await registry.stop()
  }
}
