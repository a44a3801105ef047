import { checkPlatforms, composeIndex, type ComposedIndex, type PlatformSource } from '../core/compose.js'
import type { Logger } from '../core/logger.js'
import { formatPlatform } from '../core/platform.js'
import type { RecordTransport } from '../handoff/types.js'
import type { RegistryClient } from '../registry/types.js'
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
    const [fromRecords, fromDigests] = await Promise.all([
      sourcesFromRecords(settings, transport, logger),
      sourcesFromDigests(settings, registry),
    ])
    const all = [...fromRecords, ...fromDigests]
    checkPlatforms(all, settings.platforms)
    for (const s of all) logger.info(`${formatPlatform(s.platform)}: ${s.image.digest} (${s.origin})`)
    return all
  })
  const index = composeIndex(sources, settings.annotations)
  const published = await group('Publish the index', () =>
    publishIndex(registry, index, sources, settings.images, settings.tags, logger),
  )
  if (!settings.keepArtifacts) await transport.cleanup()
  return { ...published, index, sources }
}
