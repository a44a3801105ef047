import { machine } from 'node:os'
import { runBuild } from '../builders/build-step.js'
import { selectBuilder } from '../builders/detect.js'
import type { Logger } from '../core/logger.js'
import { formatPlatform } from '../core/platform.js'
import { readGitHubContext } from '../github/context.js'
import type { RecordTransport } from '../handoff/types.js'
import { type MergeContext, runMerge } from '../merge/merge-step.js'
import { githubPackagesApi } from '../github/packages.js'
import { PublishProgress } from '../merge/publish.js'
import { runPrune } from '../prune/prune-step.js'
import { type ClosableRegistryClient, createRegistryClient } from '../registry/client.js'
import { dockerConfigCredentials } from '../registry/docker-config.js'
import { registryTuning } from '../registry/tuning.js'
import { Output } from '../settings/names.js'
import type { Repository } from '../core/reference.js'
import type { RegistryClient } from '../registry/types.js'
import {
  type BuildSettings,
  type HandoffSettings,
  type MergeSettings,
  parseSettings,
  type PruneOptions,
  type PruneSettings,
  type Settings,
} from '../settings/settings.js'
import type { InputReader } from '../settings/values.js'
import { buildSummary, mergeSummary, pruneSummary, runnerName, type StepSummary } from './summary.js'

/**
 * What a shell hands the step: where inputs come from and where everything visible goes. The action passes
 * the runner's commands (runner.ts); the command line its flags, a plain log and stdout.
 */
export interface StepShell {
  /** An input's raw text by its action.yml name; '' when unset. */
  read: InputReader
  /** The process environment: GitHub's variables, DOCKER_CONFIG, DOCKER_METADATA_OUTPUT_JSON. */
  env: Record<string, string | undefined>
  logger: Logger
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
  setOutput(name: Output, value: string): void
  /** Masks a credential in the log the moment it is read. */
  setSecret(secret: string): void
  writeSummary(summary: StepSummary): Promise<void>
  /** How digest records travel for these settings. */
  transport(settings: HandoffSettings): Promise<RecordTransport>
}

/**
 * One build or merge step, whichever shell runs it: reads settings once, runs the mode, sets outputs and the
 * summary. Errors propagate to the shell, which reports them once.
 */
export async function runStep(shell: StepShell): Promise<void> {
  const github = await readGitHubContext(shell.env)
  const settings = parseSettings(shell.read, { env: shell.env, machine: machine(), github })
  // The runner masks `github.token` itself; a token passed any other way is masked here.
  if (settings.mode === 'merge' && settings.githubToken) shell.setSecret(settings.githubToken)
  if (settings.mode === 'prune' && settings.prune.token) shell.setSecret(settings.prune.token)
  for (const notice of settings.notices) shell.logger.info(notice)
  if (settings.mode === 'build') await build(settings, shell)
  else if (settings.mode === 'merge') await merge(settings, shell)
  else await pruneStep(settings, shell)
}

async function build(settings: BuildSettings, shell: StepShell): Promise<void> {
  const started = Date.now()
  const result = await withStep(settings, shell, context =>
    runBuild(settings, {
      ...context,
      selectBuilder: choice => selectBuilder(choice, { logger: shell.logger }),
    }),
  )
  shell.setOutput(Output.Platform, formatPlatform(result.platform))
  if (result.pushed) {
    shell.setOutput(Output.Digest, result.pushed.digest)
    shell.setOutput(Output.Image, result.image!)
  }
  await shell.writeSummary(
    buildSummary(result, { runner: runnerName(shell.env), durationMs: Date.now() - started }),
  )
}

async function merge(settings: MergeSettings, shell: StepShell): Promise<void> {
  const progress = new PublishProgress()
  // The runner cancels a job with SIGTERM: say where the tags stand before going, as a failure would.
  const onCancel = (): void => {
    shell.logger.warning(`The merge was cancelled (SIGTERM) while publishing. ${progress.describe()}`)
    process.exit(143)
  }
  process.once('SIGTERM', onCancel)
  await withStep(settings, shell, async context => {
    const result = await runMerge(settings, { ...context, progress }).finally(() =>
      process.off('SIGTERM', onCancel),
    )
    shell.setOutput(Output.Digest, result.digest)
    shell.setOutput(Output.Refs, result.refs.join('\n'))
    shell.setOutput(Output.Kept, result.kept.join('\n'))
    shell.setOutput(Output.Platforms, result.sources.map(s => formatPlatform(s.platform)).join(','))
    await shell.writeSummary(mergeSummary(result))
    if (!settings.prune) return
    // Only after a successful publish, with the outputs already set: a failed clean-up unpublishes nothing.
    await prune(settings.images, settings.prune, context.registry, shell).catch(error => {
      const published = `The index ${result.digest} was published; the clean-up after it failed`
      throw new Error(`${published}: ${errorMessage(error)}`, { cause: error })
    })
  }).finally(() => process.off('SIGTERM', onCancel))
}

async function pruneStep(settings: PruneSettings, shell: StepShell): Promise<void> {
  // Reading manifests needs pull access only.
  await withRegistry(settings, [], shell, registry => prune(settings.images, settings.prune, registry, shell))
}

/** Prunes `images`, sets the `pruned` output and writes the summary. */
async function prune(
  images: Repository[],
  options: PruneOptions,
  registry: RegistryClient,
  shell: StepShell,
): Promise<void> {
  const { logger, group } = shell
  const result = await runPrune(images, options, {
    registry,
    packages: ({ apiUrl, token }) =>
      githubPackagesApi({ apiUrl, token, ...registryTuning(shell.env), logger }),
    logger,
    group,
  })
  shell.setOutput(Output.Pruned, result.deleted.join('\n'))
  await shell.writeSummary(pruneSummary(result))
}

/**
 * Runs `use` with what either step works with (a registry client, the record transport, the log), then closes
 * the client's keep-alive connections so the process can exit.
 */
async function withStep<T>(
  settings: HandoffSettings,
  shell: StepShell,
  use: (context: MergeContext) => Promise<T>,
): Promise<T> {
  return withRegistry(settings, settings.images, shell, async registry => {
    const transport = await shell.transport(settings)
    return use({ registry, transport, logger: shell.logger, group: shell.group })
  })
}

/** Runs `use` with a registry client, asking for push access to `pushRepositories`, then closes it. */
async function withRegistry<T>(
  settings: Settings,
  pushRepositories: Repository[],
  shell: StepShell,
  use: (registry: ClosableRegistryClient) => Promise<T>,
): Promise<T> {
  const client = createRegistryClient({
    // Masked the moment they are read, before anything could print them.
    credentials: dockerConfigCredentials({ env: shell.env, onSecret: shell.setSecret }),
    onSecret: shell.setSecret,
    ...registryTuning(shell.env),
    insecureRegistries: settings.insecureRegistries,
    pushRepositories,
    logger: shell.logger,
  })
  try {
    return await use(client)
  } finally {
    client.close()
  }
}

/** The message a shell reports for anything thrown, `Error` or not. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : `Unexpected failure: ${String(error)}`
}
