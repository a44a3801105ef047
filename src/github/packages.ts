/**
 * GitHub's REST API for container package versions: the one place where GitHub's container registry lists its
 * untagged manifests, which the registry API itself never does. Every request is retried like a registry's.
 */
import { isDigest } from '../core/digest.js'
import { isObject } from '../core/json.js'
import { type Logger, silentLogger } from '../core/logger.js'
import type { PackageVersion } from '../core/prune-plan.js'
import { formatRepository, type Repository } from '../core/reference.js'
import {
  describeError,
  HttpStatusError,
  isRetryableStatus,
  parseRetryAfter,
  type RetryOptions,
  withRetry,
} from '../registry/retry.js'
import { Input } from '../settings/names.js'
import { inputLabel } from '../settings/values.js'

/** Lists and deletes the versions of one container package. */
export interface PackageVersionsApi {
  /** Every version of the image's package, all pages; throws when a page fails after retries. */
  list(repository: Repository): Promise<PackageVersion[]>
  /** Deletes one version; one already gone counts as deleted. */
  remove(repository: Repository, version: PackageVersion): Promise<void>
}

export interface PackagesApiOptions {
  /** GITHUB_API_URL, without a trailing slash. */
  apiUrl: string
  /** Never logged; sent to `apiUrl`'s origin only. */
  token: string
  retry?: RetryOptions
  logger?: Logger
  /** A request fails when no answer comes for this long (default 60 s). */
  timeoutMs?: number
}

const PageSize = 100

/** A successful answer: its status, its JSON, and the next page a Link header names. */
interface ApiAnswer {
  status: number
  body: unknown
  next?: URL
}

/** The package API's client; the owner's kind (organisation or user) is learnt per owner on first use. */
export function githubPackagesApi(options: PackagesApiOptions): PackageVersionsApi {
  const logger = options.logger ?? silentLogger
  const call = (method: string, url: URL, ok: number[]): Promise<ApiAnswer> =>
    apiCall(options, method, url, ok)
  const ownerKinds = new Map<string, Promise<'orgs' | 'users'>>()

  /** `/orgs/{owner}/packages/container/{name}/versions`, or `/users/...` for a personal account. */
  async function versionsUrl(repository: Repository): Promise<URL> {
    const { owner, name } = packageOf(repository)
    let kind = ownerKinds.get(owner)
    if (!kind) {
      kind = ownerKind(owner)
      ownerKinds.set(owner, kind)
    }
    return new URL(
      `${options.apiUrl}/${await kind}/${encodeURIComponent(owner)}/packages/container/${encodeURIComponent(name)}/versions`,
    )
  }

  /** GitHub says whether an account is an organisation or a user. */
  async function ownerKind(owner: string): Promise<'orgs' | 'users'> {
    const { body } = await call('GET', new URL(`${options.apiUrl}/users/${encodeURIComponent(owner)}`), [200])
    return isObject(body) && body.type === 'Organization' ? 'orgs' : 'users'
  }

  /** Every page: GitHub's Link headers lead when sent; otherwise a short page is the last. */
  async function listAll(repository: Repository): Promise<PackageVersion[]> {
    const base = await versionsUrl(repository)
    const versions: PackageVersion[] = []
    let url: URL | undefined = new URL(`${base}?per_page=${PageSize}&page=1`)
    for (let page = 1; url; page++) {
      const answer: ApiAnswer = await call('GET', url, [200])
      if (!Array.isArray(answer.body))
        throw new Error(`GitHub API GET ${url.pathname}: the answer is not a list of versions.`)
      const where = (i: number) => `${formatRepository(repository)} version ${versions.length + i + 1}`
      // A version pushed while listing shifts the newest-first pages: one may come twice.
      const seen = new Set(versions.map(v => v.id))
      versions.push(
        ...answer.body.map((item, i) => parseVersion(item, where(i))).filter(v => !seen.has(v.id)),
      )
      const full = answer.body.length === PageSize
      url = answer.next ?? (full ? new URL(`${base}?per_page=${PageSize}&page=${page + 1}`) : undefined)
    }
    logger.info(`${formatRepository(repository)}: ${versions.length} package version(s) listed`)
    return versions
  }

  return {
    async list(repository) {
      return listAll(repository).catch(error => {
        throw explain(error, repository)
      })
    },

    async remove(repository, version) {
      try {
        await call('DELETE', new URL(`${await versionsUrl(repository)}/${version.id}`), [204, 404])
      } catch (error) {
        throw explain(error, repository)
      }
    },
  }
}

/** One request with retries: 5xx, 429 and dropped connections are tried again; other failures are not. */
async function apiCall(
  options: PackagesApiOptions,
  method: string,
  url: URL,
  ok: number[],
): Promise<ApiAnswer> {
  const logger = options.logger ?? silentLogger
  const target = { host: url.host, method, path: url.pathname + url.search }
  const retry: RetryOptions = {
    ...options.retry,
    onRetry: (error, attempt, delayMs) =>
      logger.info(
        `${describeError(error)}; retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt + 1})`,
      ),
  }
  return withRetry(target, retry, async () => {
    const response = await fetch(url, {
      method,
      headers: {
        Accept: 'application/vnd.github+json',
        Authorization: `Bearer ${options.token}`,
        'X-GitHub-Api-Version': '2022-11-28',
        'User-Agent': 'native-multiarch',
      },
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    })
    const text = await response.text()
    const what = `GitHub API ${method} ${url.pathname}${url.search}`
    if (isRetryableStatus(response.status)) {
      const retryAfter = parseRetryAfter(response.headers.get('retry-after') ?? undefined, Date.now())
      throw new HttpStatusError(
        `${what} answered HTTP ${response.status}${said(text)}`,
        response.status,
        retryAfter,
      )
    }
    if (!ok.includes(response.status)) throw new ApiError(what, response.status, text)
    const body: unknown = text ? JSON.parse(text) : undefined
    return {
      status: response.status,
      body,
      next: nextPage(response.headers.get('link'), new URL(options.apiUrl).origin),
    }
  })
}

/** The package of an image on GitHub's registry: `ghcr.io/acme/app/web` is package `app/web` of `acme`. */
export function packageOf(repository: Repository): { owner: string; name: string } {
  const slash = repository.path.indexOf('/')
  if (slash < 0) {
    throw new Error(
      `${inputLabel(Input.Images)}: ${formatRepository(repository)} names no owner; GitHub's registry takes ${repository.registry}/OWNER/NAME.`,
    )
  }
  return { owner: repository.path.slice(0, slash), name: repository.path.slice(slash + 1) }
}

/** An answer GitHub gave that is not a success and not worth retrying. */
class ApiError extends Error {
  constructor(
    what: string,
    readonly status: number,
    text: string,
  ) {
    super(`${what} answered HTTP ${status}${said(text)}`)
  }
}

/** What the token needs, when GitHub refused it or hid the package. */
function explain(error: unknown, repository: Repository): Error {
  const message = describeError(error)
  if (!(error instanceof ApiError) || ![401, 403, 404].includes(error.status))
    return new Error(message, { cause: error })
  return new Error(
    `${message}. Check that ${formatRepository(repository)} is a package GitHub's API serves and that input ` +
      `'${Input.GithubToken}' can reach it: the job needs 'permissions: packages: write' (read is enough for a dry run), ` +
      `or a token with read:packages and delete:packages.`,
    { cause: error },
  )
}

function said(text: string): string {
  try {
    const body: unknown = JSON.parse(text)
    if (isObject(body) && typeof body.message === 'string') return ` (${body.message})`
  } catch {
    // Not JSON: nothing more to say.
  }
  return ''
}

/** The `rel="next"` URL of a Link header, when it stays on the API's origin (the token goes nowhere else). */
export function nextPage(link: string | null, origin: string): URL | undefined {
  for (const part of (link ?? '').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part)
    if (!match) continue
    const url = new URL(match[1]!)
    return url.origin === origin ? url : undefined
  }
  return undefined
}

/** One version of the API's answer, checked: a bad one stops the prune rather than being guessed at. */
function parseVersion(item: unknown, where: string): PackageVersion {
  const invalid = (why: string): Error => new Error(`GitHub API: ${where} ${why}.`)
  if (!isObject(item) || typeof item.id !== 'number') throw invalid('has no numeric id')
  if (typeof item.name !== 'string' || !isDigest(item.name))
    throw invalid(`is named '${String(item.name)}', not a digest`)
  const createdAt = Date.parse(String(item.created_at))
  const updatedAt = item.updated_at === undefined ? createdAt : Date.parse(String(item.updated_at))
  if (Number.isNaN(createdAt) || Number.isNaN(updatedAt)) throw invalid('has no valid created_at')
  const container =
    isObject(item.metadata) && isObject(item.metadata.container) ? item.metadata.container : {}
  const tags = Array.isArray(container.tags)
    ? container.tags.filter((t): t is string => typeof t === 'string')
    : []
  return { id: item.id, digest: item.name, tags, createdAt, updatedAt }
}
