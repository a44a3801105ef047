/**
 * A fault-injecting reverse proxy on a loopback port in front of the real registry (and its token issuer),
 * and a stand-in for the object storage registries redirect blob downloads to.
 *
 * Every request is classified by what it is in the distribution protocol (token, manifest HEAD/GET/PUT, blob
 * HEAD/GET, upload POST/PUT), counted per kind, and either passed through or answered with a fault: a status
 * (500, 503, 429 with Retry-After and rate-limit headers), a dropped connection, a stall that never answers, a
 * redirect to the object storage, or the registry's answer with its body replaced. Rules apply N times, then
 * requests pass through again.
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import * as path from 'node:path'

/** What a request is, in the protocol's terms. `other` is the /v2/ ping, tag lists, upload PATCHes. */
export type RequestKind =
  | 'token'
  | 'manifest-head'
  | 'manifest-get'
  | 'manifest-put'
  | 'blob-head'
  | 'blob-get'
  | 'upload-post'
  | 'upload-put'
  | 'other'

export const RequestKinds: readonly RequestKind[] = [
  'token',
  'manifest-head',
  'manifest-get',
  'manifest-put',
  'blob-head',
  'blob-get',
  'upload-post',
  'upload-put',
  'other',
]

/**
 * What the proxy does instead of passing a request through:
 * - `{status}`: answers it, with `headers` and a `body` (default: a distribution error JSON);
 * - `'drop'`: destroys the connection once the request has arrived (the client sees a reset);
 * - `'drop-answer'`: passes the request to the registry, which applies it, then destroys the connection instead
 *   of answering (an answer lost on the way back);
 * - `'stall'`: never answers (the client's timeout has to notice);
 * - `{redirect}`: answers 307 to `<redirect>/blobs/<digest>?X-Amz-Signature=...` (blob GETs, object storage);
 * - `{replaceBody}`: passes it through and swaps the registry's answer body (status and headers kept);
 * - `{cutAfter}`: passes it through and destroys the connection once that many bytes of the answer's body have
 *   gone back (a download cut short).
 */
export type Fault =
  | { status: number; headers?: Record<string, string>; body?: string }
  | 'drop'
  | 'drop-answer'
  | 'stall'
  | { redirect: string }
  | { replaceBody: string; contentType?: string }
  | { cutAfter: number }

export interface FaultRule {
  kind: RequestKind
  fault: Fault
  /** How many matching requests get the fault; later ones pass through (default: every one). */
  times?: number
  /** Only requests whose path (query included) matches. */
  path?: RegExp
}

/** One request the proxy saw. */
export interface ProxiedRequest {
  kind: RequestKind
  method: string
  /** Path with query. */
  path: string
  headers: http.IncomingHttpHeaders
  /** The status sent back; 0 when dropped, stalled or not answered yet. */
  status: number
  /** The fault applied, if any: `503`, `429`, `drop`, `stall`, `redirect`, `replace-body`, `cut`. */
  fault?: string
  /** ms since the proxy started: arrival and end of the answer (undefined until it ended). */
  startedAt: number
  endedAt?: number
}

/** Called before a request is handled (faults included); the request waits for it, e.g. to stop the registry. */
export type ProxyHook = (request: ProxiedRequest, ordinal: number) => void | Promise<void>

export interface FaultProxy {
  /** `127.0.0.1:PORT`: use it as the registry host in image names. */
  host: string
  url: string
  /** Adds fault rules; the first rule that matches and has uses left applies. */
  inject(...rules: FaultRule[]): void
  /** Removes every rule and hook. */
  clear(): void
  /** Runs `hook` before each request of `kind`, with its 1-based ordinal among requests of that kind. */
  before(kind: RequestKind, hook: ProxyHook): void
  /** Where requests go: the registry's URL (e.g. after a restart on another port). */
  retarget(url: string): void
  requests(): ProxiedRequest[]
  /** Requests received per kind, faulted ones included. */
  counts(): Record<RequestKind, number>
  /**
   * The most requests that were in flight at once (arrived, answer not yet ended): of every method, of HEADs
   * alone, or of the others (a client may give its cheap existence checks more room).
   */
  maxInFlight(methods?: 'HEAD' | 'not HEAD'): number
  /** Forgets requests, counts and the in-flight maximum. */
  reset(): void
  stop(): Promise<void>
}

export interface FaultProxyOptions {
  /** The registry's URL, `http://127.0.0.1:PORT`. */
  target: string
  /**
   * The token issuer's realm (`RunningRegistry.token.realm`): challenges are rewritten to send clients to the
   * proxy's `/token`, which forwards there, so token requests are seen and can fail too.
   */
  tokenRealm?: string
  /** Wait this long before handling each request, so concurrent requests overlap measurably. */
  delayMs?: number
}

const ManifestPath = /^\/v2\/.+\/manifests\/[^/]+$/
const UploadPath = /^\/v2\/.+\/blobs\/uploads\//
const BlobPath = /^\/v2\/.+\/blobs\/[a-z0-9]+:[a-f0-9]+$/

/** Classifies a request by method and path (without query). */
export function requestKind(method: string, pathname: string, tokenPath?: string): RequestKind {
  if (tokenPath !== undefined && pathname === tokenPath) return 'token'
  if (ManifestPath.test(pathname)) {
    if (method === 'HEAD') return 'manifest-head'
    if (method === 'GET') return 'manifest-get'
    if (method === 'PUT') return 'manifest-put'
  } else if (UploadPath.test(pathname)) {
    if (method === 'POST') return 'upload-post'
    if (method === 'PUT') return 'upload-put'
  } else if (BlobPath.test(pathname)) {
    if (method === 'HEAD') return 'blob-head'
    if (method === 'GET') return 'blob-get'
  }
  return 'other'
}

/** The distribution error code a registry would give with this status. */
function errorCode(status: number): string {
  if (status === 429) return 'TOOMANYREQUESTS'
  if (status === 401) return 'UNAUTHORIZED'
  return status >= 500 ? 'UNAVAILABLE' : 'UNSUPPORTED'
}

function emptyCounts(): Record<RequestKind, number> {
  return Object.fromEntries(RequestKinds.map(kind => [kind, 0])) as Record<RequestKind, number>
}

/** Starts the proxy on a free loopback port. */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  let target = new URL(options.target)
  const realm = options.tokenRealm ? new URL(options.tokenRealm) : undefined
  const rules: (FaultRule & { used: number })[] = []
  const hooks: { kind: RequestKind; hook: ProxyHook }[] = []
  let log: ProxiedRequest[] = []
  let counts = emptyCounts()
  const inFlight = { all: 0, HEAD: 0, 'not HEAD': 0 }
  let maxInFlight = { ...inFlight }
  const started = Date.now()
  const agent = new http.Agent({ keepAlive: true })
  let origin = ''

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy')
    const kind = requestKind(req.method ?? 'GET', url.pathname, realm?.pathname)
    const entry: ProxiedRequest = {
      kind,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      status: 0,
      startedAt: Date.now() - started,
    }
    log.push(entry)
    const ordinal = ++counts[kind]
    const group = req.method === 'HEAD' ? 'HEAD' : 'not HEAD'
    inFlight.all++
    inFlight[group]++
    maxInFlight = {
      all: Math.max(maxInFlight.all, inFlight.all),
      HEAD: Math.max(maxInFlight.HEAD, inFlight.HEAD),
      'not HEAD': Math.max(maxInFlight['not HEAD'], inFlight['not HEAD']),
    }
    res.once('close', () => {
      inFlight.all--
      inFlight[group]--
      entry.endedAt = Date.now() - started
    })
    req.on('error', () => {})
    void handle(req, res, entry, ordinal).catch(() => res.destroy())
  })

  async function handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    entry: ProxiedRequest,
    ordinal: number,
  ): Promise<void> {
    if (options.delayMs) await new Promise(resolve => setTimeout(resolve, options.delayMs))
    for (const { kind, hook } of hooks) if (kind === entry.kind) await hook(entry, ordinal)
    const rule = rules.find(
      r => r.kind === entry.kind && r.used < (r.times ?? Infinity) && (!r.path || r.path.test(entry.path)),
    )
    if (rule) rule.used++
    const fault = rule?.fault
    if (fault === 'drop') {
      entry.fault = 'drop'
      req.socket.destroy()
      return
    }
    if (fault === 'drop-answer') {
      entry.fault = 'drop-answer'
      return forward(req, res, entry, undefined)
    }
    if (fault === 'stall') {
      entry.fault = 'stall'
      // Take the body so the client is not held up by TCP, and never answer.
      req.resume()
      return
    }
    if (fault && 'status' in fault) {
      entry.fault = String(fault.status)
      req.resume()
      const body = Buffer.from(
        fault.body ??
          JSON.stringify({
            errors: [{ code: errorCode(fault.status), message: 'injected' }],
          }),
      )
      entry.status = fault.status
      res
        .writeHead(fault.status, {
          'Content-Type': 'application/json',
          'Content-Length': body.length,
          ...fault.headers,
        })
        .end(req.method === 'HEAD' ? undefined : body)
      return
    }
    if (fault && 'redirect' in fault) {
      entry.fault = 'redirect'
      req.resume()
      const digest = entry.path.split('?')[0]!.split('/').pop()!
      entry.status = 307
      res
        .writeHead(307, {
          Location: `${fault.redirect}/blobs/${digest}?X-Amz-Signature=harness-presigned-signature`,
          'Content-Length': 0,
        })
        .end()
      return
    }
    forward(req, res, entry, fault && ('replaceBody' in fault || 'cutAfter' in fault) ? fault : undefined)
  }

  function forward(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    entry: ProxiedRequest,
    replace: { replaceBody: string; contentType?: string } | { cutAfter: number } | undefined,
  ): void {
    const to = entry.kind === 'token' && realm ? realm : target
    const upstream = http.request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers, agent },
      answer => {
        const headers = { ...answer.headers }
        const challenge = headers['www-authenticate']
        if (realm && typeof challenge === 'string') {
          headers['www-authenticate'] = challenge.split(realm.origin).join(origin)
        }
        entry.status = answer.statusCode ?? 502
        if (entry.fault === 'drop-answer') {
          answer.resume()
          entry.status = 0
          req.socket.destroy()
          return
        }
        if (replace && 'cutAfter' in replace) {
          entry.fault = 'cut'
          res.writeHead(entry.status, headers)
          let sent = 0
          answer.on('data', (chunk: Buffer) => {
            if (sent >= replace.cutAfter) return
            if (!res.write(chunk.subarray(0, replace.cutAfter - sent))) {
              answer.pause()
              res.once('drain', () => answer.resume())
            }
            sent += chunk.length
            if (sent >= replace.cutAfter) {
              answer.destroy()
              setTimeout(() => req.socket.destroy(), 20)
            }
          })
          // A body shorter than the cut goes back whole.
          answer.on('end', () => res.end())
          return
        }
        if (replace) {
          entry.fault = 'replace-body'
          answer.resume()
          const body = Buffer.from(replace.replaceBody)
          delete headers['transfer-encoding']
          headers['content-length'] = String(body.length)
          if (replace.contentType) headers['content-type'] = replace.contentType
          res.writeHead(entry.status, headers).end(req.method === 'HEAD' ? undefined : body)
          return
        }
        res.writeHead(entry.status, headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', () => {
      // The registry is gone (stopped, restarting): answer as the load balancer in front of one would.
      if (res.headersSent) return void res.destroy()
      entry.status = 502
      res.writeHead(502, { 'Content-Type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>')
    })
    req.pipe(upstream)
  }

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`
  return {
    host: `127.0.0.1:${port}`,
    url: origin,
    inject: (...added) => rules.push(...added.map(rule => ({ ...rule, used: 0 }))),
    clear() {
      rules.splice(0)
      hooks.splice(0)
    },
    before: (kind, hook) => void hooks.push({ kind, hook }),
    retarget(url) {
      target = new URL(url)
      agent.destroy()
    },
    requests: () => [...log],
    counts: () => ({ ...counts }),
    maxInFlight: methods => maxInFlight[methods ?? 'all'],
    reset() {
      log = []
      counts = emptyCounts()
      maxInFlight = { ...inFlight }
    },
    stop: () =>
      new Promise<void>(resolve => {
        agent.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A request the object storage received. */
export interface StorageRequest {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
}

export interface ObjectStorage {
  /** `http://127.0.0.1:PORT`: another origin than the registry's, as S3 or a CDN would be. */
  url: string
  requests: StorageRequest[]
  stop(): Promise<void>
}

/**
 * Object storage for redirected blob downloads: serves `/blobs/<digest>` from the registry's own storage
 * (`rootDir` of the filesystem driver), and records every request's headers.
 */
export async function startObjectStorage(registryRoot: string): Promise<ObjectStorage> {
  const requests: StorageRequest[] = []
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://storage')
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers })
    req.resume()
    const match = /^\/blobs\/sha256:([a-f0-9]{64})$/.exec(url.pathname)
    if (!match) return void res.writeHead(404).end()
    const hex = match[1]!
    const file = path.join(registryRoot, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex, 'data')
    stat(file).then(
      info => {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': info.size })
        if (req.method === 'HEAD') return void res.end()
        createReadStream(file).pipe(res)
      },
      () => res.writeHead(404).end(),
    )
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
