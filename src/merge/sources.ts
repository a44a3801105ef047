import type { PlatformSource } from '../core/compose.js'
import { mapLimit } from '../core/concurrency.js'
import { isAttestation } from '../core/descriptor.js'
import { type Logger, logSkipped } from '../core/logger.js'
import { parsePlatform } from '../core/platform.js'
import { formatReference, formatRepository, parseRepository, type Repository } from '../core/reference.js'
import { selectRecords } from '../core/selection.js'
import type { RecordTransport } from '../handoff/types.js'
import { registryErrorOf } from '../registry/errors.js'
import type { RegistryClient } from '../registry/types.js'
import { Input } from '../settings/names.js'
import { inputLabel } from '../settings/values.js'
import type { DigestSource, MergeSettings } from '../settings/settings.js'
import { inspectImage } from '../transfer/inspect.js'
import { registrySource, type RegistryReads } from '../transfer/registry-source.js'
import { DefaultRequestsPerHost } from '../registry/hosts.js'

/**
 * The records of this run for these images, as platform sources. Records were checked against their image
 * configs by the build step, so they cost no request here; the publish step's existence checks verify them.
 */
export async function sourcesFromRecords(
  settings: MergeSettings,
  transport: RecordTransport,
  registry: RegistryClient,
  logger: Logger,
  reads: RegistryReads,
): Promise<PlatformSource[]> {
  const { selected, ignored } = selectRecords(await transport.list(), settings.images, settings.run)
  const skipped = ignored.map(({ source, reason }) => `Skipped digest record ${source}: ${reason}.`)
  logSkipped(logger, skipped, 'digest records')
  const wanted = new Set(settings.images.map(formatRepository))
  const sources = selected.map(({ record, source }): PlatformSource => {
    const image = record.manifests.find(m => !isAttestation(m))!
    // Only repositories the user listed are read from: a record cannot point the merge elsewhere.
    const repository = parseRepository(
      record.images.find(i => wanted.has(i))!,
      `Digest record ${source}`,
    )
    return {
      platform: parsePlatform(record.platform, `Digest record ${source}`),
      image,
      attestations: record.manifests.filter(isAttestation),
      repository,
      origin: source,
    }
  })
  if (settings.verifyPlatforms) {
    await mapLimit(sources, DefaultRequestsPerHost, source => checkRecordPlatform(registry, source, reads))
    logger.info(`Checked the platform of ${sources.length} record(s) against their image configs.`)
  }
  return sources
}

/** The record's platform is the build step's word; here the image config, what clients trust, is read. */
async function checkRecordPlatform(
  registry: RegistryClient,
  source: PlatformSource,
  reads: RegistryReads,
): Promise<void> {
  const content = registrySource(registry, source.repository, reads)
  await inspectImage(content, source.image, source.origin, source.platform)
}

/**
 * Sources named in `digests`: resolved and checked against their image configs, since no build step did. An
 * entry by digest that a record already names is that record's image (a digest names its bytes): the record's
 * source stands for both, and is checked against its config as the entry would have been (once, with what the
 * merge reads anyway, unless `verify-platforms` checked every record already).
 */
export async function sourcesFromDigests(
  settings: MergeSettings,
  registry: RegistryClient,
  {
    fromRecords,
    reads,
    logger,
  }: { fromRecords: readonly PlatformSource[]; reads: RegistryReads; logger: Logger },
): Promise<PlatformSource[]> {
  const recorded = new Map<string, PlatformSource>(fromRecords.map(source => [source.image.digest, source]))
  const named = settings.digests.map(entry => ({
    entry,
    record: entry.reference.digest ? recorded.get(entry.reference.digest) : undefined,
  }))
  const stoodFor = named.filter(n => n.record).map(n => ({ text: n.entry.text, record: n.record! }))
  await mapLimit(stoodFor, DefaultRequestsPerHost, async ({ text, record }) => {
    logger.info(`${inputLabel(Input.Digests)} entry '${text}' is the image of ${record.origin}: used once.`)
    if (!settings.verifyPlatforms) await checkRecordPlatform(registry, record, reads)
  })
  const entries = named.filter(n => !n.record).map(n => n.entry)
  return mapLimit(entries, DefaultRequestsPerHost, entry => resolveDigestSource(entry, registry, reads))
}

async function resolveDigestSource(
  { text, reference }: DigestSource,
  registry: RegistryClient,
  reads: RegistryReads,
): Promise<PlatformSource> {
  const where = `${inputLabel(Input.Digests)} entry '${text}'`
  const repository: Repository = reference.repository
  const ref = reference.digest ?? reference.tag!
  // The registry's own errors (denied, too large, not JSON, gave up) do not know which entry asked: every
  // registry read is named here; inspectImage names its own findings with `where`.
  const named = <T>(read: Promise<T>): Promise<T> =>
    read.catch(error => {
      throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
    })
  // One GET, not a HEAD and then a GET: the bytes are needed anyway, and a GET counts one pull as the HEAD
  // and GET did (Docker Hub counts the GET alone).
  const manifest = await named(
    registry.getManifest(repository, ref).catch(error => {
      if (registryErrorOf(error)?.status === 404) return undefined
      throw error
    }),
  )
  if (!manifest) {
    throw new Error(
      `${where}: ${formatReference(reference)} was not found. Check the digest or tag and that it was pushed to ${formatRepository(repository)}.`,
    )
  }
  const { descriptor } = manifest
  reads.keepManifest(repository, manifest)
  const source = registrySource(registry, repository, reads)
  const inspected = await inspectImage(
    {
      ...source,
      readManifest: d => named(source.readManifest(d)),
      openBlob: (d, options) => named(source.openBlob(d, options)),
    },
    descriptor,
    where,
  )
  return { ...inspected, repository, origin: where }
}
