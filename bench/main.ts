/**
 * `npm run bench [-- --quick] [-- --skip-emulation]`: every figure side by side with its baseline, in one run.
 *
 * 1. start-up: `node dist/index.js` (invalid mode: pure start-up) vs `node -e ''`; the bundle's sizes;
 * 2. merge of P platforms x T tags (4x4, 8x8, 16x4): the bundle vs `docker buildx imagetools create` (the
 *    baseline) vs `docker manifest` vs `podman manifest`, same images in the same local registry, and a copy of
 *    2 platforms with 100 MiB layers to a second registry (ours vs imagetools): wall time, registry requests
 *    and peak memory next to the request floor (merge.ts); request counts on a token registry;
 * 3. build-step overhead: the action's build mode vs buildah doing the same build by itself;
 * 4. the same CPU-bound Dockerfile built natively and under QEMU emulation.
 *
 * The action runs on Node 24 and as on a GitHub-hosted runner, without this machine's NODE_EXTRA_CA_CERTS;
 * start-up and merges are also measured with it (environment.ts). Contenders alternate within each
 * repetition; figures are medians. Results: bench/results/latest.json and the chart docs/bench.png. Every process started (registries) is stopped by its PID through the harness.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { availableParallelism, release, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { Bundle } from '../__tests__/harness/action.js'
import { buildahEnv, writeSampleContext } from '../__tests__/harness/images.js'
import { removeTree, tempDir } from '../__tests__/harness/processes.js'
import { benchBuild, type BuildResults } from './build.js'
import { renderChart } from './chart.js'
import { benchEmulation, type EmulationResults } from './emulation.js'
import { ExtraCaCerts } from './environment.js'
import { BenchPlatforms } from './merge-tools.js'
import {
  benchMerge,
  CopyTools,
  MergeToolLabels,
  MergeTools,
  type CopyResult,
  type MergeResults,
  type MergeTool,
  type ToolResult,
} from './merge.js'
import { benchStartup, type StartupResults } from './startup.js'

export interface Machine {
  nproc: number
  cpu: string
  memoryGiB: number
  os: string
  kernel: string
  node: string
  /** NODE_EXTRA_CA_CERTS as this machine sets it (the action's figures are taken without it: environment.ts). */
  nodeExtraCaCerts?: string
  tools: Record<string, string>
}

export interface BenchResults {
  date: string
  quick: boolean
  /** What was measured: the commit, whether the tree had changes, and the bundle's own digest. */
  source: { commit: string; uncommittedChanges: boolean; bundleSha256: string; bundleChangedDuringRun?: true }
  repetitions: { startup: number; merge: number; build: number; emulation: number }
  machine: Machine
  startup: StartupResults
  merge: MergeResults
  build: BuildResults
  emulation: EmulationResults
}

const Repository = dirname(dirname(Bundle))
const EmulationIterations = 250

function firstLine(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      .split('\n')[0]!
      .trim()
  } catch {
    return 'not available'
  }
}

async function source(): Promise<BenchResults['source']> {
  const git = (args: string[]): string => firstLine('git', ['-C', Repository, ...args])
  return {
    commit: git(['rev-parse', 'HEAD']),
    uncommittedChanges: git(['status', '--porcelain']) !== '',
    bundleSha256: await bundleSha256(),
  }
}

async function bundleSha256(): Promise<string> {
  return createHash('sha256')
    .update(await readFile(Bundle))
    .digest('hex')
}

async function machine(): Promise<Machine> {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '')
  const osRelease = await readFile('/etc/os-release', 'utf8').catch(() => '')
  return {
    nproc: availableParallelism(),
    cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown',
    memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    os: /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(osRelease)?.[1] ?? 'unknown',
    kernel: release(),
    node: process.version,
    ...(ExtraCaCerts && { nodeExtraCaCerts: ExtraCaCerts }),
    tools: {
      // The benchmark itself runs on `node` above (Node 24 when bench.sh could fetch it); this is the machine's.
      machineNode: firstLine('/usr/bin/env', ['node', '--version']),
      docker: firstLine('docker', ['--version']),
      podman: firstLine('podman', ['--version']),
      buildah: firstLine('buildah', ['--version']),
      registry: firstLine('docker-registry', ['--version']),
      qemu: firstLine('qemu-aarch64-static', ['--version']),
    },
  }
}

const log = (line: string): void => console.log(`bench: ${line}`)

function pad(value: string | number, width: number, left = false): string {
  const s = String(value)
  return left ? s.padEnd(width) : s.padStart(width)
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KiB`
}

/** The figures side by side, as a terminal report. */
function report(results: BenchResults): string {
  const { startup, merge, build, emulation } = results
  const lines: string[] = []
  const m = results.machine
  lines.push(
    `Machine: ${m.nproc} cores, ${m.cpu}, ${m.memoryGiB} GiB, ${m.os}, kernel ${m.kernel}, Node ${m.node}`,
  )
  lines.push(`Date: ${results.date}${results.quick ? ' (--quick)' : ''}`)
  lines.push('')
  lines.push(
    `Merge, one local registry (median of ${results.repetitions.merge} alternating runs; requests from the access log; peak RSS)`,
  )
  lines.push(
    `  floor = P child checks + T tag checks + T tag PUTs (one target repository); baseline: ${MergeToolLabels.imagetools}`,
  )
  const cellWidth = 27
  lines.push(
    `  ${pad('P x T', 7, true)}${pad('floor', 6)}${MergeTools.map(t => pad(ShortNames[t], cellWidth)).join('')}   ours/imagetools`,
  )
  for (const s of merge.scenarios) {
    const cells = MergeTools.map(tool => pad(cell(s.tools[tool]), cellWidth))
    lines.push(
      `  ${pad(`${s.platforms}x${s.tags}`, 7, true)}${pad(s.floor, 6)}${cells.join('')}   ${ratio(s.tools.action, s.tools.imagetools)}`,
    )
  }
  const l = merge.latency
  lines.push(
    `  ${pad(`${l.platforms}x${l.tags}`, 7, true)}${pad(l.floor, 6)}${CopyTools.map(tool => pad(cell(l.tools[tool]), cellWidth)).join('')}   ours/imagetools ${ratio(l.tools.action, l.tools.imagetools)}   (each request ${l.delayMs} ms late, as across a network)`,
  )
  const c = merge.copy
  lines.push(
    `Copy to a second registry: ${c.platforms} platforms x ${c.tags} tag, one ${c.layerMiB} MiB random layer each (median of ${c.ingest.runs.length} alternating runs; requests on both registries, peak RSS of the process tree)`,
  )
  lines.push(
    `  ${pad(`${c.platforms}x${c.tags}`, 7, true)}${pad(c.floor, 6)}${CopyTools.map(tool => pad(cell(c.tools[tool]), cellWidth)).join('')}   ours/imagetools ${ratio(c.tools.action, c.tools.imagetools)}`,
  )
  lines.push(`  ${copyCpu(c)}`)
  lines.push(`  ${ingestLine(c)}`)
  const extraCa = extraCaCertsMerge(merge)
  if (extraCa) lines.push(`  ours with this machine's NODE_EXTRA_CA_CERTS set: ${extraCa}`)
  const t = merge.tokenRegistry
  lines.push(`Merge ${t.platforms}x${t.tags} on a Bearer-token registry: registry requests + token requests`)
  for (const tool of MergeTools) {
    lines.push(
      `  ${pad(MergeToolLabels[tool], 34, true)}${pad(t.tools[tool].requests, 5)} + ${t.tools[tool].tokenRequests}`,
    )
  }
  lines.push('')
  lines.push(`Start-up (median of ${results.repetitions.startup})`)
  lines.push(`  node -e ''                        ${pad(startup.node.median.toFixed(1), 7)} ms`)
  lines.push(
    `  node dist/index.js (invalid mode) ${pad(startup.bundle.median.toFixed(1), 7)} ms   (+${startup.addedMs} ms)`,
  )
  lines.push(`  docker --version                  ${pad(startup.dockerCli.median.toFixed(1), 7)} ms`)
  if (startup.withExtraCaCerts) {
    const { node, bundle } = startup.withExtraCaCerts
    lines.push(
      `  with NODE_EXTRA_CA_CERTS set:     node -e '' ${node.median.toFixed(1)} ms, node dist/index.js ${bundle.median.toFixed(1)} ms`,
    )
  }
  lines.push(
    `  sizes: ${Object.entries(startup.sizes)
      .map(([file, size]) => `${file} ${kib(size)}`)
      .join(', ')}`,
  )
  lines.push('')
  lines.push(`Build step, ${build.platform}, FROM scratch + COPY (median of ${results.repetitions.build})`)
  lines.push(
    `  buildah build --tag oci:DIR       ${pad(build.builder.median.toFixed(0), 7)} ms   (the builder's own part)`,
  )
  lines.push(
    `  buildah build + push docker://    ${pad(build.byHand.median.toFixed(0), 7)} ms   (by hand, no action)`,
  )
  lines.push(
    `  action build mode                 ${pad(build.action.median.toFixed(0), 7)} ms   (overhead ${signed(build.overheadMs)} ms over by hand; ${signed(build.ownMs)} ms over the builder's part)`,
  )
  lines.push(`  to a Bearer-token registry ${build.remote.delayMs} ms away (every request, token ones too):`)
  lines.push(
    `  buildah build + push docker://    ${pad(build.remote.byHand.median.toFixed(0), 7)} ms   (by hand)`,
  )
  lines.push(
    `  action build mode                 ${pad(build.remote.action.median.toFixed(0), 7)} ms   (overhead ${signed(build.remote.overheadMs)} ms)`,
  )
  lines.push('')
  if (emulation.native && emulation.emulated) {
    lines.push(
      `CPU-bound build, ${emulation.iterations} x sha256sum (median of ${results.repetitions.emulation})`,
    )
    lines.push(`  linux/amd64 native                ${pad((emulation.native.median / 1000).toFixed(1), 7)} s`)
    lines.push(
      `  linux/arm64 under QEMU            ${pad((emulation.emulated.median / 1000).toFixed(1), 7)} s   (${emulation.ratio}x)`,
    )
  } else {
    lines.push(`CPU-bound build native vs QEMU: skipped: ${emulation.skipped}`)
  }
  return lines.join('\n')
}

/** `4x4 80 ms (1.05 of imagetools'), ...`: the action's merge times with NODE_EXTRA_CA_CERTS set, and their ratio to imagetools'. */
function extraCaCertsMerge(merge: MergeResults): string | undefined {
  const cells = merge.scenarios.flatMap(s => {
    const ms = s.actionWithExtraCaCerts?.median
    if (ms === undefined) return []
    return [
      `${s.platforms}x${s.tags} ${ms.toFixed(0)} ms (${(ms / s.tools.imagetools.ms.median).toFixed(2)} of imagetools')`,
    ]
  })
  return cells.length ? cells.join(', ') : undefined
}

const ShortNames: Record<MergeTool, string> = {
  action: 'native-multiarch',
  imagetools: 'buildx imagetools',
  docker: 'docker manifest',
  podman: 'podman manifest',
}

/** The copy's CPU time per contender: `CPU time (...): native-multiarch 1.05 s, buildx imagetools 0.60 s`. */
function copyCpu(copy: CopyResult): string {
  const seconds = (r: ToolResult): string => (r.cpuMs ? `${(r.cpuMs.median / 1000).toFixed(2)} s` : 'n/a')
  const each = CopyTools.map(tool => `${MergeToolLabels[tool]} ${seconds(copy.tools[tool])}`)
  return `CPU time (user + system, the process tree): ${each.join(', ')}`
}

/** A difference with its sign: +12.3, -4.0. */
function signed(ms: number, digits = 1): string {
  return `${ms >= 0 ? '+' : ''}${ms.toFixed(digits)}`
}

/** `94 ms, 9 req, 60 MiB` (a `*` after the requests when they varied between runs). */
function cell(r: ToolResult, requestWord = 'req'): string {
  const unstable = r.requestCountsSeen.length > 1 ? '*' : ''
  return `${r.ms.median.toFixed(0)} ms, ${r.requests}${unstable} ${requestWord}, ${r.peakMiB.median.toFixed(0)} MiB`
}

/** The copy's ingest floor and how far each contender is above it. */
function ingestLine(copy: CopyResult): string {
  const floor = copy.ingest.median
  const above = CopyTools.map(
    tool => `${MergeToolLabels[tool]} +${(copy.tools[tool].ms.median - floor).toFixed(0)} ms`,
  )
  return `the target registry storing the ${copy.platforms} layers (curl PUTs from files, at once): ${floor.toFixed(0)} ms; above it: ${above.join(', ')}`
}

/** Ours over imagetools' median wall time. */
function ratio(ours: ToolResult, imagetools: ToolResult): string {
  return (ours.ms.median / imagetools.ms.median).toFixed(2)
}

/** The README's Performance table, ready to paste. */
function markdown(results: BenchResults): string {
  const { merge, startup, build, emulation, machine: m } = results
  const header = [
    'case',
    'floor',
    'native-multiarch',
    '`docker buildx imagetools create`',
    'ours / imagetools',
    '`docker manifest` create + push',
    '`podman manifest` create/add/push',
  ]
  const rows = [`| ${header.join(' | ')} |`, `|${' --- |'.repeat(header.length)}`]
  const row = (label: string, floor: number, tools: Partial<Record<MergeTool, ToolResult>>): string => {
    const [ours, imagetools] = [tools.action!, tools.imagetools!]
    const rest = (['docker', 'podman'] as const).map(tool =>
      tools[tool] ? cell(tools[tool], 'requests') : 'n/a',
    )
    return `| ${label} | ${floor} | ${cell(ours, 'requests')} | ${cell(imagetools, 'requests')} | ${ratio(ours, imagetools)} | ${rest.join(' | ')} |`
  }
  for (const s of merge.scenarios)
    rows.push(row(`${s.platforms} platforms x ${s.tags} tags, one registry`, s.floor, s.tools))
  const l = merge.latency
  rows.push(
    row(`${l.platforms} platforms x ${l.tags} tags, each request ${l.delayMs} ms late`, l.floor, l.tools),
  )
  const c = merge.copy
  rows.push(
    row(
      `${c.platforms} platforms x ${c.tags} tag, ${c.layerMiB} MiB layers copied to a second registry`,
      c.floor,
      c.tools,
    ),
  )
  const t = merge.tokenRegistry
  rows.push(
    `| ${t.platforms} x ${t.tags}, Bearer-token registry: registry + token requests | | ${t.tools.action.requests} + ${t.tools.action.tokenRequests} | ${t.tools.imagetools.requests} + ${t.tools.imagetools.tokenRequests} | | ${t.tools.docker.requests} + ${t.tools.docker.tokenRequests} | ${t.tools.podman.requests} + ${t.tools.podman.tokenRequests} |`,
  )
  const lines = [
    `Machine: ${m.nproc} cores (\`nproc\`), ${m.cpu}, ${m.memoryGiB} GiB, ${m.os}, kernel ${m.kernel}, Node ${m.node}; ${results.date.slice(0, 10)}`,
    '',
    ...rows,
    '',
    '| overhead | baseline | native-multiarch | added |',
    '| --- | --- | --- | --- |',
    `| start-up | \`node -e ''\` ${startup.node.median.toFixed(0)} ms | \`node dist/index.js\` ${startup.bundle.median.toFixed(0)} ms | ${startup.addedMs.toFixed(0)} ms |`,
    ...(startup.withExtraCaCerts
      ? [
          `| start-up, NODE_EXTRA_CA_CERTS set | \`node -e ''\` ${startup.withExtraCaCerts.node.median.toFixed(0)} ms | \`node dist/index.js\` ${startup.withExtraCaCerts.bundle.median.toFixed(0)} ms | ${(startup.withExtraCaCerts.bundle.median - startup.withExtraCaCerts.node.median).toFixed(0)} ms |`,
        ]
      : []),
    `| build step (${build.platform}) | buildah build + push docker:// + rmi ${build.byHand.median.toFixed(0)} ms | build mode ${build.action.median.toFixed(0)} ms | ${signed(build.overheadMs, 0)} ms |`,
    `| build step, the action's own code | buildah build --tag oci:DIR ${build.builder.median.toFixed(0)} ms | build mode ${build.action.median.toFixed(0)} ms | ${signed(build.ownMs, 0)} ms |`,
    `| build step, Bearer-token registry ${build.remote.delayMs} ms away | buildah build + push docker:// + rmi ${build.remote.byHand.median.toFixed(0)} ms | build mode ${build.remote.action.median.toFixed(0)} ms | ${signed(build.remote.overheadMs, 0)} ms |`,
  ]
  if (emulation.native && emulation.emulated) {
    lines.push(
      '',
      `CPU-bound build (${emulation.iterations} x sha256sum): linux/amd64 native ${(emulation.native.median / 1000).toFixed(1)} s, linux/arm64 under QEMU ${(emulation.emulated.median / 1000).toFixed(1)} s: ${emulation.ratio}x`,
    )
  }
  lines.push('', `Copy ${copyCpu(c)}`, '', `Copy: ${ingestLine(c)}`)
  const extraCa = extraCaCertsMerge(merge)
  if (extraCa) lines.push('', `Merge with this machine's NODE_EXTRA_CA_CERTS set: ${extraCa}`)
  return lines.join('\n')
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const unknown = args.filter(a => !['--quick', '--skip-emulation'].includes(a))
  if (unknown.length)
    throw new Error(`unknown argument(s) ${unknown.join(' ')}; use --quick, --skip-emulation`)
  const quick = args.includes('--quick')
  const repetitions = quick
    ? { startup: 9, merge: 3, build: 3, emulation: 1 }
    : { startup: 21, merge: 11, build: 9, emulation: 3 }
  const started = Date.now()
  const work = await tempDir('native-multiarch-bench-')
  const storage = await buildahEnv()
  try {
    const context = join(work, 'context')
    await writeSampleContext(context, { platforms: BenchPlatforms })
    const info = await machine()
    const measured = await source()
    const startup = await benchStartup(repetitions.startup, log)
    const merge = await benchMerge(work, context, storage, repetitions.merge, log)
    const build = await benchBuild(work, context, storage, repetitions.build, log)
    const emulation: EmulationResults = args.includes('--skip-emulation')
      ? { skipped: 'skipped with --skip-emulation' }
      : await benchEmulation(Repository, work, storage, repetitions.emulation, EmulationIterations, log)
    if ((await bundleSha256()) !== measured.bundleSha256) {
      measured.bundleChangedDuringRun = true
      log('WARNING: dist/index.js changed during the run (rebuilt?): the figures mix two bundles; run again')
    }
    const results: BenchResults = {
      date: new Date().toISOString(),
      quick,
      source: measured,
      repetitions,
      machine: info,
      startup,
      merge,
      build,
      emulation,
    }
    const resultsDir = join(Repository, 'bench', 'results')
    await mkdir(resultsDir, { recursive: true })
    const jsonFile = join(resultsDir, 'latest.json')
    await writeFile(jsonFile, JSON.stringify(results, null, 2) + '\n')
    await mkdir(join(Repository, 'docs'), { recursive: true })
    const svg = join(Repository, '.tmp', 'bench', 'bench.svg')
    await mkdir(dirname(svg), { recursive: true })
    const png = join(Repository, 'docs', 'bench.png')
    const rendered = await renderChart(results, svg, png)
    console.log(`\n${report(results)}\n`)
    console.log(`For the README:\n\n${markdown(results)}\n`)
    console.log(`Results: ${jsonFile}`)
    console.log(rendered ? `Chart: ${png}` : `Chart: rsvg-convert is missing; the SVG is at ${svg}`)
    console.log(`Took ${((Date.now() - started) / 1000).toFixed(0)} s`)
  } finally {
    await storage.cleanup()
    await removeTree(work)
  }
}

main().catch(error => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error)
  process.exitCode = 1
})
