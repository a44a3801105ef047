import { readFile } from 'node:fs/promises'
import { isObject } from '../core/json.js'

/**
 * What a workflow run tells about the commit being built: the runner's `GITHUB_*` variables and the few fields
 * of the event payload (`GITHUB_EVENT_PATH`) that tags and annotations are derived from.
 */
export interface GitHubContext {
  /** `GITHUB_EVENT_NAME`: `push`, `pull_request`, `release`, `workflow_dispatch`, ... */
  eventName: string
  /** `GITHUB_REF`: `refs/heads/main`, `refs/tags/v1.4.2`, `refs/pull/12/merge`; '' when unset. */
  ref: string
  /** `GITHUB_SHA`: the commit the workflow runs on; '' when unset. */
  sha: string
  /** `GITHUB_SERVER_URL` + `GITHUB_REPOSITORY`, e.g. `https://github.com/acme/app`; undefined without a repository. */
  repositoryUrl?: string
  /** The repository's default branch, from the payload's `repository.default_branch`. */
  defaultBranch?: string
  /**
   * The head commit's timestamp from a push payload, in UTC (`2024-05-01T10:34:56Z`): the same for every
   * run of one push, unlike the time of the run. Undefined for events without a head commit.
   */
  commitTime?: string
  /** The pull request number, for `pull_request` and `pull_request_target` events. */
  pullRequest?: number
  /** The release of a `release` event: its tag and whether GitHub marks it a pre-release. */
  release?: { tag: string; prerelease: boolean }
}

/** The environment variables the context is read from. */
export type GitHubEnv = Record<string, string | undefined>

/**
 * Reads the context of the current run: the variables, and the event payload at `GITHUB_EVENT_PATH`.
 * Undefined outside GitHub Actions. A payload that cannot be read is an error: tags would be derived wrongly.
 */
export async function readGitHubContext(env: GitHubEnv): Promise<GitHubContext | undefined> {
  if (env.GITHUB_ACTIONS !== 'true') return undefined
  const path = env.GITHUB_EVENT_PATH
  let payload: unknown = {}
  if (path) {
    try {
      payload = JSON.parse(await readFile(path, 'utf8'))
    } catch (error) {
      throw new Error(
        `Cannot read the event payload at GITHUB_EVENT_PATH '${path}': ${(error as Error).message}`,
      )
    }
  }
  return parseGitHubContext(env, payload)
}

/** The context from the runner's variables and the event payload, as GitHub writes them. */
export function parseGitHubContext(env: GitHubEnv, payload: unknown): GitHubContext {
  const event = asObject(payload)
  const repository = asObject(event.repository)
  const eventName = env.GITHUB_EVENT_NAME ?? ''
  const context: GitHubContext = { eventName, ref: env.GITHUB_REF ?? '', sha: env.GITHUB_SHA ?? '' }
  if (env.GITHUB_REPOSITORY) {
    const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
    context.repositoryUrl = `${server}/${env.GITHUB_REPOSITORY}`
  }
  if (typeof repository.default_branch === 'string') context.defaultBranch = repository.default_branch
  const commitTime = utcTimestamp(asObject(event.head_commit).timestamp)
  if (commitTime) context.commitTime = commitTime
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const number = event.number ?? asObject(event.pull_request).number
    if (typeof number === 'number') context.pullRequest = number
  }
  const release = asObject(event.release)
  if (eventName === 'release' && typeof release.tag_name === 'string') {
    context.release = { tag: release.tag_name, prerelease: release.prerelease === true }
  }
  return context
}

/** `2021-10-21T23:47:22+02:00` as `2021-10-21T21:47:22Z`: one spelling per instant, so the index bytes are stable. */
function utcTimestamp(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const time = Date.parse(value)
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function asObject(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {}
}
