import type { IncomingHttpHeaders } from 'node:http'
import net from 'node:net'
import { Readable } from 'node:stream'
import tls from 'node:tls'
import { ResponseParser } from './response-parser.js'

/**
 * A chunk lent, not given: it may be read until `release` is called, after which its memory is read into again.
 * Writing it to a socket and releasing it in the write's callback is the intended use.
 */
export type LentChunkHandler = (chunk: Buffer, release: () => void) => void

/** A body that hands its bytes out in lent buffers: no allocation and no copy per chunk. */
export interface LentBody {
  /** Starts the flow: `take` gets each chunk in order; `done` is called once, at the end or with the first error. */
  lend(take: LentChunkHandler, done: (error?: Error) => void): void
  /** Stops the flow and closes the connection. */
  destroy(error?: Error): void
}

export function canLend(value: unknown): value is LentBody {
  return typeof (value as Partial<LentBody> | null)?.lend === 'function'
}

export interface WireResponse {
  status: number
  /** Lower-case names; repeated headers joined as node:http joins them. */
  headers: IncomingHttpHeaders
  body: WireBody
}

/** TLS options that trust `ca` besides the default store (which NODE_EXTRA_CA_CERTS extends), if given. */
export function trusting(ca: string | undefined): { ca?: string[] } {
  return ca ? { ca: [...tls.rootCertificates, ca] } : {}
}

export interface WireOptions {
  /** Fail when no byte moves for this long. */
  timeoutMs: number
  timeoutError: () => Error
  /** For tests: trust this CA besides the default store (which NODE_EXTRA_CA_CERTS extends). */
  ca?: string
}

/**
 * Read buffers (slabs) per connection, and their size: one is written on while the other is read into, 2 MiB
 * per download, reused for all of it. Measured on the copy bench: reads of up to 1 MiB cost less CPU per byte
 * than 256 KiB ones (0.40 s of user time against 0.48 s), 4 MiB ones more again; a third and fourth slab made
 * the copy no faster and 4 MiB larger.
 */
const PoolBuffers = 2
const BufferBytes = 1024 * 1024
/** A slab with less room than this left takes no more reads (TLS hands over 16 KiB per read). */
const MinReadBytes = 64 * 1024
/**
 * The end of each slab is kept back for the read that may come while every slab is out: node asks where the
 * next read goes right after each one, before any slab can come back, and TLS may deliver a record or two
 * after reading was stopped.
 */
const ReserveBytes = 64 * 1024

/** A read buffer: reads are packed into it from `filled` on, and it is lent out in pieces. */
interface Slab {
  bytes: Buffer
  filled: number
  /** Reads lent out of it and not yet released. */
  out: number
}

/**
 * The read buffers of one connection. Each read goes into the unused part of the current slab, so the many
 * small reads of TLS share one; a slab with less than MinReadBytes of room is set aside, and is free again
 * once every read into it has been released.
 */
export class Slabs {
  private current: Slab = newSlab()
  private readonly free: Slab[] = []
  /** Slabs not free: the current one, and those set aside with reads still out. */
  private busy = 1

  constructor(private readonly freed: () => void) {}

  /** Where the next read goes (node's `onread` asks after every read). */
  next(): Buffer {
    const { current } = this
    if (room(current) >= MinReadBytes) return current.bytes.subarray(current.filled, -ReserveBytes)
    const fresh = this.free.pop() ?? (this.busy < PoolBuffers ? newSlab() : undefined)
    // Every slab is out, so reading stops (`exhausted`): what still comes goes into the reserve.
    if (!fresh && current.filled < current.bytes.length) return current.bytes.subarray(current.filled)
    this.current = fresh ?? newSlab()
    this.busy++
    if (current.out === 0) this.makeFree(current)
    return this.current.bytes.subarray(0, -ReserveBytes)
  }

  /** Notes `bytes` read into the current slab and lends that read out: the function releases it (once). */
  lendRead(bytes: number): () => void {
    const slab = this.current
    slab.filled += bytes
    slab.out++
    let released = false
    return () => {
      if (released) return
      released = true
      if (--slab.out === 0 && slab !== this.current) this.makeFree(slab)
    }
  }

  /** Whether reading must wait for a slab to come back: the current one is full, and no other is free. */
  get exhausted(): boolean {
    return room(this.current) < MinReadBytes && this.free.length === 0 && this.busy >= PoolBuffers
  }

  private makeFree(slab: Slab): void {
    slab.filled = 0
    this.free.push(slab)
    this.busy--
    // Not at once: `next` runs inside node's read, which stops the socket after it when the read said so, and a
    // resume from in there would be undone.
    process.nextTick(this.freed)
  }
}

/** What a slab can still take, its reserve not counted. */
function room(slab: Slab): number {
  return slab.bytes.length - ReserveBytes - slab.filled
}

function newSlab(): Slab {
  return { bytes: Buffer.allocUnsafe(BufferBytes), filled: 0, out: 0 }
}

/**
 * One GET on a connection of its own, read without node:http: node reads every socket chunk into a fresh
 * buffer and its HTTP parser copies each body chunk into another, which for a blob of hundreds of MiB is
 * most of a copy's CPU (allocation, page faults, collection). Here the socket reads into a few buffers that
 * are used again and again (`onread`), and the body is handed out either as lent chunks (`LentBody`, for a
 * consumer that writes them on, as a blob copy does) or, to any other reader, as an ordinary stream of copies.
 * The request says `Connection: close`; the body is framed by Content-Length, chunked encoding, or the close.
 */
export async function wireGet(
  url: URL,
  headers: Record<string, string>,
  options: WireOptions,
): Promise<WireResponse> {
  const head = requestHead(url, headers)
  return new Promise((resolve, reject) => {
    const body = new WireBody(url, options, {
      answered: (status, responseHeaders) => resolve({ status, headers: responseHeaders, body }),
      failed: reject,
    })
    body.send(head)
  })
}

function requestHead(url: URL, headers: Record<string, string>): string {
  const lines = [`GET ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`]
  for (const [name, value] of Object.entries(headers)) {
    if (/^(host|connection)$/i.test(name)) continue
    if (/[\r\n]/.test(name) || /[\r\n]/.test(value)) throw new Error(`Header ${name} holds a line break`)
    lines.push(`${name}: ${value}`)
  }
  lines.push('Connection: close', '', '')
  return lines.join('\r\n')
}

type Mode = 'undecided' | 'lend' | 'copy'

/** Told of the answer's head once it is in, or of the failure that came first. */
interface HeadWaiter {
  answered: (status: number, headers: IncomingHttpHeaders) => void
  failed: (error: Error) => void
}

/** Body parts of one read, and how to release the read once every part is done with. */
interface Read {
  parts: Buffer[]
  release: () => void
}

/** The response body of a `wireGet`, and the connection it comes on. */
export class WireBody extends Readable implements LentBody {
  private readonly socket: net.Socket
  private readonly parser = new ResponseParser()
  private readonly slabs = new Slabs(() => {
    if (this.mode === 'lend' && !this.finished) this.resumeSocket()
  })
  private mode: Mode = 'undecided'
  /** Reads made before the reader chose how to read. */
  private readonly waiting: Read[] = []
  private paused = false
  private finished = false
  /** The first failure has been reported; what the connection does after it is of no interest. */
  private failed = false
  private taker?: LentChunkHandler
  private done?: (error?: Error) => void
  /** Who waits for the answer's head, until it has it (or the failure that came instead). */
  private waiter?: HeadWaiter

  constructor(url: URL, options: WireOptions, waiter: HeadWaiter) {
    super({ highWaterMark: 256 * 1024 })
    this.waiter = waiter
    const onread = { buffer: () => this.slabs.next(), callback: this.onRead }
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
    const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80)
    this.socket =
      url.protocol === 'https:'
        ? tls.connect({
            host,
            port,
            servername: net.isIP(host) ? undefined : host,
            ALPNProtocols: ['http/1.1'],
            // tls.connect takes `onread` as net.connect does (Node 15); @types/node does not list it.
            ...({ onread } as object),
            ...trusting(options.ca),
          })
        : net.connect({ host, port, onread })
    this.socket.setTimeout(options.timeoutMs, () => this.fail(options.timeoutError()))
    this.socket.on('error', error => this.fail(error))
    this.socket.on('close', () => this.connectionClosed())
    this.socket.on('end', () => this.connectionClosed())
  }

  send(head: string): void {
    this.socket.write(head)
  }

  lend(take: LentChunkHandler, done: (error?: Error) => void): void {
    if (this.mode !== 'undecided') throw new Error('This body is being read already.')
    if (this.destroyed) {
      // It failed (or was stopped) before anyone read it: the lender hears so, as it would have later.
      const error = this.errored ?? new Error('The download was stopped before it was read.')
      return void process.nextTick(done, error)
    }
    this.mode = 'lend'
    this.taker = take
    this.done = done
    // Errors reach the lender through `done`; the stream's 'error' is for those who listen besides.
    this.on('error', () => {})
    this.flushWaiting()
    if (this.finished) return this.endLending()
    if (!this.slabs.exhausted) this.resumeSocket()
  }

  override _read(): void {
    if (this.mode === 'lend') return
    this.mode = 'copy'
    this.flushWaiting()
    if (this.finished) this.push(null)
    else this.resumeSocket()
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy()
    if (this.mode === 'lend') this.endLending(error ?? new Error('The download was stopped.'))
    callback(error)
  }

  private readonly onRead = (bytes: number, buffer: Buffer): boolean => {
    if (this.destroyed || this.finished) return false
    const release = this.slabs.lendRead(bytes)
    const parts: Buffer[] = []
    try {
      this.parser.feed(buffer.subarray(0, bytes), part => parts.push(part))
    } catch (error) {
      this.fail(error as Error)
      return false
    }
    if (this.parser.head && this.waiter) {
      const { answered } = this.waiter
      this.waiter = undefined
      answered(this.parser.head.status, this.parser.head.headers)
    }
    this.deliver({ parts, release })
    if (this.parser.ended) this.finish()
    if (this.mode === 'lend' && this.slabs.exhausted) this.paused = true
    return !this.paused
  }

  /** Hands a read's parts on as the reader reads; before it has chosen, keeps them (and stops reading). */
  private deliver(read: Read): void {
    if (read.parts.length === 0) return read.release()
    if (this.mode === 'undecided') {
      this.waiting.push(read)
      this.paused = true
      return
    }
    if (this.mode === 'copy') {
      let more = true
      for (const part of read.parts) more = this.push(Buffer.from(part))
      read.release()
      if (!more) this.paused = true
      return
    }
    this.lendRead(read)
  }

  private lendRead({ parts, release }: Read): void {
    let unreleased = parts.length
    for (const part of parts) {
      let released = false
      this.taker!(part, () => {
        if (released) return
        released = true
        if (--unreleased === 0) release()
      })
    }
  }

  private flushWaiting(): void {
    for (const read of this.waiting.splice(0)) this.deliver(read)
  }

  private resumeSocket(): void {
    if (!this.paused) return
    this.paused = false
    this.socket.resume()
  }

  /** The body is complete: the connection is done with (it was asked to close). */
  private finish(): void {
    this.finished = true
    this.socket.destroy()
    if (this.mode === 'copy' && this.waiting.length === 0) this.push(null)
    if (this.mode === 'lend' && this.waiting.length === 0) this.endLending()
  }

  private connectionClosed(): void {
    if (this.finished || this.failed || this.destroyed) return
    try {
      this.parser.close()
    } catch (error) {
      return this.fail(error as Error)
    }
    // A body that runs to the close (neither length nor chunks) ends with it.
    this.finish()
  }

  private fail(error: Error): void {
    // Once the body is complete, or has failed, the connection's fate no longer matters.
    if (this.finished || this.failed) return
    this.failed = true
    this.socket.destroy()
    if (this.waiter) {
      const { failed } = this.waiter
      this.waiter = undefined
      return failed(error)
    }
    if (!this.destroyed) this.destroy(error)
  }

  private endLending(error?: Error): void {
    const done = this.done
    if (!done) return
    this.done = undefined
    done(error)
    if (!error && !this.destroyed) this.destroy()
  }
}
