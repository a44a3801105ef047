/**
 * Merge of P platforms x T tags: this action's bundle vs `docker buildx imagetools create` (the baseline: the
 * fastest peer, and what the Docker docs' multi-runner recipe uses) vs `docker manifest create/push` vs
 * `podman manifest create/add/push`, on the same images in the same local registry; then the same merge with a
 * copy: two platforms with ~100 MiB layers of random (incompressible) data, from one registry to a second, ours
 * against imagetools, beside the target registry storing those layers as curl sends them from files (what
 * neither can go below). Wall time (alternating repetitions, medians), the registries' requests from their access
 * logs, and peak memory (peak.ts), next to the request floor.
 *
 * The floor, with one target repository, is what the merge needs and nothing more: P child checks (HEAD), T tag
 * checks (where each tag points now, for "Tags that only move forward") and T tag PUTs (each stores the index
 * under its digest too, so no PUT by digest is needed): P + 2T.
 */
import { createWriteStream } from 'node:fs'
import { mkdir, open, writeFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import { writeDockerConfig } from '../__tests__/harness/docker-config.js'
import { startFaultProxy } from '../__tests__/harness/fault-proxy.js'
import { inspectRaw, openUpload, writeSampleContext, type BuildahEnv } from '../__tests__/harness/images.js'
import { removeTree, run, tempDir } from '../__tests__/harness/processes.js'
import { startRegistry, type RegistryRequest, type RunningRegistry } from '../__tests__/harness/registry.js'
import {
  BenchPlatforms,
  buildWithAction,
  countRequests,
  imagetoolsArgs,
  measure,
  mergeWithDockerManifest,
  mergeWithPodman,
  tagList,
  type BuiltImages,
  type CommandRunner,
} from './merge-tools.js'
import { ExtraCaCerts, HostedRunnerEnv, MachineEnv } from './environment.js'
import { runActionPeak, runPeak } from './peak.js'
import { alternate, series, type Series } from './stats.js'

export const MergeTools = ['action', 'imagetools', 'docker', 'podman'] as const
export type MergeTool = (typeof MergeTools)[number]
/** The contenders of the cross-registry copy (docker manifest refuses sources on another registry). */
export const CopyTools = ['action', 'imagetools'] as const
export type CopyTool = (typeof CopyTools)[number]

export const MergeToolLabels: Record<MergeTool, string> = {
  action: 'native-multiarch (dist/index.js)',
  imagetools: 'docker buildx imagetools create',
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
  /** Peak resident set in MiB (peak.ts), over the repetitions. */
  peakMiB: Series
  /** CPU time, user + system, of the contender's process tree (peak.ts), where it is one process run. */
  cpuMs?: Series
}

export interface MergeScenarioResult {
  platforms: number
  tags: number
  /** P + 2T: the requests the merge needs with one target repository. */
  floor: number
  tools: Record<MergeTool, ToolResult>
  /** The action again, with this machine's NODE_EXTRA_CA_CERTS (see environment.ts), when it sets one. */
  actionWithExtraCaCerts?: Series
}

export interface CopyResult {
  platforms: number
  tags: number
  /** Size of each platform's big layer file, before gzip (random bytes do not compress). */
  layerMiB: number
  /**
   * Requests a copy needs, over both registries: per child a HEAD of the manifest on the target, the manifest
   * GET and per blob (config and one layer) a HEAD on the target, the GET from the source and an upload (POST
   * then PUT), then the child manifest PUT; then T tag checks and T tag PUTs: P(3 + 4B) + 2T with B = 2.
   */
  floor: number
  tools: Record<CopyTool, ToolResult>
  /**
   * The target registry storing the layers as curl sends them: one PUT per layer from a local file, all at once,
   * their POSTs sent before the clock starts. A lower bound for a copy into this target on this machine: the
   * bytes must reach it and be stored whoever sends them.
   */
  ingest: Series
}

export interface TokenRegistryResult {
  platforms: number
  tags: number
  tools: Record<MergeTool, { requests: number; tokenRequests: number; byKind: Record<string, number> }>
}

/** A merge whose registry answers each request `delayMs` late, as one across a network does. */
export interface LatencyResult {
  platforms: number
  tags: number
  delayMs: number
  floor: number
  tools: Record<CopyTool, ToolResult>
}

export interface MergeResults {
  scenarios: MergeScenarioResult[]
  /** P x T again, behind a proxy that delays every request: what a round of requests costs. */
  latency: LatencyResult
  copy: CopyResult
  tokenRegistry: TokenRegistryResult
}

export const MergeScenarios: readonly [number, number][] = [
  [4, 4],
  [8, 8],
  [16, 4],
]

/** The latency case: P x T through a proxy that holds each request this long before passing it on. */
const LatencyShape = { platforms: 16, tags: 4, delayMs: 20 }

/** The cross-registry case: P platforms with one layer of this many MiB each, copied under T tags. */
const CopyShape = { platforms: 2, tags: 1, layerMiB: 100 }

let tagRuns = 0

/**
 * Tags no run has published yet, as a release's new version tags are. Publishing the same index again under tags
 * that already point at it would be a no-op for imagetools (it HEADs each tag and skips the PUT when the digest
 * matches) while ours PUTs every tag: the repeated runs would compare work nobody does in CI.
 */
function freshTags(prefix: string, count: number): string[] {
  return tagList(`${prefix}-r${++tagRuns}`, count)
}

export const floorOf = (platforms: number, tags: number): number => platforms + 2 * tags

/** One contender's merge: its wall time and CPU time (of the process where it is one) and peak memory. */
interface Measured {
  ms?: number
  peakKiB: number
  cpuMs?: number
}
type Runner = (built: BuiltImages, tags: string[]) => Promise<Measured>

/** A CommandRunner that runs under GNU time and keeps the largest peak it saw. */
function peakTracker(): { exec: CommandRunner; peak: () => number } {
  let peak = 0
  return {
    exec: async (cmd, args, { env }) => {
      peak = Math.max(peak, (await runPeak(cmd, args, env)).peakKiB)
    },
    peak: () => peak,
  }
}

function runners(
  storage: BuildahEnv,
  registry: RunningRegistry,
  imagetoolsConfig: string,
  dockerConfig?: string,
): Record<MergeTool, Runner> {
  const creds = registry.auth === 'none' ? undefined : `${registry.username}:${registry.password}`
  const env = { ...HostedRunnerEnv, ...(dockerConfig && { DOCKER_CONFIG: dockerConfig }) }
  return {
    action: async (built, tags) => {
      const merged = await runActionPeak(
        {
          mode: 'merge',
          images: built.image,
          tags: tags.join(','),
          platforms: built.platforms.join(','),
          'digests-path': built.records,
        },
        env,
      )
      return { ms: merged.ms, peakKiB: merged.peakKiB, cpuMs: merged.cpuMs }
    },
    imagetools: async (built, tags) => {
      const sources = built.digests.map(digest => `${built.image}@${digest}`)
      const targets = tags.map(tag => `${built.image}:${tag}`)
      const args = imagetoolsArgs(sources, targets)
      const merged = await runPeak('docker', args, { ...process.env, DOCKER_CONFIG: imagetoolsConfig })
      return { ms: merged.ms, peakKiB: merged.peakKiB, cpuMs: merged.cpuMs }
    },
    docker: async (built, tags) => {
      const tracker = peakTracker()
      await mergeWithDockerManifest(built, tags, dockerConfig, tracker.exec)
      return { peakKiB: tracker.peak() }
    },
    podman: async (built, tags) => {
      const tracker = peakTracker()
      await mergeWithPodman(built, tags, storage.env, creds, tracker.exec)
      return { peakKiB: tracker.peak() }
    },
  }
}

const toMiB = (kib: number): number => kib / 1024

/** Collects each contender's measurements over the repetitions. */
class Collector<K extends string> {
  private readonly requests = {} as Record<K, number[]>
  private readonly peaks = {} as Record<K, number[]>
  private readonly kinds = {} as Record<K, Record<string, number>>
  private readonly cpu = {} as Record<K, number[]>

  add(tool: K, requests: RegistryRequest[], measured: Measured): void {
    const counts = countRequests(requests)
    ;(this.requests[tool] ??= []).push(counts.total)
    ;(this.peaks[tool] ??= []).push(toMiB(measured.peakKiB))
    if (measured.cpuMs !== undefined) (this.cpu[tool] ??= []).push(measured.cpuMs)
    this.kinds[tool] = counts.byKind
  }

  result(tool: K, times: number[]): ToolResult {
    const requests = this.requests[tool]
    return {
      ms: series(times),
      requests: series(requests, 0).median,
      requestCountsSeen: [...new Set(requests)].sort((a, b) => a - b),
      byKind: this.kinds[tool],
      peakMiB: series(this.peaks[tool]),
      ...(this.cpu[tool] && { cpuMs: series(this.cpu[tool]) }),
    }
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
  const imagetoolsConfig = join(work, 'imagetools-docker-config')
  await mkdir(imagetoolsConfig, { recursive: true })
  try {
    const scenarios: MergeScenarioResult[] = []
    const run = runners(storage, registry, imagetoolsConfig)
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
      const collected = new Collector<MergeTool>()
      const contender = (tool: MergeTool) =>
        measuredMerge(registry, collected, tool, () => run[tool](images, freshTags(tool, tags)))
      // One warm-up round (page cache, the registry's first writes to these tags), not recorded.
      for (const tool of MergeTools) await run[tool](images, freshTags(tool, tags))
      log(`merge: ${platforms}x${tags}, ${repetitions} alternating repetitions`)
      const contenders: Record<string, () => Promise<number>> = Object.fromEntries(
        MergeTools.map(tool => [tool, contender(tool)]),
      )
      if (ExtraCaCerts)
        contenders.actionWithExtraCaCerts = async () => {
          const merged = await runActionPeak(
            {
              mode: 'merge',
              images: images.image,
              tags: freshTags('action-extra-ca', tags).join(','),
              platforms: images.platforms.join(','),
              'digests-path': images.records,
            },
            MachineEnv,
          )
          return merged.ms
        }
      const times = await alternate(repetitions, contenders)
      const tools = Object.fromEntries(
        MergeTools.map(tool => [tool, collected.result(tool, times[tool]!)]),
      ) as Record<MergeTool, ToolResult>
      const scenario: MergeScenarioResult = { platforms, tags, floor: floorOf(platforms, tags), tools }
      if (times.actionWithExtraCaCerts) scenario.actionWithExtraCaCerts = series(times.actionWithExtraCaCerts)
      scenarios.push(scenario)
    }
    const latency = await benchLatency(work, context, storage, repetitions, log)
    const copy = await benchCopy(work, storage, repetitions, log)
    return { scenarios, latency, copy, tokenRegistry: await tokenRegistryCounts(work, context, storage, log) }
  } finally {
    await registry.stop()
  }
}

/**
 * The merge of LatencyShape behind a fault proxy (the test harness's) that waits `delayMs` before it forwards
 * each request: on loopback a round of requests costs next to nothing, across a network a round trip each.
 * Ours and imagetools, alternating; requests from the registry's access log.
 */
async function benchLatency(
  work: string,
  context: string,
  storage: BuildahEnv,
  repetitions: number,
  log: (line: string) => void,
): Promise<LatencyResult> {
  const { platforms, tags, delayMs } = LatencyShape
  const registry = await startRegistry()
  const proxy = await startFaultProxy({ target: registry.url, delayMs })
  const imagetoolsConfig = join(work, 'imagetools-docker-config-latency')
  await mkdir(imagetoolsConfig, { recursive: true })
  try {
    log(`latency: building ${platforms} platforms behind a proxy adding ${delayMs} ms per request`)
    const built = await buildWithAction(
      `${proxy.host}/bench/latency`,
      BenchPlatforms.slice(0, platforms),
      context,
      join(work, 'records-latency'),
      storage.env,
    )
    const run = runners(storage, registry, imagetoolsConfig)
    const collected = new Collector<CopyTool>()
    const merge = (tool: CopyTool) => () => run[tool](built, freshTags(`latency-${tool}`, tags))
    for (const tool of CopyTools) await merge(tool)()
    log(`latency: ${platforms}x${tags}, ${repetitions} alternating repetitions`)
    const tools = await alternateCopyTools(repetitions, collected, tool =>
      measuredMerge(registry, collected, tool, merge(tool)),
    )
    return { platforms, tags, delayMs, floor: floorOf(platforms, tags), tools }
  } finally {
    await proxy.stop()
    await registry.stop()
  }
}

/**
 * A contender's one merge on `registry`, measured: its requests and peak memory go to `collected`, and its wall
 * time (of its own process where it is one) is returned for `alternate`.
 */
function measuredMerge<K extends MergeTool>(
  registry: RunningRegistry,
  collected: Collector<K>,
  tool: K,
  merge: () => Promise<Measured>,
): () => Promise<number> {
  return async () => {
    let result: Measured | undefined
    const measured = await measure(registry, async () => {
      result = await merge()
    })
    collected.add(tool, measured.requests, result!)
    return result!.ms ?? measured.ms
  }
}

/** Ours and imagetools, alternating `repetitions` times, and what was collected of each. */
async function alternateCopyTools(
  repetitions: number,
  collected: Collector<CopyTool>,
  contender: (tool: CopyTool) => () => Promise<number>,
): Promise<Record<CopyTool, ToolResult>> {
  const times = await alternate(repetitions, {
    action: contender('action'),
    imagetools: contender('imagetools'),
  })
  return {
    action: collected.result('action', times.action),
    imagetools: collected.result('imagetools', times.imagetools),
  }
}

/** Writes `mib` MiB of random bytes to `file`, 1 MiB at a time. */
async function writeRandomFile(file: string, mib: number): Promise<void> {
  const handle = await open(file, 'w')
  try {
    for (let i = 0; i < mib; i++) await handle.write(randomBytes(2 ** 20))
  } finally {
    await handle.close()
  }
}

/**
 * The cross-registry case: CopyShape.platforms images, each one layer holding a file of random bytes, built and
 * pushed to a source registry by the action's build mode, then merged into a second registry by the action
 * (the sources given in `digests`, as a user names images pushed elsewhere) and by imagetools. Every run
 * writes to a repository of its own, so each copies every blob (nothing is there yet, and a mount cannot cross
 * registries). Requests are counted on both registries; peak memory samples the whole process tree.
 */
async function benchCopy(
  work: string,
  storage: BuildahEnv,
  repetitions: number,
  log: (line: string) => void,
): Promise<CopyResult> {
  const { platforms: count, tags: tagCount, layerMiB } = CopyShape
  const platforms = BenchPlatforms.slice(0, count)
  const context = join(work, 'context-big')
  await writeSampleContext(context, { platforms })
  for (const platform of platforms)
    await writeRandomFile(join(context, 'platforms', platform, 'layer.bin'), layerMiB)
  await writeFile(
    join(context, 'Dockerfile'),
    'FROM scratch\nARG TARGETPLATFORM\nCOPY platforms/${TARGETPLATFORM}/ /data/\n',
  )
  const source = await startRegistry()
  const target = await startRegistry()
  const imagetoolsConfig = join(work, 'imagetools-docker-config-copy')
  const noRecords = await tempDir('bench-no-records-')
  await mkdir(imagetoolsConfig, { recursive: true })
  try {
    log(`copy: building ${count} platforms with a ${layerMiB} MiB random layer each`)
    const built = await buildWithAction(
      `${source.host}/bench/big`,
      platforms,
      context,
      join(work, 'records-big'),
      storage.env,
    )
    await removeTree(context)
    const sources = built.digests.map(digest => `${built.image}@${digest}`)
    const layers = await downloadLayers(source, built, join(work, 'layers'))
    let runs = 0
    const copy: Record<CopyTool, () => Promise<Measured>> = {
      action: async () => {
        const merged = await runActionPeak(
          {
            mode: 'merge',
            images: `${target.host}/bench/copy-action-${++runs}`,
            tags: tagList('t', tagCount).join(','),
            platforms: platforms.join(','),
            digests: sources.join(','),
            'digests-path': noRecords,
          },
          HostedRunnerEnv,
          { sampleTree: true },
        )
        return merged
      },
      imagetools: async () => {
        const repository = `${target.host}/bench/copy-imagetools-${++runs}`
        const targets = tagList('t', tagCount).map(tag => `${repository}:${tag}`)
        const env = { ...process.env, DOCKER_CONFIG: imagetoolsConfig }
        return runPeak('docker', imagetoolsArgs(sources, targets), env, { sampleTree: true })
      },
    }
    for (const tool of CopyTools) await copy[tool]()
    const ingest = (): Promise<number> => ingestLayers(target, `bench/copy-ingest-${++runs}`, layers)
    await ingest()
    const collected = new Collector<CopyTool>()
    const contender = (tool: CopyTool) => async (): Promise<number> => {
      await source.resetRequests()
      await target.resetRequests()
      const result = await copy[tool]()
      const requests = [...(await source.requests()), ...(await target.requests())]
      collected.add(tool, requests, result)
      return result.ms!
    }
    // A copy's time spreads more than a merge's (the target syncs 200 MiB to disk): twice the repetitions,
    // less one, so the median is a run.
    const rounds = 2 * repetitions - 1
    log(`copy: ${count}x${tagCount} across registries, ${rounds} alternating repetitions`)
    // The two tools swap places each round and the ingest follows them, so each tool comes after the other
    // as often as after the ingest.
    const times: Record<CopyTool | 'ingest', number[]> = { action: [], imagetools: [], ingest: [] }
    for (let round = 0; round < rounds; round++) {
      const order: CopyTool[] = round % 2 ? ['imagetools', 'action'] : ['action', 'imagetools']
      for (const tool of order) times[tool].push(await contender(tool)())
      times.ingest.push(await ingest())
    }
    const tools = {
      action: collected.result('action', times.action),
      imagetools: collected.result('imagetools', times.imagetools),
    }
    const floor = count * (3 + 4 * 2) + 2 * tagCount
    return { platforms: count, tags: tagCount, layerMiB, floor, tools, ingest: series(times.ingest) }
  } finally {
    // Each registry is stopped whatever the steps before it threw.
    await removeTree(noRecords).finally(() => source.stop().finally(() => target.stop()))
  }
}

/** A layer downloaded into a file. */
interface LayerFile {
  digest: string
  file: string
}

/**
 * The layers of `built`'s images, each downloaded once from `registry` into a file of `dir` (under the bench's
 * work directory, removed with it), for the ingest floor.
 */
async function downloadLayers(
  registry: RunningRegistry,
  built: BuiltImages,
  dir: string,
): Promise<LayerFile[]> {
  await mkdir(dir, { recursive: true })
  const repository = built.image.slice(`${registry.host}/`.length)
  const files = new Map<string, LayerFile>()
  for (const digest of built.digests) {
    const manifest = JSON.parse(await inspectRaw(`${built.image}@${digest}`)) as {
      layers?: { digest: string }[]
    }
    if (!manifest.layers) throw new Error(`bench: ${built.image}@${digest} is not an image manifest`)
    for (const { digest: layer } of manifest.layers) {
      // A layer two images share is stored once.
      if (files.has(layer)) continue
      const blob = await fetch(`${registry.url}/v2/${repository}/blobs/${layer}`)
      if (!blob.ok || !blob.body) throw new Error(`bench: GET blob ${layer}: HTTP ${blob.status}`)
      const file = join(dir, layer.replace(':', '-'))
      await pipeline(Readable.fromWeb(blob.body as WebReadableStream<Uint8Array>), createWriteStream(file))
      files.set(layer, { digest: layer, file })
    }
  }
  return [...files.values()]
}

/**
 * The ingest floor's one run: an upload session per layer in `repository` (untimed), then every layer PUT at
 * once by curl from its file; the milliseconds from the first PUT's start to the last one's end.
 */
async function ingestLayers(
  registry: RunningRegistry,
  repository: string,
  layers: LayerFile[],
): Promise<number> {
  const uploads = await Promise.all(layers.map(({ digest }) => openUpload(registry.url, repository, digest)))
  const started = process.hrtime.bigint()
  // --upload-file PUTs to the URL as given (its path does not end in /, where curl would add the file name);
  // --globoff keeps [] and {} in the registry's query from being read as a curl URL pattern.
  const puts = await Promise.allSettled(
    layers.map(({ file }, i) =>
      run('curl', [
        '--silent',
        '--show-error',
        '--fail',
        '--globoff',
        '--output',
        '/dev/null',
        '--header',
        'Content-Type: application/octet-stream',
        '--upload-file',
        file,
        uploads[i]!.href,
      ]),
    ),
  )
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  // Every curl has ended by now (allSettled), so a failure leaves none running.
  const failed = puts.find(put => put.status === 'rejected')
  if (failed) throw new Error(`bench: a layer's PUT to ${registry.host} failed`, { cause: failed.reason })
  for (const { digest } of layers) {
    const head = await fetch(`${registry.url}/v2/${repository}/blobs/${digest}`, { method: 'HEAD' })
    if (head.status !== 200)
      throw new Error(`bench: ${digest} is not in ${registry.host}/${repository} after its PUT`)
  }
  return ms
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
  // imagetools gets a copy of the login in a DOCKER_CONFIG of its own (it keeps state there).
  const imagetoolsConfig = await writeDockerConfig({
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
    const run = runners(storage, registry, imagetoolsConfig.dir, config.dir)
    const tools = {} as TokenRegistryResult['tools']
    for (const tool of MergeTools) {
      const measured = await measure(registry, () => run[tool](built, tagList(tool, tags)))
      const counts = countRequests(measured.requests)
      tools[tool] = { requests: counts.total, tokenRequests: measured.tokenRequests, byKind: counts.byKind }
    }
    return { platforms, tags, tools }
  } finally {
    await imagetoolsConfig.cleanup()
    await config.cleanup()
    await registry.stop()
  }
}
