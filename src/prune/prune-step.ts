import { mapLimit } from '../core/concurrency.js'
import type { Digest } from '../core/digest.js'
import type { Logger } from '../core/logger.js'
import { parseManifestLinks } from '../core/manifest.js'
import {
  formatAge,
  type ManifestLinks,
  type PackageVersion,
  planPrune,
  type PrunePlan,
} from '../core/prune-plan.js'
import { formatRepository, type Repository } from '../core/reference.js'
import type { PackageVersionsApi } from '../github/packages.js'
import { DefaultRequestsPerHost } from '../registry/hosts.js'
import type { RegistryClient } from '../registry/types.js'
import { Input } from '../settings/names.js'
import { inputLabel } from '../settings/values.js'
import type { PruneOptions } from '../settings/settings.js'

/** DELETEs to GitHub's API in flight at once: as many as a registry host gets, a pace its limits accept. */
const ApiDeletesAtOnce = DefaultRequestsPerHost

/** What a prune needs from outside: the registry (to read manifests), the package API, a log with groups. */
export interface PruneContext {
  registry: RegistryClient
  /** The package API for these options; only asked for when an image is on a GitHub registry host. */
  packages(options: PruneOptions): PackageVersionsApi
  logger: Logger
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
  /** The time ages are measured from; Date.now in production. */
  now?: () => number
}

/** What happened to one image. */
export interface ImagePrune {
  repository: Repository
  /** Why the image was left alone (another registry, no tagged version); undefined when it was planned. */
  skipped?: string
  plan?: PrunePlan
  /** Digests deleted (none in a dry run). */
  deleted: Digest[]
}

export interface PruneResult {
  images: ImagePrune[]
  dryRun: boolean
  /** Every digest deleted, in the order deleted. */
  deleted: Digest[]
}

/**
 * Prunes each image in two phases: first every supported image is listed, every version's manifest read and
 * the plan made, then the deletions run. Any failure in the first phase (an API page, a manifest that cannot
 * be read) stops everything before the first deletion.
 */
export async function runPrune(
  images: Repository[],
  options: PruneOptions,
  context: PruneContext,
): Promise<PruneResult> {
  const { logger, group } = context
  const now = (context.now ?? Date.now)()
  const results: ImagePrune[] = []
  let api: PackageVersionsApi | undefined
  for (const repository of images) {
    const name = formatRepository(repository)
    if (!options.githubRegistryHosts.includes(repository.registry)) {
      const skipped =
        `${repository.registry} is not GitHub's container registry (${options.githubRegistryHosts.join(', ')}): ` +
        `its untagged content cannot be listed there, so nothing was pruned. Add the host to '${Input.GithubRegistryHosts}' if it is a GitHub Enterprise Server's.`
      logger.info(`${name}: ${skipped}`)
      results.push({ repository, skipped, deleted: [] })
      continue
    }
    if (!options.token) {
      throw new Error(
        `${inputLabel(Input.GithubToken)} is empty: pruning ${name} needs a token that may read and delete its package versions ('permissions: packages: write').`,
      )
    }
    const packages = (api ??= context.packages(options))
    results.push(
      await group(`Plan the clean-up of ${name}`, () =>
        planImage(repository, packages, options, now, context),
      ),
    )
  }
  for (const result of results) {
    const { plan, repository } = result
    if (!plan || !api || options.dryRun || plan.deletions.length === 0) continue
    const packages = api
    await group(`Delete from ${formatRepository(repository)}`, () =>
      deletePlanned(repository, plan, packages, result.deleted, logger),
    )
  }
  return { images: results, dryRun: options.dryRun, deleted: results.flatMap(r => r.deleted) }
}

async function planImage(
  repository: Repository,
  api: PackageVersionsApi,
  options: PruneOptions,
  now: number,
  { registry, logger }: PruneContext,
): Promise<ImagePrune> {
  const name = formatRepository(repository)
  const versions = await api.list(repository).catch(error => {
    throw new Error(
      `Listing the versions of ${name} failed; nothing was deleted. ${(error as Error).message}`,
      {
        cause: error,
      },
    )
  })
  if (!versions.some(v => v.tags.length)) {
    // With no tag to anchor the walk, everything would look unused: a listing without tags is not trusted.
    const skipped = `none of its ${versions.length} version(s) is tagged, so nothing shows what is in use; nothing was pruned.`
    logger.warning(`${name}: ${skipped}`)
    return { repository, skipped, deleted: [] }
  }
  const links = await readLinks(repository, versions, registry)
  const plan = planPrune(versions, links, now, options.minAgeMs)
  for (const kept of plan.kept) logger.info(`Keep ${kept.version.digest}: ${kept.why}`)
  const verb = options.dryRun ? 'Would delete' : 'To delete'
  for (const deletion of plan.deletions.flat()) {
    logger.info(`${verb} ${deletion.version.digest} (${formatAge(deletion.ageMs)} old): ${deletion.why}`)
  }
  logger.info(
    `${name}: ${plan.kept.length} version(s) kept, ${plan.deletions.flat().length} ${options.dryRun ? 'would be' : 'to be'} deleted`,
  )
  return { repository, plan, deleted: [] }
}

/** Every version's manifest, read from the registry; one that cannot be read stops the prune. */
async function readLinks(
  repository: Repository,
  versions: PackageVersion[],
  registry: RegistryClient,
): Promise<Map<Digest, ManifestLinks>> {
  const links = new Map<Digest, ManifestLinks>()
  await mapLimit(versions, DefaultRequestsPerHost, async version => {
    const where = `${formatRepository(repository)}@${version.digest}`
    try {
      const manifest = await registry.getManifest(repository, version.digest)
      links.set(version.digest, parseManifestLinks(manifest.bytes, where))
    } catch (error) {
      throw new Error(
        `Reading ${where} failed, so what it references is unknown; nothing was deleted. ${(error as Error).message}`,
        { cause: error },
      )
    }
  })
  return links
}

/** Deletes batch after batch (referencing versions first); a failure names what was deleted already. */
async function deletePlanned(
  repository: Repository,
  plan: PrunePlan,
  api: PackageVersionsApi,
  deleted: Digest[],
  logger: Logger,
): Promise<void> {
  const name = formatRepository(repository)
  try {
    for (const batch of plan.deletions) {
      await mapLimit(batch, ApiDeletesAtOnce, async ({ version }) => {
        await api.remove(repository, version)
        deleted.push(version.digest)
        logger.info(`Deleted ${name}@${version.digest}`)
      })
    }
  } catch (error) {
    const total = plan.deletions.flat().length
    throw new Error(
      `Deleting from ${name} failed after ${deleted.length} of ${total} deletion(s): ${(error as Error).message}. ` +
        `What is left is only unused versions; a later prune deletes them.`,
      { cause: error },
    )
  }
}
