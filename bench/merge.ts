/**
 * Merge of P platforms x T tags: this action's bundle vs `docker manifest create/push` vs
 * `podman manifest create/add/push`, on the same images in the same local registry. Wall time (alternating
 * repetitions, medians) and the registry's requests from its access log.
 */
import { join } from 'node:path'
import { writeDockerConfig } from '../__tests__/harness/docker-config.js'
import type { BuildahEnv } from '../__tests__/harness/images.js'
import { startRegistry, type RunningRegistry } from '../__tests__/harness/registry.js'
import {
  BenchPlatforms,
  buildWithAction,
  countRequests,
  measure,
  mergeWithAction,
  mergeWithDockerManifest,
  mergeWithPodman,
  tagList,
  type BuiltImages,
} from './merge-tools.js'
import { ExtraCaCerts, HostedRunnerEnv, MachineEnv } from './environment.js'
import { alternate, series, timed, type Series } from './stats.js'

export const MergeTools = ['action', 'docker', 'podman'] as const
export type MergeTool = (typeof MergeTools)[number]

export const MergeToolLabels: Record<MergeTool, string> = {
  action: 'native-multiarch (dist/index.js)',
  docker: 'docker manifest create + push',
  podman: 'podman manifest create/add/push',
}

export interface ToolResult {
  ms: Series
  /** Registry requests of one merge (the median over the repetitions; they did not vary). */
  requests: number
  /** Distinct request counts seen over the repetitions (one value when stable). */
  requestCountsSeen: number[]
  byKind: Record<string, number>
}

export interface MergeScenarioResult {
  platforms: number
  tags: number
  tools: Record<MergeTool, ToolResult>
  /** The action again, with this machine's NODE_EXTRA_CA_CERTS (see environment.ts), when it sets one. */
  actionWithExtraCaCerts?: Series
}

export interface TokenRegistryResult {
  platforms: number
  tags: number
  tools: Record<MergeTool, { requests: number; tokenRequests: number; byKind: Record<string, number> }>
}

export interface MergeResults {
  scenarios: MergeScenarioResult[]
  tokenRegistry: TokenRegistryResult
}

export const MergeScenarios: readonly [number, number][] = [
  [1, 1],
  [4, 4],
  [8, 8],
]

type Runner = (built: BuiltImages, tags: string[]) => Promise<unknown>

function runners(
  storage: BuildahEnv,
  registry: RunningRegistry,
  dockerConfig?: string,
): Record<MergeTool, Runner> {
  const creds = registry.auth === 'none' ? undefined : `${registry.username}:${registry.password}`
  const env = { ...HostedRunnerEnv, ...(dockerConfig && { DOCKER_CONFIG: dockerConfig }) }
  return {
    action: (built, tags) => mergeWithAction(built, tags, env),
    docker: (built, tags) => mergeWithDockerManifest(built, tags, dockerConfig),
    podman: (built, tags) => mergeWithPodman(built, tags, storage.env, creds),
  }
}

export async function benchMerge(
  work: string,
  context: string,
  storage: BuildahEnv,
  repetitions: number,
  log: (line: string) => void,
): Promise<MergeResults> {
  const registry = await startRegistry()
  try {
    const scenarios: MergeScenarioResult[] = []
    const run = runners(storage, registry)
    const byPlatformCount = new Map<number, BuiltImages>()
    for (const [platforms, tags] of MergeScenarios) {
      let built = byPlatformCount.get(platforms)
      if (!built) {
        log(`merge: building ${platforms} platform(s) with the action's build mode`)
        built = await buildWithAction(
          `${registry.host}/bench/p${platforms}`,
          BenchPlatforms.slice(0, platforms),
          context,
          join(work, `records-p${platforms}`),
          storage.env,
        )
        byPlatformCount.set(platforms, built)
      }
      const images = built
      const requests = Object.fromEntries(MergeTools.map(tool => [tool, [] as number[]])) as Record<
        MergeTool,
        number[]
      >
      const byKind = {} as Record<MergeTool, Record<string, number>>
      // Fresh tags for every measured merge: each is a first-time publish. The same tags again would measure a
      // re-run, which for this action is HEADs only (every tag already in place), not a merge.
      let round = 0
      const fresh = (tool: string) => tagList(`${tool}-${++round}`, tags)
      const contender = (tool: MergeTool) => async (): Promise<number> => {
        const tagNames = fresh(tool)
        const measured = await measure(registry, () => run[tool](images, tagNames))
        const counts = countRequests(measured.requests)
        requests[tool].push(counts.total)
        byKind[tool] = counts.byKind
        return measured.ms
      }
      // One warm-up round (page cache, the registry's first writes to these tags), not recorded.
      for (const tool of MergeTools) await run[tool](images, fresh(tool))
      log(`merge: ${platforms}x${tags}, ${repetitions} alternating repetitions`)
      const contenders: Record<string, () => Promise<number>> = Object.fromEntries(
        MergeTools.map(tool => [tool, contender(tool)]),
      )
      if (ExtraCaCerts)
        contenders.actionWithExtraCaCerts = () =>
          timed(() => mergeWithAction(images, fresh('action-ca'), MachineEnv))
      const times = await alternate(repetitions, contenders)
      const tools = Object.fromEntries(
        MergeTools.map(tool => {
          const seen = [...new Set(requests[tool])].sort((a, b) => a - b)
          const result: ToolResult = {
            ms: series(times[tool]),
            requests: series(requests[tool], 0).median,
            requestCountsSeen: seen,
            byKind: byKind[tool],
          }
          return [tool, result]
        }),
      ) as Record<MergeTool, ToolResult>
      const scenario: MergeScenarioResult = { platforms, tags, tools }
      if (times.actionWithExtraCaCerts) scenario.actionWithExtraCaCerts = series(times.actionWithExtraCaCerts)
      scenarios.push(scenario)
    }
    return { scenarios, tokenRegistry: await tokenRegistryCounts(work, context, storage, log) }
  } finally {
    await registry.stop()
  }
}

/** Request counts (registry and token service) of one 4x4 merge per tool on a Bearer-token registry. */
async function tokenRegistryCounts(
  work: string,
  context: string,
  storage: BuildahEnv,
  log: (line: string) => void,
): Promise<TokenRegistryResult> {
  const [platforms, tags] = [4, 4]
  const registry = await startRegistry({ auth: 'token' })
  const config = await writeDockerConfig({
    [registry.host]: { username: registry.username, password: registry.password },
  })
  try {
    log(`merge: ${platforms}x${tags} on a Bearer-token registry (request counts)`)
    const built = await buildWithAction(
      `${registry.host}/bench/token`,
      BenchPlatforms.slice(0, platforms),
      context,
      join(work, 'records-token'),
      { ...storage.env, ...config.env },
    )
    const run = runners(storage, registry, config.dir)
    const tools = {} as TokenRegistryResult['tools']
    for (const tool of MergeTools) {
      const measured = await measure(registry, () => run[tool](built, tagList(tool, tags)))
      const counts = countRequests(measured.requests)
      tools[tool] = { requests: counts.total, tokenRequests: measured.tokenRequests, byKind: counts.byKind }
    }
    return { platforms, tags, tools }
  } finally {
    await config.cleanup()
    await registry.stop()
  }
}
