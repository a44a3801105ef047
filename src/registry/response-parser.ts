import type { IncomingHttpHeaders } from 'node:http'

/** The head of an HTTP/1.1 response. */
export interface ResponseHead {
  status: number
  headers: IncomingHttpHeaders
}

/** Bytes of head accepted before giving up on a response (node:http's default is 16 KiB). */
const MaxHeadBytes = 64 * 1024
/** A chunk-size line or trailer line longer than this is not HTTP. */
const MaxLineBytes = 4 * 1024

/** A connection that ended where HTTP says it may not: retried, as node:http's "socket hang up" is. */
export class ConnectionClosedError extends Error {
  readonly code = 'ECONNRESET'
  override name = 'ConnectionClosedError'
}

type Body =
  | { kind: 'length'; remaining: number }
  | { kind: 'chunked'; state: 'size' | 'data' | 'data-end' | 'trailer'; remaining: number; line: string }
  | { kind: 'close' }

/**
 * Parses one HTTP/1.1 response as its bytes arrive, in pieces split anywhere: the head (1xx heads skipped),
 * then the body, framed by chunked encoding, Content-Length, or the connection's close (RFC 9112 6.3). Body
 * parts are views of the bytes fed, never copies. Anything that is not HTTP throws.
 */
export class ResponseParser {
  head: ResponseHead | undefined
  ended = false
  private pendingHead: Buffer = Buffer.alloc(0)
  private body: Body | undefined

  /** Feeds bytes; each body part found is passed to `onBody` (a view of `bytes`). */
  feed(bytes: Buffer, onBody: (part: Buffer) => void): void {
    let rest = bytes
    while (rest.length > 0 && !this.ended) {
      if (!this.body) {
        rest = this.readHead(rest)
        continue
      }
      rest = this.readBody(rest, onBody)
    }
  }

  /** The connection closed: the end of a body framed by it, or a response cut short. */
  close(): void {
    if (this.ended) return
    if (!this.head) throw new ConnectionClosedError('socket hang up: the connection closed before an answer')
    if (this.body?.kind !== 'close') {
      throw new ConnectionClosedError('the connection closed before the end of the response body')
    }
    this.ended = true
  }

  /** Takes head bytes; returns what follows the head (or nothing, when the head is not complete yet). */
  private readHead(bytes: Buffer): Buffer {
    const searchFrom = Math.max(0, this.pendingHead.length - 3)
    const joined = this.pendingHead.length ? Buffer.concat([this.pendingHead, bytes]) : bytes
    const end = joined.indexOf('\r\n\r\n', searchFrom)
    if (end < 0) {
      if (joined.length > MaxHeadBytes)
        throw new Error(`The response head is larger than ${MaxHeadBytes} bytes.`)
      // Kept as a copy: `bytes` may be a buffer that is read into again.
      this.pendingHead = Buffer.from(joined)
      return Buffer.alloc(0)
    }
    this.pendingHead = Buffer.alloc(0)
    const head = parseHead(joined.subarray(0, end).toString('latin1'))
    const rest = joined.subarray(end + 4)
    // 1xx answers (100 Continue, 103 Early Hints) come before the real one.
    if (head.status < 200) return rest
    this.head = head
    this.body = framing(head)
    if (this.body.kind === 'length' && this.body.remaining === 0) this.ended = true
    return rest
  }

  private readBody(bytes: Buffer, onBody: (part: Buffer) => void): Buffer {
    const body = this.body!
    if (body.kind === 'close') {
      onBody(bytes)
      return Buffer.alloc(0)
    }
    if (body.kind === 'length') {
      const part = bytes.subarray(0, body.remaining)
      body.remaining -= part.length
      onBody(part)
      if (body.remaining === 0) this.ended = true
      // Bytes after the body: the server said more than it framed; the connection is closed after it anyway.
      return Buffer.alloc(0)
    }
    if (body.state === 'data') {
      const part = bytes.subarray(0, body.remaining)
      body.remaining -= part.length
      onBody(part)
      if (body.remaining === 0) body.state = 'data-end'
      return bytes.subarray(part.length)
    }
    const newline = bytes.indexOf(0x0a)
    const piece = bytes.subarray(0, newline < 0 ? MaxLineBytes + 1 : newline).toString('latin1')
    if (body.line.length + piece.length > MaxLineBytes) throw new Error('A chunk line is too long.')
    body.line += piece
    if (newline < 0) return bytes.subarray(piece.length)
    const line = body.line.replace(/\r$/, '')
    body.line = ''
    this.chunkLine(body, line)
    return bytes.subarray(newline + 1)
  }

  /** One complete line of chunked framing: a chunk's size, the end of its data, or a trailer. */
  private chunkLine(body: Body & { kind: 'chunked' }, line: string): void {
    if (body.state === 'data-end') {
      if (line !== '') throw new Error('A chunk is longer than its size says.')
      body.state = 'size'
      return
    }
    if (body.state === 'trailer') {
      if (line === '') this.ended = true
      return
    }
    const size = line.split(';', 1)[0]!.trim()
    if (!/^[0-9a-fA-F]{1,12}$/.test(size))
      throw new Error(`A chunk size is not hexadecimal: ${JSON.stringify(line)}`)
    body.remaining = parseInt(size, 16)
    body.state = body.remaining === 0 ? 'trailer' : 'data'
  }
}

function parseHead(text: string): ResponseHead {
  const [statusLine = '', ...lines] = text.split('\r\n')
  const status = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(statusLine)
  if (!status) throw new Error(`Not an HTTP/1.1 status line: ${JSON.stringify(statusLine.slice(0, 100))}`)
  const headers: IncomingHttpHeaders = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    // Folded lines (RFC 9112 5.2) and nameless ones are refused, as node:http refuses them.
    if (colon <= 0 || /^[ \t]/.test(line))
      throw new Error(`Not an HTTP header line: ${JSON.stringify(line.slice(0, 100))}`)
    addHeader(headers, line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  return { status: Number(status[1]), headers }
}

/** The headers node:http keeps the first of when repeated; `set-cookie` is a list, the rest are joined. */
const FirstOnly = new Set([
  'age',
  'authorization',
  'content-length',
  'content-type',
  'etag',
  'expires',
  'from',
  'host',
  'if-modified-since',
  'if-unmodified-since',
  'last-modified',
  'location',
  'max-forwards',
  'proxy-authorization',
  'referer',
  'retry-after',
  'server',
  'user-agent',
])

function addHeader(headers: IncomingHttpHeaders, name: string, value: string): void {
  const present = headers[name]
  if (name === 'content-length' && present !== undefined && present !== value) {
    // Two lengths are how responses get smuggled; node:http refuses them too.
    throw new Error(`The response has two Content-Length headers (${String(present)} and ${value}).`)
  }
  if (name === 'set-cookie') headers[name] = [...(headers[name] ?? []), value]
  else if (present === undefined) headers[name] = value
  else if (!FirstOnly.has(name)) headers[name] = `${String(present)}, ${value}`
}

function framing(head: ResponseHead): Body {
  const { status, headers } = head
  if (status === 204 || status === 304) return { kind: 'length', remaining: 0 }
  const codings = headers['transfer-encoding']
  if (codings !== undefined) {
    const last = String(codings).split(',').pop()!.trim().toLowerCase()
    return last === 'chunked' ? { kind: 'chunked', state: 'size', remaining: 0, line: '' } : { kind: 'close' }
  }
  const length = headers['content-length']
  if (length === undefined) return { kind: 'close' }
  if (!/^\d{1,15}$/.test(length)) throw new Error(`The response's Content-Length is not a number: ${length}`)
  return { kind: 'length', remaining: Number(length) }
}
