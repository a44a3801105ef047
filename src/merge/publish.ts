import {
  type ComposedIndex,
  distinctChildren,
  type IndexChild,
  type PlatformSource,
} from '../core/compose.js'
import { mapLimit } from '../core/concurrency.js'
import type { Descriptor } from '../core/descriptor.js'
import { type Digest, sha256Digest } from '../core/digest.js'
import type { Logger } from '../core/logger.js'
import { parseManifestAnnotations } from '../core/manifest.js'
import { formatRepository, type Repository, sameRepository } from '../core/reference.js'
import { type IndexIdentity, planTag, type TagPlan, type TagPolicy } from '../core/tag-order.js'
import { finalRefusalOf, registryErrorOf } from '../registry/errors.js'
import { DefaultChecksPerHost, DefaultRequestsPerHost } from '../registry/hosts.js'
import type { RegistryClient } from '../registry/types.js'
import { Input } from '../settings/names.js'
import { inputName } from '../settings/values.js'
import { copyManifest } from '../transfer/copy.js'
import { registrySource, RegistryReads } from '../transfer/registry-source.js'

export interface Published {
  digest: Digest
  /** Every `repository:tag` that points at the index now: moved by this publish, or already there. */
  refs: string[]
  /** Every `repository:tag` left at a newer index (`tag-policy: forward`). */
  kept: string[]
}

/** Where the index goes, under which tags, and whether a tag may move to an older index. */
export interface PublishTargets {
  targets: Repository[]
  tags: string[]
  policy: TagPolicy
}

/**
 * Where a publish has got to, kept up to date while it runs, so that a step cancelled mid-publish (SIGTERM) can
 * still say which tags moved.
 */
export class PublishProgress {
  digest?: Digest
  /** Every `repository:tag` this publish moves or finds in place, once the tag phase has started. */
  refs: string[] = []
  /** The refs known to point at the index now. */
  readonly moved = new Set<string>()
  /** The refs whose PUT is in flight, or failed without the registry telling where the tag points. */
  readonly unknown = new Set<string>()

  /** One line for the log: where the tags stand. */
  describe(): string {
    if (!this.digest || this.refs.length === 0 || (this.moved.size === 0 && this.unknown.size === 0))
      return 'No tag was moved: every tag still points where it did before this merge.'
    const notMoved = this.refs.filter(ref => !this.moved.has(ref) && !this.unknown.has(ref))
    const unknown = this.unknown.size ? ` Outcome unknown: ${[...this.unknown].join(', ')}.` : ''
    return (
      `Tags moved to ${this.digest}: ${this.refs.filter(ref => this.moved.has(ref)).join(', ') || 'none'}.` +
      `${unknown} Not moved: ${notMoved.join(', ') || 'none'}.`
    )
  }
}

export interface PublishOptions {
  logger: Logger
  /** What the merge has read already (a `digests` entry's manifest and config): not read again. */
  reads?: RegistryReads
  /** Kept up to date while publishing, for a report if the step is cancelled. */
  progress?: PublishProgress
}

interface TagRef {
  target: Repository
  tag: string
  ref: string
}

/**
 * Publishes the index to every target in three phases, so no tag moves unless the whole index can land:
 * 1. every child manifest exists in every target (an existence check, else a mount or a streamed copy), and a
 *    child a record names is what the record says (size and media type as the registry reports them); in the
 *    same round, under `forward`, a HEAD per tag says where it points now (then one GET per other index held);
 * 2. the index is stored in every target where no tag holds it yet: with one such target by its first tag's PUT,
 *    sent alone (no tag moves unless it lands); with more, by digest in each (still no tag moved);
 * 3. each other tag that does not hold it, and holds nothing newer, is PUT. A failure here names the tags that
 *    moved; a re-run puts the same bytes and completes it. A re-run that finds every tag in place writes nothing.
 */
export async function publishIndex(
  registry: RegistryClient,
  index: ComposedIndex,
  sources: PlatformSource[],
  { targets, tags, policy }: PublishTargets,
  { logger, reads = new RegistryReads(), progress = new PublishProgress() }: PublishOptions,
): Promise<Published> {
  const ours: IndexIdentity = { digest: sha256Digest(index.bytes), annotations: index.annotations }
  const refs = targets.flatMap(target =>
    tags.map(tag => ({ target, tag, ref: `${formatRepository(target)}:${tag}` })),
  )
  const plans = new Map<string, TagPlan>()
  const action = (ref: string): TagPlan['action'] => plans.get(ref)!.action
  let lead: TagRef | undefined
  try {
    const asked = policy === 'forward' ? refs : []
    const held = await checkChildrenAndTags(registry, sources, targets, asked, ours, { logger, reads })
    for (const { ref } of refs) plans.set(ref, planTag(ours, held.get(ref), policy))
    lead = await storeIndex(registry, index, ours.digest, targets, refs, action)
  } catch (error) {
    throw new Error(
      `${(error as Error).message}\nNo tag was moved: every tag still points where it did before this merge.`,
      { cause: error },
    )
  }
  const published = refs.filter(({ ref }) => action(ref) !== 'keep')
  progress.digest = ours.digest
  progress.refs = published.map(r => r.ref)
  for (const { ref } of refs) reportPlan(ref, ours, plans.get(ref)!, logger, progress)
  const moving = published.filter(({ ref }) => action(ref) === 'move')
  if (published.length && !moving.length)
    logger.info(`Every tag already points at ${ours.digest}: nothing was written.`)
  await moveTags(registry, index, ours.digest, moving, lead, logger, progress)
  const kept = refs.filter(({ ref }) => action(ref) === 'keep').map(r => r.ref)
  return { digest: ours.digest, refs: progress.refs, kept }
}

/**
 * Phase 1: every child in every target, and where each of `refs` points now, in one parallel round; then the
 * annotations of each other index a tag holds, one GET per distinct digest (none for a tag holding ours).
 */
async function checkChildrenAndTags(
  registry: RegistryClient,
  sources: PlatformSource[],
  targets: Repository[],
  refs: TagRef[],
  ours: IndexIdentity,
  { logger, reads }: { logger: Logger; reads: RegistryReads },
): Promise<Map<string, IndexIdentity>> {
  const children = distinctChildren(sources)
  const work = [
    ...targets.flatMap(target => children.map(child => ({ target, child }))),
    ...refs.map(tagRef => ({ target: tagRef.target, tagRef })),
  ]
  const heads = new Map<string, { target: Repository; digest: Digest }>()
  // Mostly HEADs, all in one round; a copy among them sends its writes through the client's per-host slots.
  await mapLimit(work, DefaultChecksPerHost, async job => {
    if ('child' in job) return ensureChild(registry, job.child, job.target, { logger, reads })
    const found = await registry.headManifest(job.target, job.tagRef.tag)
    if (found) heads.set(job.tagRef.ref, { target: job.target, digest: found.digest })
  })
  const others = [...heads.values()].filter(head => head.digest !== ours.digest)
  const distinct = [...new Map(others.map(head => [head.digest, head])).values()]
  const annotations = new Map<Digest, Record<string, string>>([[ours.digest, ours.annotations]])
  await mapLimit(distinct, DefaultRequestsPerHost, async ({ target, digest }) => {
    const { bytes } = await registry.getManifest(target, digest)
    annotations.set(digest, parseManifestAnnotations(bytes, `${formatRepository(target)}@${digest}`))
  })
  return new Map(
    [...heads].map(([ref, { digest }]) => [ref, { digest, annotations: annotations.get(digest)! }]),
  )
}

/**
 * Phase 2: the index must be in every target before a second tag moves; returns the tag whose PUT must land
 * first and alone, if any. A tag that holds the index already proves a target stores it. With one target
 * lacking it, that target's first tag PUT stores it (under its digest too) as surely as a PUT by digest would,
 * so it goes first and no request is spent on the digest; with more, each gets the index by digest first.
 */
async function storeIndex(
  registry: RegistryClient,
  index: ComposedIndex,
  digest: Digest,
  targets: Repository[],
  refs: TagRef[],
  action: (ref: string) => TagPlan['action'],
): Promise<TagRef | undefined> {
  const missing = targets.filter(t => !refs.some(r => r.target === t && action(r.ref) === 'in-place'))
  const lead =
    missing.length === 1 ? refs.find(r => r.target === missing[0] && action(r.ref) === 'move') : undefined
  if (lead) return lead
  // putManifest checks the registry's answer against the digest of the bytes it sent.
  await mapLimit(missing, DefaultRequestsPerHost, async target => {
    await registry.putManifest(target, digest, index.bytes, index.mediaType)
  })
  return undefined
}

/** Logs what happens to a tag that is not simply moved; a tag already in place counts as published. */
function reportPlan(
  ref: string,
  ours: IndexIdentity,
  plan: TagPlan,
  logger: Logger,
  progress: PublishProgress,
): void {
  if (plan.action === 'in-place') {
    progress.moved.add(ref)
    logger.info(`${ref} already points at ${ours.digest}: not written again.`)
  } else if (plan.action === 'keep') {
    logger.warning(
      `Kept ${ref} at ${plan.held.digest} (${plan.order.theirs}): it is newer than this index ${ours.digest} ` +
        `(${plan.order.ours}). Set ${inputName(Input.TagPolicy)} to always to move it anyway.`,
    )
  } else if (plan.held && plan.order && plan.order.order === undefined) {
    logger.info(`Moving ${ref} from ${plan.held.digest} without comparing the two: ${plan.order.why}.`)
  }
}

/** Phase 3: PUT every tag; on failure, report truthfully which tags point at the index now. */
async function moveTags(
  registry: RegistryClient,
  index: ComposedIndex,
  digest: Digest,
  refs: TagRef[],
  lead: TagRef | undefined,
  logger: Logger,
  progress: PublishProgress,
): Promise<void> {
  // PUTs that failed without an HTTP answer: the only ones whose outcome is unknown.
  const unanswered: TagRef[] = []
  const put = async (tagRef: TagRef): Promise<void> => {
    progress.unknown.add(tagRef.ref)
    try {
      await putTag(registry, index, digest, tagRef, logger, tagRef === lead)
      progress.moved.add(tagRef.ref)
    } catch (error) {
      if (!registryErrorOf(error)) unanswered.push(tagRef)
      throw error
    } finally {
      progress.unknown.delete(tagRef.ref)
    }
  }
  try {
    // The lead tag stores the index (phase 2): no other tag moves unless it has landed.
    if (lead) await put(lead)
    await mapLimit(
      refs.filter(tagRef => tagRef !== lead),
      DefaultRequestsPerHost,
      put,
    )
  } catch (error) {
    // A PUT that got no answer (a connection dropped after the registry applied it) leaves the outcome unknown:
    // ask where each such tag points before saying it did not move. An HTTP answer is the registry's word.
    await mapLimit(unanswered, DefaultRequestsPerHost, async ({ target, tag, ref }) => {
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
  lead = false,
): Promise<void> {
  try {
    await registry.putManifest(target, tag, index.bytes, index.mediaType)
    logger.info(`Tagged ${ref}`)
  } catch (error) {
    const answer = finalRefusalOf(error)
    if (!answer) throw error
    const held = await registry.headManifest(target, tag).catch(() => undefined)
    if (!held) throw error
    if (held.digest === digest) {
      logger.info(
        `Tagged ${ref}: it already points at ${digest} (the registry refused to write it again: HTTP ${answer.status}${answer.codes.length ? ` ${answer.codes.join(', ')}` : ''})`,
      )
      return
    }
    // The lead tag's PUT is the first the registry sees of the index: a refusal of the index itself (denied,
    // invalid, children unknown) must be told apart from a refusal to move the tag. The index by digest says
    // which, and its own error, with its hints, stands when it is refused too.
    if (lead) await registry.putManifest(target, digest, index.bytes, index.mediaType)
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
  { source, descriptor }: IndexChild,
  target: Repository,
  { logger, reads }: { logger: Logger; reads: RegistryReads },
): Promise<void> {
  if (sameRepository(source.repository, target)) {
    // Read from this very repository moments ago (a `digests` entry, a platform check): the registry's answer
    // then serves as the existence check.
    const found =
      reads.manifest(target, descriptor.digest)?.descriptor ??
      (await registry.headManifest(target, descriptor.digest, { pushed: true }))
    if (found) return checkAgainstRecord(descriptor, found, source, target)
    throw new Error(
      `${formatRepository(target)}@${descriptor.digest} (from ${source.origin}) was not found. ` +
        `The build step that pushed it may have failed, or pushed to another registry.`,
    )
  }
  try {
    const from = registrySource(registry, source.repository, reads)
    await copyManifest(registry, from, descriptor, target, { logger })
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
