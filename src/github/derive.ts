import type { GitHubContext } from './context.js'

/** The OCI annotation keys derived from a run (image-spec `annotations.md`). */
const OciAnnotation = {
  Source: 'org.opencontainers.image.source',
  Revision: 'org.opencontainers.image.revision',
  Created: 'org.opencontainers.image.created',
  Version: 'org.opencontainers.image.version',
} as const

/** Tags that follow from a run, and why, for the log. */
export interface DerivedTags {
  tags: string[]
  /** `the push of tag v1.4.2`, `pull request #12`, ... */
  reason: string
}

// semver.org's grammar, with the `v` prefix tags usually carry.
const SemVer =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/

/**
 * The tags an index gets when the user names none, from the event that started the run:
 * - pull request (`pull_request`, `pull_request_target`): `pr-<number>`;
 * - release, or a pushed tag, that is semver (`v1.4.2`): `1.4.2`, `1.4`, `1` (not for major 0) and `latest`;
 *   a pre-release (`v2.0.0-rc.1`, or a release GitHub marks pre-release) gets only `2.0.0-rc.1`;
 * - any other tag: its name, made a valid tag, and no `latest`;
 * - the default branch (and `schedule`, which always runs there): `sha-<7 hex>` and `latest`;
 * - another branch: its name, made a valid tag (`feature/x` becomes `feature-x`).
 * Undefined when the run names nothing to tag (no ref), so the caller can ask for `tags` instead.
 */
export function deriveTags(context: GitHubContext): DerivedTags | undefined {
  const { eventName, ref } = context
  const pullRequest = /^refs\/pull\/(\d+)\//.exec(ref)?.[1]
  if (eventName === 'pull_request' || eventName === 'pull_request_target' || pullRequest) {
    // pull_request_target runs on the base branch's ref: the payload's number is what names the request.
    const number = context.pullRequest ?? (pullRequest ? Number(pullRequest) : undefined)
    return number === undefined ? undefined : { tags: [`pr-${number}`], reason: `pull request #${number}` }
  }
  if (context.release) {
    const { tag, prerelease } = context.release
    return { tags: versionTags(tag, prerelease), reason: `release ${tag}` }
  }
  if (ref.startsWith('refs/tags/')) {
    const tag = ref.slice('refs/tags/'.length)
    return { tags: versionTags(tag, false), reason: `the tag ${tag}` }
  }
  if (ref.startsWith('refs/heads/')) {
    const branch = ref.slice('refs/heads/'.length)
    const sha = context.sha ? [`sha-${context.sha.slice(0, 7)}`] : []
    if (branch === context.defaultBranch || eventName === 'schedule') {
      return { tags: [...sha, 'latest'], reason: `the default branch ${branch}` }
    }
    const name = sanitizeTag(branch)
    const tags = name ? [name] : sha
    return tags.length ? { tags, reason: `the branch ${branch}` } : undefined
  }
  return undefined
}

/** A git tag's image tags: a semver release's version and its aliases, `latest`; otherwise the tag alone. */
function versionTags(tag: string, prerelease: boolean): string[] {
  const name = sanitizeTag(tag)
  const semver = SemVer.exec(tag)
  if (!semver) return name ? [name] : []
  const [, major, minor, , pre] = semver
  // `+build` metadata is not allowed in a tag; the sanitized form keeps it readable (`1.4.2-build.5`).
  const version = sanitizeTag(tag.replace(/^v/, ''))
  if (pre !== undefined || prerelease) return [version]
  return [version, `${major}.${minor}`, ...(major === '0' ? [] : [major!]), 'latest']
}

/**
 * A branch or git tag name as an image tag: characters outside `[A-Za-z0-9_.-]` become `-`, no leading `.` or
 * `-`, at most 128 characters; '' when nothing is left.
 */
export function sanitizeTag(name: string): string {
  return name
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128)
}

/**
 * OCI annotations for the index from the run: `source` (the repository's URL), `revision` (the commit),
 * `created` (the head commit's time, not the time of the run, so one commit always gives the same index) and
 * `version` (the first of `tags` other than `latest`). Facts the run does not have are left out.
 */
export function deriveAnnotations(context: GitHubContext, tags: string[]): Record<string, string> {
  const annotations: Record<string, string> = {}
  if (context.repositoryUrl) annotations[OciAnnotation.Source] = context.repositoryUrl
  if (context.sha) annotations[OciAnnotation.Revision] = context.sha
  if (context.commitTime) annotations[OciAnnotation.Created] = context.commitTime
  const version = tags.find(tag => tag !== 'latest')
  if (version) annotations[OciAnnotation.Version] = version
  return annotations
}
