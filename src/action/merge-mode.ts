import { formatPlatform } from '../core/platform.js'
import { runMerge } from '../merge/merge-step.js'
import { PublishProgress } from '../merge/publish.js'
import { Output } from '../settings/names.js'
import type { MergeSettings } from '../settings/settings.js'
import { prune } from './prune-mode.js'
import { errorMessage, type StepShell, withStep } from './step-context.js'
import { mergeSummary } from './summary.js'

/** The merge mode: publishes the index under the tags, sets the outputs and summary, then prunes if asked. */
export async function mergeMode(settings: MergeSettings, shell: StepShell): Promise<void> {
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
