import { formatRepository } from '../core/reference.js'
import { directoryTransport } from '../handoff/directory.js'
import type { RunArtifactsApi } from '../handoff/artifacts.js'
import { noTransport } from '../handoff/none.js'
import type { RecordTransport } from '../handoff/types.js'
import type { HandoffSettings } from '../settings/settings.js'
import { runnerShell } from './runner.js'
import { errorMessage, runStep, type StepModes } from './run-step.js'

const runner = runnerShell(process.env)
const logger = runner.logger

/** Each mode in a chunk of its own, parsed only by the step that runs it. */
const modes: StepModes = {
  build: async () => (await import('./build-mode.js')).buildMode,
  merge: async () => (await import('./merge-mode.js')).mergeMode,
  prune: async () => (await import('./prune-mode.js')).pruneMode,
}

/** The action's entry: the step in a shell of the runner's commands; any failure is reported once, here. */
export async function run(): Promise<void> {
  try {
    await runStep({ ...runner, env: process.env, transport: transportFor }, modes)
  } catch (error) {
    runner.fail(errorMessage(error))
  }
}

/**
 * `digests-path` when set; otherwise workflow artifacts, which the action uploads and downloads itself; off
 * GitHub Actions without a directory, none (a merge of `digests` alone).
 */
async function transportFor(settings: HandoffSettings): Promise<RecordTransport> {
  if (settings.digestsPath)
    return directoryTransport(settings.digestsPath, { key: settings.handoffKey, logger })
  if (!settings.artifacts) return noTransport
  // Loaded only when used: the artifact client is the heaviest part of the bundle.
  const { artifactTransport } = await import('../handoff/artifacts.js')
  return artifactTransport({
    images: settings.images.map(formatRepository),
    key: settings.handoffKey,
    run: settings.run,
    logger,
    keep: settings.mode === 'merge' && settings.keepArtifacts,
    ...(settings.mode === 'merge' && { api: runArtifactsApi(settings.githubToken, settings.run.id) }),
  })
}

/** The REST API for this run's artifacts (GITHUB_REPOSITORY), when there is a token and a numeric run id. */
function runArtifactsApi(token: string, runId: string): RunArtifactsApi | undefined {
  const repository = process.env.GITHUB_REPOSITORY
  if (!token || !repository || !/^\d+$/.test(runId)) return undefined
  return { token, repository, runId: Number(runId) }
}
