import { checkPlatforms, composeIndex, type ComposedIndex, type PlatformSource } from '../core/compose.js'
import type { Logger } from '../core/logger.js'
import { formatPlatform, type Platform } from '../core/platform.js'
import { formatRepository } from '../core/reference.js'
import type { RecordTransport } from '../handoff/types.js'
import type { RegistryClient } from '../registry/types.js'
import { Input } from '../settings/names.js'
import type { MergeSettings } from '../settings/settings.js'
import { inputLabel, inputName, inputPhrase } from '../settings/values.js'
import { publishIndex, PublishProgress, type Published } from './publish.js'
import { sourcesFromDigests, sourcesFromRecords } from './sources.js'

/** What the merge step needs from outside: registries, the record hand-off, a log with groups. */
export interface MergeContext {
  registry: RegistryClient
  transport: RecordTransport
  logger: Logger
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
  /** Kept up to date while the index is published, for a report if the step is cancelled. */
  progress?: PublishProgress
}

export interface MergeResult extends Published {
  index: ComposedIndex
  sources: PlatformSource[]
  /** Optional platforms (`optional-platforms`) the index was published without. */
  leftOut: Platform[]
}

/**
 * Collects the platform sources, checks them, composes the index and publishes it. Every check runs before
 * the first write, so bad input publishes nothing.
 */
export async function runMerge(settings: MergeSettings, context: MergeContext): Promise<MergeResult> {
  const { registry, transport, logger, group } = context
  let leftOut: Platform[] = []
  const sources = await group('Collect platform images', async () => {
    // Records first: a broken hand-off should fail before any registry is asked about `digests`.
    const fromRecords = await sourcesFromRecords(settings, transport, registry, logger)
    const fromDigests = await sourcesFromDigests(settings, registry, fromRecords, logger)
    const all = [...fromRecords, ...fromDigests]
    if (all.length === 0) throw new Error(nothingToMerge(settings))
    leftOut = checkPlatforms(
      all,
      settings.platforms,
      { label: inputLabel(Input.Platforms), name: inputName(Input.Platforms) },
      settings.optionalPlatforms,
    )
    for (const s of all) logger.info(`${formatPlatform(s.platform)}: ${s.image.digest} (${s.origin})`)
    if (leftOut.length) logger.warning(leftOutWarning(leftOut))
    return all
  })
  const index = composeIndex(sources, settings.annotations)
  const published = await group('Publish the index', () =>
    publishIndex(
      registry,
      index,
      sources,
      { targets: settings.images, tags: settings.tags, policy: settings.tagPolicy },
      logger,
      context.progress,
    ),
  )
  // The transport keeps them when asked to (keep-artifacts).
  await transport.cleanup()
  return { ...published, index, sources, leftOut }
}

/** The warning for optional platforms that have no image: their legs failed or did not run. */
export function leftOutWarning(leftOut: Platform[]): string {
  return (
    `Publishing without ${leftOut.map(formatPlatform).join(', ')}: no image was found for ` +
    `${leftOut.length > 1 ? 'these optional platforms' : 'this optional platform'} (${inputPhrase(Input.OptionalPlatforms)}); ` +
    `its build may have failed. The index holds the other platforms.`
  )
}

/** Says where records were looked for, since an empty hand-off is nearly always a path or a name that differs. */
function nothingToMerge(settings: MergeSettings): string {
  const images = settings.images.map(formatRepository).join(', ')
  const digests = inputName(Input.Digests)
  if (!settings.digestsPath && !settings.artifacts) {
    return (
      `Nothing to merge: ${digests} is empty and no records directory was given (${inputName(Input.DigestsPath)}). ` +
      `Name the images to merge in ${digests} (e.g. ${settings.images[0] ? formatRepository(settings.images[0]) : 'registry/app'}:amd64-latest), ` +
      `or point ${inputName(Input.DigestsPath)} at the build steps' digest records.`
    )
  }
  const where = settings.digestsPath
    ? `in '${settings.digestsPath}' (${inputPhrase(Input.DigestsPath)})`
    : `among this workflow run's artifacts`
  const fix = settings.digestsPath
    ? `Point ${inputName(Input.DigestsPath)} at the directory the build steps wrote their records to (or where download-artifact put them)`
    : `Check that the build jobs ran in this run and that the merge job 'needs' them`
  return (
    `Nothing to merge: no digest record for ${images} was found ${where}, and ${inputPhrase(Input.Digests)} is empty. ` +
    `${fix}, and give build and merge the same ${inputName(Input.Images)}${settings.handoffKey ? ` and ${inputName(Input.HandoffKey)}` : ''}.`
  )
}
