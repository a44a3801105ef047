import type { Repository } from '../core/reference.js'
import { githubPackagesApi } from '../github/packages.js'
import { runPrune } from '../prune/prune-step.js'
import { registryTuning } from '../registry/tuning.js'
import type { RegistryClient } from '../registry/types.js'
import { Output } from '../settings/names.js'
import type { PruneOptions, PruneSettings } from '../settings/settings.js'
import { type StepShell, withRegistry } from './step-context.js'
import { pruneSummary } from './summary.js'

/** The prune mode on its own schedule. */
export async function pruneMode(settings: PruneSettings, shell: StepShell): Promise<void> {
  // Reading manifests needs pull access only.
  await withRegistry(settings, [], shell, registry => prune(settings.images, settings.prune, registry, shell))
}

/** Prunes `images`, sets the `pruned` output and writes the summary (also after a merge with `prune: true`). */
export async function prune(
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
