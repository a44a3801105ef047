import type { ComposedIndex, PlatformSource } from '../core/compose.js'
import { mapLimit } from '../core/concurrency.js'
import type { Descriptor } from '../core/descriptor.js'
import { type Digest, sha256Digest } from '../core/digest.js'
import type { Logger } from '../core/logger.js'
import { formatRepository, type Repository, sameRepository } from '../core/reference.js'
import type { RegistryClient } from '../registry/types.js'
import { copyManifest } from '../transfer/copy.js'
import { registrySource } from '../transfer/registry-source.js'

/** How many requests of one kind run at once: enough to hide latency, few enough not to trip a 429. */
export const PublishConcurrency = 4

export interface Published {
  digest: Digest
  /** Every `repository:tag` now pointing at the index. */
  refs: string[]
}

/**
 * Publishes the index to every target in three phases, so no tag moves unless the whole index can land:
 * 1. every child manifest exists in every target (an existence check, else a mount or a streamed copy);
 * 2. the index is PUT by digest everywhere (the registries accept it; still no tag moved);
 * 3. each tag is PUT. A failure here names the tags that moved; a re-run puts the same bytes and completes it.
 */
export async function publishIndex(
  registry: RegistryClient,
  index: ComposedIndex,
  sources: PlatformSource[],
  targets: Repository[],
  tags: string[],
  logger: Logger,
): Promise<Published> {
  const digest = sha256Digest(index.bytes)
  const children = sources.flatMap(source =>
    [source.image, ...source.attestations].map(descriptor => ({ source, descriptor })),
  )
  const work = targets.flatMap(target => children.map(child => ({ target, ...child })))
  try {
    await mapLimit(work, PublishConcurrency, ({ target, source, descriptor }) =>
      ensureChild(registry, source, descriptor, target, logger),
    )
    await mapLimit(targets, PublishConcurrency, async target => {
      const stored = await registry.putManifest(target, digest, index.bytes, index.mediaType)
      if (stored !== digest)
        throw new Error(`${formatRepository(target)} stored the index as ${stored}, expected ${digest}.`)
    })
  } catch (error) {
    throw new Error(
      `${(error as Error).message}\nNo tag was moved: every tag still points where it did before this merge.`,
      { cause: error },
    )
  }

  const refs = targets.flatMap(target =>
    tags.map(tag => ({ target, tag, ref: `${formatRepository(target)}:${tag}` })),
  )
  const moved: string[] = []
  try {
    await mapLimit(refs, PublishConcurrency, async ({ target, tag, ref }) => {
      await registry.putManifest(target, tag, index.bytes, index.mediaType)
      moved.push(ref)
      logger.info(`Tagged ${ref}`)
    })
  } catch (error) {
    const notMoved = refs.map(r => r.ref).filter(ref => !moved.includes(ref))
    throw new Error(
      `${(error as Error).message}\nTags moved to ${digest}: ${moved.join(', ') || 'none'}. Not moved: ${notMoved.join(', ')}. ` +
        `Re-run the merge: the index is the same, so it completes the rest.`,
    )
  }
  return { digest, refs: refs.map(r => r.ref) }
}

async function ensureChild(
  registry: RegistryClient,
  source: PlatformSource,
  descriptor: Descriptor,
  target: Repository,
  logger: Logger,
): Promise<void> {
  if (sameRepository(source.repository, target)) {
    if (await registry.headManifest(target, descriptor.digest)) return
    throw new Error(
      `${formatRepository(target)}@${descriptor.digest} (from ${source.origin}) was not found. ` +
        `The build step that pushed it may have failed, or pushed to another registry.`,
    )
  }
  try {
    await copyManifest(registry, registrySource(registry, source.repository), descriptor, target, { logger })
  } catch (error) {
    throw new Error(
      `Copying ${descriptor.digest} (from ${source.origin}) from ${formatRepository(source.repository)} to ${formatRepository(target)} failed: ${(error as Error).message}`,
    )
  }
}
