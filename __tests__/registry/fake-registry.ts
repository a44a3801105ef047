/**
 * Local HTTP servers for protocol-level tests: a plain recording server, and an in-memory registry that speaks
 * the OCI Distribution API (manifests, blobs, monolithic uploads, mounts) with optional Basic or Bearer auth.
 * Faults are injected with `intercept`, which sees every request first.
 */
import { createHash, randomUUID } from 'node:crypto'
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Recorded {
  method: string
  /** Path with query, as sent. */
  path: string
  headers: IncomingHttpHeaders
  body: Buffer
}

export interface TestServer {
  /** `127.0.0.1:PORT`: a loopback registry host, spoken to over plain HTTP. */
  host: string
  /** `http://127.0.0.1:PORT` */
  url: string
  requests: Recorded[]
  /** TCP connections accepted so far. */
  connections(): number
  close(): Promise<void>
}

export type Handler = (
  request: Recorded,
  response: ServerResponse,
  raw: IncomingMessage,
) => void | Promise<void>

/** Starts a server on a free loopback port; every request's body is read before `handler` runs. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: Recorded[] = []
  let connections = 0
  const server = http.createServer((raw, response) => {
    const chunks: Buffer[] = []
    raw.on('data', (chunk: Buffer) => chunks.push(chunk))
    raw.on('error', () => {})
    raw.on('end', () => {
      const request = {
        method: raw.method!,
        path: raw.url!,
        headers: raw.headers,
        body: Buffer.concat(chunks),
      }
      requests.push(request)
      Promise.resolve(handler(request, response, raw)).catch(error => {
        if (!response.headersSent) response.writeHead(500).end(String(error))
      })
    })
  })
  server.on('connection', () => connections++)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    requests,
    connections: () => connections,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export function sha256(bytes: Buffer | string): `sha256:${string}` {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`
}

export function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: http.OutgoingHttpHeaders = {},
): void {
  const bytes = Buffer.from(JSON.stringify(body))
  response
    .writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': bytes.length, ...headers })
    .end(bytes)
}

export function registryError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers = {},
): void {
  json(response, status, { errors: [{ code, message }] }, headers)
}

export interface FakeRegistryOptions {
  auth?: 'none' | 'basic' | 'bearer'
  username?: string
  password?: string
  /** Bearer: whether the token service hands out pull tokens without credentials (default false). */
  anonymousPull?: boolean
  /** Bearer: `expires_in` (omitted when undefined). */
  tokenTtlSeconds?: number
  /** Bearer: which field carries the token (default `token`). */
  tokenField?: 'token' | 'access_token'
  /** Whether cross-repository mounts succeed (201) when the source has the blob (default true). */
  mounts?: boolean
  /** How upload sessions' `Location` is written (default relative with a `_state` query). */
  location?: 'relative' | 'absolute' | 'query'
  /** Sees every request first; return true when it answered. */
  intercept?: (request: Recorded, response: ServerResponse) => boolean | Promise<boolean>
}

export interface FakeRegistry extends TestServer {
  /** Token service requests (Bearer mode). */
  tokenRequests: Recorded[]
  /** Makes every issued token invalid, as expiry would. */
  revokeTokens(): void
  /** Stores a blob in a repository directly, for test setup. */
  addBlob(repository: string, bytes: Buffer): `sha256:${string}`
  /** Stores a manifest in a repository directly (by digest, and by tag when given). */
  addManifest(repository: string, bytes: Buffer, mediaType: string, tag?: string): `sha256:${string}`
  hasBlob(repository: string, digest: string): boolean
  manifest(repository: string, reference: string): { bytes: Buffer; mediaType: string } | undefined
}

interface Repo {
  blobs: Set<string>
  manifests: Map<string, { bytes: Buffer; mediaType: string }>
}

const Route = /^\/v2\/(.+)\/(manifests|blobs)\/([^/?]+)$/
const UploadRoute = /^\/v2\/(.+)\/blobs\/uploads\/([^/?]*)$/

/** An in-memory registry. Manifest PUTs are checked the way Distribution checks them: referenced content must exist. */
export async function startFakeRegistry(options: FakeRegistryOptions = {}): Promise<FakeRegistry> {
  const auth = options.auth ?? 'none'
  const username = options.username ?? 'alice'
  const password = options.password ?? 's3cret-password'
  const blobs = new Map<string, Buffer>()
  const repos = new Map<string, Repo>()
  const uploads = new Map<string, string>()
  const tokens = new Map<string, Set<string>>()
  const tokenRequests: Recorded[] = []
  let tokenCount = 0
  const repo = (name: string): Repo => {
    let found = repos.get(name)
    if (!found) {
      found = { blobs: new Set(), manifests: new Map() }
      repos.set(name, found)
    }
    return found
  }
  const basic = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`

  const realm = (): string => `${server.url}/token`

  /** Whether the request may go on; answers 401 when not. `needs` are `name:action` pairs. */
  function authorized(request: Recorded, response: ServerResponse, needs: string[]): boolean {
    if (auth === 'none') return true
    const header = request.headers.authorization ?? ''
    if (auth === 'basic') {
      if (header === basic) return true
      registryError(response, 401, 'UNAUTHORIZED', 'authentication required', {
        'WWW-Authenticate': 'Basic realm="fake registry"',
      })
      return false
    }
    const granted = header.startsWith('Bearer ') ? tokens.get(header.slice(7)) : undefined
    if (granted && needs.every(need => granted.has(need))) return true
    const scope = [...new Set(needs.map(need => need.slice(0, need.lastIndexOf(':'))))]
      .map(
        name =>
          `repository:${name}:${needs
            .filter(n => n.startsWith(`${name}:`))
            .map(n => n.slice(name.length + 1))
            .join(',')}`,
      )
      .join(' ')
    const error = granted ? ',error="insufficient_scope"' : ''
    registryError(response, 401, 'UNAUTHORIZED', 'authentication required', {
      'WWW-Authenticate': `Bearer realm="${realm()}",service="fake-registry",scope="${scope}"${error}`,
    })
    return false
  }

  function tokenService(request: Recorded, response: ServerResponse): void {
    tokenRequests.push(request)
    const url = new URL(request.path, server.url)
    const withCredentials = request.headers.authorization === basic
    if (request.headers.authorization && !withCredentials) {
      return json(response, 401, { details: 'incorrect username or password' })
    }
    if (!withCredentials && !options.anonymousPull)
      return json(response, 401, { details: 'authentication required' })
    const granted = new Set<string>()
    for (const scope of url.searchParams.getAll('scope')) {
      const [, name, actions] = /^repository:(.+):([^:]+)$/.exec(scope) ?? []
      for (const action of actions?.split(',') ?? []) {
        if (withCredentials || action === 'pull') granted.add(`${name}:${action}`)
      }
    }
    const token = `token-${++tokenCount}`
    tokens.set(token, granted)
    const body: Record<string, unknown> = { [options.tokenField ?? 'token']: token }
    if (options.tokenTtlSeconds !== undefined) body.expires_in = options.tokenTtlSeconds
    json(response, 200, body)
  }

  function uploadLocation(name: string, id: string): string {
    const path = `/v2/${name}/blobs/uploads/${id}`
    switch (options.location ?? 'query') {
      case 'relative':
        return path
      case 'absolute':
        return `${server.url}${path}`
      case 'query':
        return `${path}?_state=${encodeURIComponent(`${id}==`)}`
    }
  }

  async function handle(request: Recorded, response: ServerResponse): Promise<void> {
    if (options.intercept && (await options.intercept(request, response))) return
    const url = new URL(request.path, server.url)
    if (url.pathname === '/token') return tokenService(request, response)
    if (url.pathname === '/v2/') {
      if (authorized(request, response, [])) json(response, 200, {})
      return
    }
    const upload = UploadRoute.exec(url.pathname)
    if (upload) {
      const [, name, id] = upload as unknown as [string, string, string]
      if (request.method === 'POST') {
        const mount = url.searchParams.get('mount')
        const from = url.searchParams.get('from')
        const needs = [`${name}:pull`, `${name}:push`, ...(mount && from ? [`${from}:pull`] : [])]
        if (!authorized(request, response, needs)) return
        if (mount && from && options.mounts !== false && repo(from).blobs.has(mount)) {
          repo(name).blobs.add(mount)
          response
            .writeHead(201, { Location: `/v2/${name}/blobs/${mount}`, 'Docker-Content-Digest': mount })
            .end()
          return
        }
        const session = randomUUID()
        uploads.set(session, name)
        response.writeHead(202, { Location: uploadLocation(name, session), 'Content-Length': 0 }).end()
        return
      }
      if (request.method === 'PUT') {
        if (!authorized(request, response, [`${name}:pull`, `${name}:push`])) return
        if (uploads.get(id) !== name)
          return registryError(response, 404, 'BLOB_UPLOAD_UNKNOWN', 'blob upload unknown')
        if ((options.location ?? 'query') === 'query' && url.searchParams.get('_state') !== `${id}==`) {
          return registryError(response, 400, 'BLOB_UPLOAD_INVALID', 'upload state lost')
        }
        const digest = url.searchParams.get('digest') ?? ''
        if (sha256(request.body) !== digest)
          return registryError(response, 400, 'DIGEST_INVALID', 'digest mismatch')
        uploads.delete(id)
        blobs.set(digest, request.body)
        repo(name).blobs.add(digest)
        response
          .writeHead(201, { Location: `/v2/${name}/blobs/${digest}`, 'Docker-Content-Digest': digest })
          .end()
        return
      }
    }
    const route = Route.exec(url.pathname)
    if (!route) return registryError(response, 404, 'NOT_FOUND', 'no route')
    const [, name, kind, reference] = route as unknown as [string, string, string, string]
    const write = request.method === 'PUT' || request.method === 'DELETE'
    if (!authorized(request, response, write ? [`${name}:pull`, `${name}:push`] : [`${name}:pull`])) return
    const stored = repo(name)
    if (kind === 'blobs') {
      const bytes = stored.blobs.has(reference) ? blobs.get(reference) : undefined
      if (!bytes) return registryError(response, 404, 'BLOB_UNKNOWN', 'blob unknown to registry')
      response.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': bytes.length,
        'Docker-Content-Digest': reference,
      })
      response.end(request.method === 'HEAD' ? undefined : bytes)
      return
    }
    if (request.method === 'PUT') {
      const mediaType = String(request.headers['content-type'] ?? '')
      let parsed: {
        config?: { digest: string }
        layers?: { digest: string }[]
        manifests?: { digest: string }[]
      }
      try {
        parsed = JSON.parse(request.body.toString('utf8'))
      } catch {
        return registryError(response, 400, 'MANIFEST_INVALID', 'manifest invalid')
      }
      for (const blob of [...(parsed.config ? [parsed.config] : []), ...(parsed.layers ?? [])]) {
        if (!stored.blobs.has(blob.digest))
          return registryError(response, 400, 'MANIFEST_BLOB_UNKNOWN', `blob unknown: ${blob.digest}`)
      }
      for (const child of parsed.manifests ?? []) {
        if (!stored.manifests.has(child.digest))
          return registryError(response, 400, 'MANIFEST_UNKNOWN', `manifest unknown: ${child.digest}`)
      }
      const digest = sha256(request.body)
      stored.manifests.set(digest, { bytes: request.body, mediaType })
      if (reference !== digest) stored.manifests.set(reference, { bytes: request.body, mediaType })
      response
        .writeHead(201, { Location: `/v2/${name}/manifests/${digest}`, 'Docker-Content-Digest': digest })
        .end()
      return
    }
    const manifest = stored.manifests.get(reference)
    if (!manifest) return registryError(response, 404, 'MANIFEST_UNKNOWN', 'manifest unknown')
    response.writeHead(200, {
      'Content-Type': manifest.mediaType,
      'Content-Length': manifest.bytes.length,
      'Docker-Content-Digest': sha256(manifest.bytes),
    })
    response.end(request.method === 'HEAD' ? undefined : manifest.bytes)
  }

  // The handlers above run only on requests, once `server` is set.
  const server: TestServer = await startServer(handle)
  return {
    ...server,
    tokenRequests,
    revokeTokens: () => tokens.clear(),
    addBlob(name, bytes) {
      const digest = sha256(bytes)
      blobs.set(digest, bytes)
      repo(name).blobs.add(digest)
      return digest
    },
    addManifest(name, bytes, mediaType, tag) {
      const digest = sha256(bytes)
      repo(name).manifests.set(digest, { bytes, mediaType })
      if (tag) repo(name).manifests.set(tag, { bytes, mediaType })
      return digest
    },
    hasBlob: (name, digest) => repo(name).blobs.has(digest),
    manifest: (name, reference) => repo(name).manifests.get(reference),
  }
}

/** A small image: a config, `layers` random layers, and its manifest, ready to store or push. */
export function makeImage(
  options: { layers?: number; architecture?: string; mediaType?: string; shared?: Buffer[] } = {},
): {
  config: Buffer
  layers: Buffer[]
  bytes: Buffer
  descriptor: { mediaType: string; digest: `sha256:${string}`; size: number }
} {
  const mediaType = options.mediaType ?? 'application/vnd.oci.image.manifest.v1+json'
  const docker = mediaType.includes('docker')
  const config = Buffer.from(
    JSON.stringify({ os: 'linux', architecture: options.architecture ?? 'amd64', rootfs: {} }),
  )
  const layers = [
    ...(options.shared ?? []),
    ...Array.from({ length: options.layers ?? 2 }, () => Buffer.from(randomUUID().repeat(50))),
  ]
  const layerType = docker
    ? 'application/vnd.docker.image.rootfs.diff.tar.gzip'
    : 'application/vnd.oci.image.layer.v1.tar+gzip'
  const manifest = {
    schemaVersion: 2,
    mediaType,
    config: {
      mediaType: docker
        ? 'application/vnd.docker.container.image.v1+json'
        : 'application/vnd.oci.image.config.v1+json',
      digest: sha256(config),
      size: config.length,
    },
    layers: layers.map(layer => ({ mediaType: layerType, digest: sha256(layer), size: layer.length })),
  }
  const bytes = Buffer.from(JSON.stringify(manifest))
  return { config, layers, bytes, descriptor: { mediaType, digest: sha256(bytes), size: bytes.length } }
}

/** An OCI index over the given manifests' descriptors. */
export function makeIndex(
  children: { mediaType: string; digest: string; size: number; platform?: object }[],
): {
  bytes: Buffer
  descriptor: { mediaType: string; digest: `sha256:${string}`; size: number }
} {
  const mediaType = 'application/vnd.oci.image.index.v1+json'
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType, manifests: children }))
  return { bytes, descriptor: { mediaType, digest: sha256(bytes), size: bytes.length } }
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected the promise to reject')
}
