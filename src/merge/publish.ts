import type { ComposedIndex, PlatformSource } from '../core/compose.js'
import { mapLimit } from '../core/concurrency.js'
import type { Descriptor } from '../core/descriptor.js'
import { type Digest, sha256Digest } from '../core/digest.js'
import type { Logger } from '../core/logger.js'
import { formatRepository, type Repository, sameRepository } from '../core/reference.js'
import { registryErrorOf } from '../registry/errors.js'
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
 * Where a publish has got to, kept up to date while it runs, so that a step cancelled mid-publish (SIGTERM) can
 * still say which tags moved.
 */
export class PublishProgress {
  digest?: Digest
  /** Every `repository:tag` this publish moves, once the tag phase has started. */
  refs: string[] = []
  /** The refs known to point at the index now. */
  readonly moved = new Set<string>()
  /** The refs whose PUT is in flight, or failed without the registry telling where the tag points. */
  readonly unknown = new Set<string>()

  /** One line for the log: where the tags stand. */
  describe(): string {
    if (!this.digest || this.refs.length === 0)
      return 'No tag was moved: every tag still points where it did before this merge.'
    const notMoved = this.refs.filter(ref => !this.moved.has(ref) && !this.unknown.has(ref))
    const unknown = this.unknown.size ? ` Outcome unknown: ${[...this.unknown].join(', ')}.` : ''
    return (
      `Tags moved to ${this.digest}: ${this.refs.filter(ref => this.moved.has(ref)).join(', ') || 'none'}.` +
      `${unknown} Not moved: ${notMoved.join(', ') || 'none'}.`
    )
  }
}

/**
 * Publishes the index to every target in three phases, so no tag moves unless the whole index can land:
 * 1. every child manifest exists in every target (an existence check, else a mount or a streamed copy), and a
 *    child a record names is what the record says (size and media type as the registry reports them);
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
  progress = new PublishProgress(),
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
  progress.digest = digest
  progress.refs = refs.map(r => r.ref)
  await moveTags(registry, index, digest, refs, logger, progress)
  return { digest, refs: progress.refs }
}

interface TagRef {
  target: Repository
  tag: string
  ref: string
}

/** Phase 3: PUT every tag; on failure, report truthfully which tags point at the index now. */
async function moveTags(
  registry: RegistryClient,
  index: ComposedIndex,
  digest: Digest,
  refs: TagRef[],
  logger: Logger,
  progress: PublishProgress,
): Promise<void> {
  const failed: TagRef[] = []
  const answered = new Set<string>()
  try {
    await mapLimit(refs, PublishConcurrency, async tagRef => {
      progress.unknown.add(tagRef.ref)
      try {
        await putTag(registry, index, digest, tagRef, logger)
        progress.moved.add(tagRef.ref)
      } catch (error) {
        failed.push(tagRef)
        if (registryErrorOf(error)) answered.add(tagRef.ref)
        throw error
      } finally {
        progress.unknown.delete(tagRef.ref)
      }
    })
  } catch (error) {
    // A PUT that got no answer (a connection dropped after the registry applied it) leaves the outcome unknown:
    // ask where each such tag points before saying it did not move. An HTTP answer is the registry's word.
    const unanswered = failed.filter(({ ref }) => !answered.has(ref))
    await mapLimit(unanswered, PublishConcurrency, async ({ target, tag, ref }) => {
      const now = await registry.headManifest(target, tag).catch(() => null)
      if (now === null) progress.unknown.add(ref)
      else if (now?.digest === digest) progress.moved.add(ref)
    })
    throw new Error(
      `${(error as Error).message}\n${progress.describe()} Re-run the merge: the index is the same, so it completes the rest.`,
      { cause: error },
    )
  }
}

/**
 * PUTs one tag. A registry that refuses to overwrite an existing tag (ECR immutable repositories answer 400
 * `TAG_INVALID`, Harbor's immutability rules, Artifactory) is asked where the tag points: when that is this
 * index already, the tag is published; otherwise the error names the digest the tag holds. Registries that
 * accept the PUT pay no extra request.
 */
async function putTag(
  registry: RegistryClient,
  index: ComposedIndex,
  digest: Digest,
  { target, tag, ref }: TagRef,
  logger: Logger,
): Promise<void> {
  try {
    await registry.putManifest(target, tag, index.bytes, index.mediaType)
    logger.info(`Tagged ${ref}`)
  } catch (error) {
    const answer = registryErrorOf(error)
    if (!answer || answer.temporary || answer.status < 400 || answer.status >= 500) throw error
    const held = await registry.headManifest(target, tag).catch(() => undefined)
    if (!held) throw error
    if (held.digest === digest) {
      logger.info(
        `Tagged ${ref}: it already points at ${digest} (the registry refused to write it again: HTTP ${answer.status}${answer.codes.length ? ` ${answer.codes.join(', ')}` : ''})`,
      )
      return
    }
    throw new Error(
      `${ref} holds ${held.digest} and ${target.registry} refused to move it to ${digest} (HTTP ${answer.status}` +
        `${answer.codes.length ? `, ${answer.codes.join(', ')}` : ''}): the repository refuses to overwrite existing tags ` +
        `(tag immutability). Publish under a new tag, or allow overwrites for this tag on the registry. The registry said: ${answer.message}`,
      { cause: error },
    )
  }
}

async function ensureChild(
  registry: RegistryClient,
  source: PlatformSource,
  descriptor: Descriptor,
  target: Repository,
  logger: Logger,
): Promise<void> {
  if (sameRepository(source.repository, target)) {
    const found = await registry.headManifest(target, descriptor.digest, { pushed: true })
    if (found) return checkAgainstRecord(descriptor, found, source, target)
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
      { cause: error },
    )
  }
}

/**
 * A record is a claim: the registry's answer to the existence check already says the size and media type, so
 * a record that differs (containerd would fail every pull of a wrong size) costs nothing to catch.
 */
function checkAgainstRecord(
  recorded: Descriptor,
  found: Descriptor,
  source: PlatformSource,
  target: Repository,
): void {
  const differences = [
    found.digest !== recorded.digest && `digest ${found.digest}, not ${recorded.digest}`,
    found.size !== recorded.size && `size ${found.size} bytes, not ${recorded.size}`,
    found.mediaType !== recorded.mediaType && `media type ${found.mediaType}, not ${recorded.mediaType}`,
  ].filter(Boolean)
  if (differences.length) {
    throw new Error(
      `${source.origin} does not match the registry: ${formatRepository(target)}@${recorded.digest} has ${differences.join('; ')}. ` +
        `The record was changed after the build step wrote it, or names another image; nothing was published.`,
    )
  }
}
