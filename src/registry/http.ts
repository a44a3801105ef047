import http, { type ClientRequest, type IncomingHttpHeaders } from 'node:http'
import https from 'node:https'
import type { Readable } from 'node:stream'
import { noteStreamed } from './read-buffers.js'
import { canLend, type LentBody, trusting, wireGet } from './wire.js'

/**
 * A request body: bytes, or a function that opens a fresh stream (called again if a redirect re-sends it). A
 * stream that can lend its chunks (`LentBody`) is written chunk by chunk, each released once on the wire.
 */
export type RequestBody = Buffer | (() => Promise<Readable | LentBody>)

/** One redirect followed on the way to the final response. */
export interface RedirectHop {
  url: URL
  status: number
}

export interface HttpResponse {
  status: number
  /** Header names are lower case, as node:http gives them. */
  headers: IncomingHttpHeaders
  /** The URL that answered, after redirects. */
  url: URL
  /** The redirects followed before `url` answered, in order. */
  redirects: RedirectHop[]
  /** The body, not yet read: read it with `readBody`, stream it, or `discardBody` it so the connection is reused. */
  body: Readable
}

export interface RequestOptions {
  /** Follow 301/302/303/307/308 (default true). When false, a redirect is returned as the response. */
  followRedirects?: boolean
  /** Overrides the transport's idle timeout for this request. */
  timeoutMs?: number
  /**
   * A GET of bulk content (a blob): read on a connection of its own into reused buffers (wire.ts), so that a
   * consumer that writes it on can take it as lent chunks.
   */
  bulk?: boolean
}

/** The HTTP layer the registry client speaks through: keep-alive connections, timeouts and safe redirects. */
export interface HttpTransport {
  request(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body?: RequestBody,
    options?: RequestOptions,
  ): Promise<HttpResponse>
  /** Closes idle keep-alive connections. */
  close(): void
}

export interface HttpTransportOptions {
  /** Fail a request when no byte moves in either direction for this long (default 60 s). */
  timeoutMs?: number
  /** A CA certificate to trust besides the default store (which NODE_EXTRA_CA_CERTS extends): for tests. */
  ca?: string
}

/** A request that saw no traffic for its timeout; `code` makes the retry policy treat it as transient. */
export class HttpTimeoutError extends Error {
  readonly code = 'ETIMEDOUT'
  constructor(method: string, url: URL, timeoutMs: number) {
    super(`${method} ${url.host}${url.pathname} timed out: no data for ${timeoutMs / 1000} s`)
    this.name = 'HttpTimeoutError'
  }
}

const RedirectStatuses = new Set([301, 302, 303, 307, 308])

/**
 * A transport over node:http and node:https with one keep-alive agent per protocol. Redirects are followed by
 * hand so that `Authorization` never reaches another origin: registries redirect blob GETs to object storage,
 * whose presigned URLs must not (and need not) see the registry's credentials.
 */
export function createHttpTransport(options: HttpTransportOptions = {}): HttpTransport {
  const timeoutMs = options.timeoutMs ?? 60_000
  const { ca } = options
  const agents: Agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true, ...trusting(ca) }),
  }
  return {
    request: (method, url, headers, body, requestOptions = {}) =>
      request(
        { agents, ca },
        { method, url, headers, body },
        {
          follow: requestOptions.followRedirects !== false,
          timeoutMs: requestOptions.timeoutMs ?? timeoutMs,
          bulk: requestOptions.bulk === true,
        },
      ),
    close() {
      agents['http:'].destroy()
      agents['https:'].destroy()
    },
  }
}

/** Redirects followed per request before giving up. */
const MaxRedirects = 5

type Agents = { 'http:': http.Agent; 'https:': https.Agent }

/** The connections a transport sends on. */
interface Connections {
  agents: Agents
  ca: string | undefined
}

/** How a request is sent: whether to follow redirects, the idle timeout, and whether its body is bulk. */
interface Sending {
  follow: boolean
  timeoutMs: number
  bulk: boolean
}

/** An answer as one hop got it. */
type Answer = Pick<HttpResponse, 'status' | 'headers' | 'body'>

/** One request as sent: where, how, and what it carries. */
interface Hop {
  method: string
  url: URL
  headers: Record<string, string>
  body: RequestBody | undefined
}

async function request(connections: Connections, first: Hop, sending: Sending): Promise<HttpResponse> {
  const redirects: RedirectHop[] = []
  let current = first
  for (;;) {
    const response = await answer(connections, current, sending)
    const location = response.headers.location
    if (!sending.follow || !RedirectStatuses.has(response.status) || !location) {
      return { ...response, url: current.url, redirects }
    }
    await discard(response.body)
    if (redirects.length >= MaxRedirects) {
      throw new Error(
        `${first.method} ${first.url.host}${first.url.pathname}: more than ${MaxRedirects} redirects (last to ${redactedUrl(first.url, current.url)})`,
      )
    }
    redirects.push({ url: current.url, status: response.status })
    current = redirected(current, response.status, new URL(location, current.url))
  }
}

/** The request a redirect asks for: credentials dropped across origins, and the method browsers and curl use. */
function redirected(current: Hop, status: number, next: URL): Hop {
  const headers = { ...current.headers }
  if (next.origin !== current.url.origin) {
    // The one rule registries depend on: credentials stay with the host they were meant for.
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'authorization') delete headers[name]
    }
  }
  // 303, and 301/302 for anything but GET/HEAD, turn into a body-less GET as browsers and curl do.
  const keepsMethod =
    status === 307 || status === 308 || current.method === 'GET' || current.method === 'HEAD'
  if (keepsMethod && status !== 303) return { ...current, url: next, headers }
  for (const name of Object.keys(headers)) {
    if (/^content-(length|type)$/i.test(name)) delete headers[name]
  }
  return { method: current.method === 'HEAD' ? 'HEAD' : 'GET', url: next, headers, body: undefined }
}

/** One hop's answer: a bulk GET over wire.ts, anything else over node:http. */
async function answer(connections: Connections, hop: Hop, sending: Sending): Promise<Answer> {
  const { method, url, headers, body } = hop
  const agent = connections.agents[url.protocol as keyof Agents]
  if (!agent) throw new Error(`${method} ${url.origin}: unsupported protocol ${url.protocol}`)
  const timeoutError = (): Error => new HttpTimeoutError(method, url, sending.timeoutMs)
  if (sending.bulk && method === 'GET' && body === undefined) {
    return wireGet(url, headers, { timeoutMs: sending.timeoutMs, timeoutError, ca: connections.ca })
  }
  const response = await exchange(agent, hop, sending.timeoutMs)
  return { status: response.statusCode!, headers: response.headers, body: response }
}

async function exchange(agent: http.Agent, hop: Hop, timeout: number): Promise<http.IncomingMessage> {
  const { method, url, headers, body } = hop
  const source = typeof body === 'function' ? await body() : undefined
  const client = url.protocol === 'https:' ? https : http
  return new Promise<http.IncomingMessage>((resolve, reject) => {
    let response: http.IncomingMessage | undefined
    /** The server answered before the body was all sent; the body's end no longer matters. */
    let answeredEarly = false
    const req = client.request(url, { method, headers, agent })
    const fail = (error: Error): void => {
      source?.destroy()
      if (response) response.destroy(error)
      else reject(error)
    }
    req.setTimeout(timeout, () => {
      const error = new HttpTimeoutError(method, url, timeout)
      fail(error)
      req.destroy(error)
    })
    req.on('error', fail)
    req.on('response', res => {
      response = res
      if (source && !req.writableFinished) {
        // The server answered before taking the whole body (e.g. 401 to a PUT): stop sending, and don't let
        // a half-written request go back into the pool.
        answeredEarly = true
        if (!canLend(source)) source.unpipe(req)
        source.destroy()
        res.once('end', () => req.destroy())
      }
      resolve(res)
    })
    // A body that fails fails the request, unless the server has answered already (its answer is the news).
    const sourceFailed = (error: Error): void => {
      if (answeredEarly) return
      req.destroy(error)
      fail(error)
    }
    if (source) feed(source, req, sourceFailed)
    else req.end(body as Buffer | undefined)
  })
}

/** Writes a streamed body: lent chunks one write each, released once written; a stream piped. */
function feed(source: Readable | LentBody, req: ClientRequest, failed: (error: Error) => void): void {
  if (canLend(source)) {
    source.lend(
      (chunk, release) => req.write(chunk, () => release()),
      error => (error ? failed(error) : req.end()),
    )
    return
  }
  source.once('error', failed)
  // Every byte of a streamed body passes here once, whichever source it was read from.
  source.on('data', (chunk: Buffer) => noteStreamed(chunk.length))
  source.pipe(req)
}

/** Reads the whole body, refusing more than `maxBytes` (by Content-Length up front, or while reading). */
export async function readBody(response: HttpResponse, maxBytes: number, what: string): Promise<Buffer> {
  const tooLarge = (size: string): Error =>
    new Error(`${what} is larger than ${maxBytes} bytes (${size}); refusing to read it.`)
  const declared = Number(response.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.body.destroy()
    throw tooLarge(`${declared} bytes`)
  }
  return collectAtMost(response.body, maxBytes, length => tooLarge(`at least ${length} bytes`))
}

/**
 * Collects a stream's bytes, refusing more than `maxBytes`: once past it, throws `tooLarge(bytes read so far)`,
 * and leaving the loop destroys the stream.
 */
export async function collectAtMost(
  stream: AsyncIterable<unknown>,
  maxBytes: number,
  tooLarge: (length: number) => Error,
): Promise<Buffer> {
  const chunks: Buffer[] = []
  let length = 0
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    length += chunk.length
    if (length > maxBytes) throw tooLarge(length)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks, length)
}

/**
 * Reads and drops the body; resolves once it has ended, when the keep-alive connection is back in the pool
 * for the next request (rather than a second connection being opened beside it).
 */
export function discardBody(response: HttpResponse): Promise<void> {
  return discard(response.body)
}

function discard(message: Readable): Promise<void> {
  const done = settled(message)
  message.resume()
  return done
}

/** Resolves once a message has been read to its end, dropped, or has failed (never rejects). */
export function settled(message: Readable): Promise<void> {
  return new Promise(resolve => {
    if (message.readableEnded || message.destroyed) return resolve()
    message.once('end', resolve)
    message.once('close', resolve)
    message.on('error', () => resolve())
  })
}

/**
 * A URL fit for logs and request events: hosts other than `trusted`'s keep no query, because object storage
 * puts its signatures (bearer credentials for a few minutes) there.
 */
export function redactedUrl(trusted: URL, url: URL): string {
  if (url.origin === trusted.origin || !url.search) return url.href
  return `${url.origin}${url.pathname}?…`
}
