import * as core from '@actions/core'
import { formatRepository } from '../core/reference.js'
import { directoryTransport } from '../handoff/directory.js'
import type { RecordTransport } from '../handoff/types.js'
import type { Settings } from '../settings/settings.js'
import { errorMessage, runStep } from './run-step.js'
import type { StepSummary } from './summary.js'

const logger = { debug: core.debug, info: core.info, warning: core.warning }

/** The action's entry: the step with @actions/core at its edges; any failure is reported once, here. */
export async function run(): Promise<void> {
  try {
    await runStep({
      read: name => core.getInput(name),
      env: process.env,
      logger,
      group: core.group,
      setOutput: core.setOutput,
      setSecret: core.setSecret,
      writeSummary,
      transport: transportFor,
    })
  } catch (error) {
    core.setFailed(errorMessage(error))
  }
}

/** `digests-path` when set; otherwise workflow artifacts, which the action uploads and downloads itself. */
async function transportFor(settings: Settings): Promise<RecordTransport> {
  if (settings.digestsPath)
    return directoryTransport(settings.digestsPath, { key: settings.handoffKey, logger })
  // Loaded only when used: the artifact client is the heaviest part of the bundle.
  const { artifactTransport } = await import('../handoff/artifacts.js')
  return artifactTransport({
    images: settings.images.map(formatRepository),
    key: settings.handoffKey,
    run: settings.run,
    logger,
    keep: settings.mode === 'merge' && settings.keepArtifacts,
  })
}

async function writeSummary({ heading, rows, refs }: StepSummary): Promise<void> {
  // Outside a runner there is no summary file; the log already has it all.
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const summary = core.summary.addHeading(heading, 3).addTable(rows)
  if (refs.length) summary.addList(refs.map(ref => `<code>${ref}</code>`))
  await summary.write()
}
