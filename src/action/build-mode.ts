import { runBuild } from '../builders/build-step.js'
import { selectBuilder } from '../builders/detect.js'
import { formatPlatform } from '../core/platform.js'
import { Output } from '../settings/names.js'
import type { BuildSettings } from '../settings/settings.js'
import { type StepShell, withStep } from './step-context.js'
import { buildSummary, runnerName } from './summary.js'

/** The build mode: builds and pushes one platform, sets its outputs and writes the summary. */
export async function buildMode(settings: BuildSettings, shell: StepShell): Promise<void> {
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
