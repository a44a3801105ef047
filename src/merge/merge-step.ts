import { checkPlatforms, composeIndex, type ComposedIndex, type PlatformSource } from '../core/compose.js'
import type { Logger } from '../core/logger.js'
import { formatPlatform } from '../core/platform.js'
import { formatRepository } from '../core/reference.js'
import type { RecordTransport } from '../handoff/types.js'
import type { RegistryClient } from '../registry/types.js'
import { Input } from '../settings/names.js'
import type { MergeSettings } from '../settings/settings.js'
import { publishIndex, type Published } from './publish.js'
import { sourcesFromDigests, sourcesFromRecords } from './sources.js'

/** What the merge step needs from outside: registries, the record hand-off, a log with groups. */
export interface MergeContext {
  registry: RegistryClient
  transport: RecordTransport
  logger: Logger
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
}

export interface MergeResult extends Published {
  index: ComposedIndex
  sources: PlatformSource[]
}

/**
 * Collects the platform sources, checks them, composes the index and publishes it. Every check runs before
 * the first write, so bad input publishes nothing.
 */
export async function runMerge(settings: MergeSettings, context: MergeContext): Promise<MergeResult> {
  const { registry, transport, logger, group } = context
  const sources = await group('Collect platform images', async () => {
    // Records first: a broken hand-off should fail before any registry is asked about `digests`.
    const fromRecords = await sourcesFromRecords(settings, transport, logger)
    const fromDigests = await sourcesFromDigests(settings, registry)
    const all = [...fromRecords, ...fromDigests]
    if (all.length === 0) throw new Error(nothingToMerge(settings))
    checkPlatforms(all, settings.platforms)
    for (const s of all) logger.info(`${formatPlatform(s.platform)}: ${s.image.digest} (${s.origin})`)
    return all
  })
  const index = composeIndex(sources, settings.annotations)
  const published = await group('Publish the index', () =>
    publishIndex(registry, index, sources, settings.images, settings.tags, logger),
  )
  // The transport keeps them when asked to (keep-artifacts).
  await transport.cleanup()
  return { ...published, index, sources }
}

/** Says where records were looked for, since an empty hand-off is nearly always a path or a name that differs. */
function nothingToMerge(settings: MergeSettings): string {
  const images = settings.images.map(formatRepository).join(', ')
  const where = settings.digestsPath
    ? `in '${settings.digestsPath}' (input '${Input.DigestsPath}')`
    : `among this workflow run's artifacts`
  const fix = settings.digestsPath
    ? `Point '${Input.DigestsPath}' at the directory the build steps wrote their records to (or where download-artifact put them)`
    : `Check that the build jobs ran in this run and that the merge job 'needs' them`
  return (
    `Nothing to merge: no digest record for ${images} was found ${where}, and input '${Input.Digests}' is empty. ` +
    `${fix}, and give build and merge the same '${Input.Images}'${settings.handoffKey ? ` and '${Input.HandoffKey}'` : ''}.`
  )
}
