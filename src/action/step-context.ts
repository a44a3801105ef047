import type { Logger } from '../core/logger.js'
import type { Repository } from '../core/reference.js'
import type { MergeContext } from '../merge/merge-step.js'
import type { RecordTransport } from '../handoff/types.js'
import { type ClosableRegistryClient, createRegistryClient } from '../registry/client.js'
import { dockerConfigCredentials } from '../registry/docker-config.js'
import { registryTuning } from '../registry/tuning.js'
import type { Output } from '../settings/names.js'
import type { HandoffSettings, Settings } from '../settings/settings.js'
import type { InputReader } from '../settings/values.js'
import type { StepSummary } from './summary.js'

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

/** What a build or merge works with: a registry client (closed when the step ends), the record transport, the log. */
export type StepContext = Omit<MergeContext, 'progress' | 'registry'> & { registry: ClosableRegistryClient }

/**
 * Runs `use` with what either step works with, then closes the client's keep-alive connections so the process
 * can exit.
 */
export async function withStep<T>(
  settings: HandoffSettings,
  shell: StepShell,
  use: (context: StepContext) => Promise<T>,
): Promise<T> {
  return withRegistry(settings, settings.images, shell, async registry => {
    const transport = await shell.transport(settings)
    return use({ registry, transport, logger: shell.logger, group: shell.group })
  })
}

/** Runs `use` with a registry client, asking for push access to `pushRepositories`, then closes it. */
export async function withRegistry<T>(
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
