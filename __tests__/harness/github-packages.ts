/**
 * A stand-in for GitHub's REST API for container package versions, whose versions are a real registry's
 * manifests: it reads the registry's filesystem storage (every manifest revision, every tag, file times as
 * creation times) and its DELETE deletes the manifest from the real registry. Runs in the test process.
 *
 *   GET    /users/{owner}                                                    -> { login, type }
 *   GET    /{orgs|users}/{owner}/packages/container/{name}/versions?per_page&page  (newest first, Link headers)
 *   DELETE /{orgs|users}/{owner}/packages/container/{name}/versions/{id}     -> DELETE /v2/{owner}/{name}/manifests/{digest}
 */
import { existsSync } from 'node:fs'
import * as fs from 'node:fs/promises'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import * as path from 'node:path'
import type { RunningRegistry } from './registry.js'

/** One request the stand-in answered. `path` is as sent, query included, percent-encoding kept. */
export interface ApiRequest {
  method: string
  path: string
  status: number
}

export interface PackagesApiOptions {
  /** The registry whose storage is the packages' content. */
  registry: RunningRegistry
  /** Each owner's kind, as `GET /users/{owner}` answers; an owner not listed is unknown (404). */
  owners: Record<string, 'Organization' | 'User'>
  /** The token that must come as `Authorization: Bearer ...`; anything else gets 401. */
  token: string
  /** Send `Link: <...>; rel="next"` headers (GitHub does); false makes clients rely on short pages. */
  linkHeaders?: boolean
}

export interface PackagesApi {
  /** GITHUB_API_URL for the client: `http://127.0.0.1:PORT`. */
  url: string
  /** Every request answered since start or the last resetRequests(). */
  requests(): ApiRequest[]
  resetRequests(): void
  /** Sets a version's `created_at` (and `updated_at`, default the same), overriding the storage's file time. */
  setTimes(digest: string, createdAt: Date, updatedAt?: Date): void
  /** Makes every request for which `fault` returns a status answer it instead (e.g. 500 for page 2). */
  setFault(fault: ((method: string, url: URL) => number | undefined) | undefined): void
  /** Lists `digest` as a version of `repository` too, though the registry has no such manifest. */
  addPhantom(repository: string, digest: string): void
  /** The digests of `repository`'s manifests in the registry's storage now. */
  digests(repository: string): Promise<string[]>
  /** The tags of `repository` in storage, as `tag -> digest`. */
  tags(repository: string): Promise<Record<string, string>>
  stop(): Promise<void>
}

interface Version {
  id: number
  name: string
  created_at: string
  updated_at: string
  metadata: { package_type: 'container'; container: { tags: string[] } }
}

const VersionsPath = /^\/(orgs|users)\/([^/]+)\/packages\/container\/([^/]+)\/versions(?:\/(\d+))?$/

/** Starts the stand-in on a loopback port the kernel picks. */
export async function startPackagesApi(options: PackagesApiOptions): Promise<PackagesApi> {
  const log: ApiRequest[] = []
  const ids = new Map<string, number>()
  const times = new Map<string, { created: Date; updated: Date }>()
  const phantoms = new Map<string, string[]>()
  let fault: ((method: string, url: URL) => number | undefined) | undefined
  const repositoryDir = (repository: string): string =>
    path.join(options.registry.rootDir, 'docker/registry/v2/repositories', repository, '_manifests')

  async function digests(repository: string): Promise<string[]> {
    const dir = path.join(repositoryDir(repository), 'revisions/sha256')
    const entries = await fs.readdir(dir).catch(() => [] as string[])
    // A deleted manifest loses its revision link; the directory may stay behind.
    return entries.filter(hex => existsSync(path.join(dir, hex, 'link'))).map(hex => `sha256:${hex}`)
  }

  async function tags(repository: string): Promise<Record<string, string>> {
    const dir = path.join(repositoryDir(repository), 'tags')
    const result: Record<string, string> = {}
    for (const tag of await fs.readdir(dir).catch(() => [] as string[])) {
      const link = await fs.readFile(path.join(dir, tag, 'current/link'), 'utf8').catch(() => undefined)
      if (link) result[tag] = link.trim()
    }
    return result
  }

  /** Every version of the package, newest first, as GitHub lists them. */
  async function versions(repository: string): Promise<Version[]> {
    const byDigest: Record<string, string[]> = {}
    for (const [tag, digest] of Object.entries(await tags(repository))) (byDigest[digest] ??= []).push(tag)
    const listed = [...(await digests(repository)), ...(phantoms.get(repository) ?? [])]
    const dir = path.join(repositoryDir(repository), 'revisions/sha256')
    const result = await Promise.all(
      listed.map(async digest => {
        const stat = await fs.stat(path.join(dir, digest.slice(7), 'link')).catch(() => undefined)
        const set = times.get(digest)
        const created = set?.created ?? stat?.mtime ?? new Date()
        if (!ids.has(digest)) ids.set(digest, ids.size + 1000)
        return {
          id: ids.get(digest)!,
          name: digest,
          created_at: created.toISOString(),
          updated_at: (set?.updated ?? created).toISOString(),
          metadata: {
            package_type: 'container' as const,
            container: { tags: (byDigest[digest] ?? []).sort() },
          },
        }
      }),
    )
    return result.sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id)
  }

  async function answer(
    req: http.IncomingMessage,
    url: URL,
  ): Promise<[number, unknown, Record<string, string>?]> {
    if (req.headers.authorization !== `Bearer ${options.token}`) return [401, { message: 'Bad credentials' }]
    const injected = fault?.(req.method ?? '', url)
    if (injected) return [injected, { message: 'injected fault' }]
    const user = /^\/users\/([^/]+)$/.exec(url.pathname)
    if (user && req.method === 'GET') {
      const type = options.owners[decodeURIComponent(user[1]!)]
      return type ? [200, { login: user[1], type }] : [404, { message: 'Not Found' }]
    }
    const match = VersionsPath.exec(url.pathname)
    if (!match) return [404, { message: 'Not Found' }]
    const [, kind, owner, name, id] = match.map(part =>
      part === undefined ? part : decodeURIComponent(part),
    )
    const type = options.owners[owner!]
    if (!type || (kind === 'orgs') !== (type === 'Organization')) return [404, { message: 'Not Found' }]
    const repository = `${owner}/${name}`
    const all = await versions(repository)
    if (all.length === 0) return [404, { message: 'Package not found.' }]
    if (req.method === 'GET' && id === undefined) return listPage(url, all)
    const version = all.find(v => String(v.id) === id)
    if (!version) return [404, { message: 'Not Found' }]
    if (req.method !== 'DELETE') return [405, { message: 'Method not allowed' }]
    const response = await fetch(`${options.registry.url}/v2/${repository}/manifests/${version.name}`, {
      method: 'DELETE',
    })
    await response.arrayBuffer()
    return response.status === 202
      ? [204, undefined]
      : [500, { message: `registry answered ${response.status}` }]
  }

  function listPage(url: URL, all: Version[]): [number, unknown, Record<string, string>] {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30))
    const page = Number(url.searchParams.get('page') ?? 1)
    const items = all.slice((page - 1) * perPage, page * perPage)
    const headers: Record<string, string> = {}
    if (options.linkHeaders !== false && page * perPage < all.length) {
      const next = new URL(url)
      next.searchParams.set('page', String(page + 1))
      headers.link = `<${next}>; rel="next"`
    }
    return [200, items, headers]
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
    answer(req, url)
      .catch(error => [500, { message: String(error) }] as [number, unknown])
      .then(([status, body, headers]) => {
        log.push({ method: req.method ?? '', path: req.url ?? '', status })
        res.writeHead(status, { 'content-type': 'application/json', ...headers })
        res.end(body === undefined ? undefined : JSON.stringify(body))
      })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => [...log],
    resetRequests: () => void log.splice(0),
    setTimes: (digest, created, updated) => void times.set(digest, { created, updated: updated ?? created }),
    setFault: next => void (fault = next),
    addPhantom: (repository, digest) =>
      void phantoms.set(repository, [...(phantoms.get(repository) ?? []), digest]),
    digests,
    tags,
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
