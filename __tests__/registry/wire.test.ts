import { randomBytes } from 'node:crypto'
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import http from 'node:http'
import https from 'node:https'
import net, { type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { removeTree, tempDir } from '../harness/processes.js'
import { collectAtMost } from '../../src/registry/http.js'
import { isRetryable } from '../../src/registry/retry.js'
import {
  type LentBody,
  type LentChunkHandler,
  Slabs,
  wireGet,
  type WireOptions,
} from '../../src/registry/wire.js'

const options: WireOptions = { timeoutMs: 2000, timeoutError: () => new Error('timed out') }

/** Runs until `stop`: a server on a free loopback port. */
async function listen(server: net.Server): Promise<{ port: number; stop: () => Promise<void> }> {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const sockets = new Set<net.Socket>()
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('secureConnection', socket => sockets.add(socket))
  return {
    port: (server.address() as AddressInfo).port,
    stop: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise(resolve => server.close(resolve))
    },
  }
}

/**
 * A lender that keeps a copy of each chunk, notes which memory it was lent, and releases on the next turn; at
 * release it checks that the lent bytes are still the ones it was given (nothing read into them meanwhile).
 */
function lender(hold = false): {
  take: (chunk: Buffer, release: () => void) => void
  copies: Buffer[]
  memory: Set<ArrayBufferLike>
  /** Where in its memory each chunk started. */
  offsets: Set<number>
  held: (() => void)[]
  overwritten: number[]
} {
  const state = {
    copies: [] as Buffer[],
    memory: new Set<ArrayBufferLike>(),
    offsets: new Set<number>(),
    held: [] as (() => void)[],
    overwritten: [] as number[],
  }
  return {
    ...state,
    take: (chunk, release) => {
      const index = state.copies.push(Buffer.from(chunk)) - 1
      state.memory.add(chunk.buffer)
      state.offsets.add(chunk.byteOffset)
      const checkedRelease = (): void => {
        if (!chunk.equals(state.copies[index]!)) state.overwritten.push(index)
        release()
      }
      if (hold) state.held.push(checkedRelease)
      else setImmediate(checkedRelease)
    },
  }
}

/** Lends `body` to `take` to its end: resolves with the error it ended with, if any. */
function lentToTheEnd(body: LentBody, take: LentChunkHandler): Promise<Error | undefined> {
  return new Promise(resolve => body.lend(take, resolve))
}

describe('wireGet', () => {
  const stops: (() => Promise<void>)[] = []
  afterEach(async () => {
    await Promise.all(stops.splice(0).map(stop => stop()))
  })
  const serve = async (handler: http.RequestListener): Promise<string> => {
    const server = await listen(http.createServer(handler))
    stops.push(server.stop)
    return `http://127.0.0.1:${server.port}`
  }
  const blob = randomBytes(24 * 1024 * 1024 + 17)

  it('sends the request as given and reads the answer whole, through a few reused buffers', async () => {
    const seen: http.IncomingHttpHeaders[] = []
    const base = await serve((request, response) => {
      seen.push(request.headers)
      response
        .writeHead(200, { 'Content-Length': blob.length, 'Docker-Content-Digest': 'sha256:x' })
        .end(blob)
    })
    const response = await wireGet(
      new URL(`${base}/v2/a/blobs/sha256:x?q=1`),
      { Authorization: 'Bearer t' },
      options,
    )
    expect(response.status).toBe(200)
    expect(response.headers['docker-content-digest']).toBe('sha256:x')
    const lent = lender()
    expect(await lentToTheEnd(response.body, lent.take)).toBeUndefined()
    expect(Buffer.concat(lent.copies).equals(blob)).toBe(true)
    expect(lent.overwritten).toEqual([])
    // Two slabs, and a third only if the socket delivers after it was paused: memory does not grow with the blob.
    expect(lent.memory.size).toBeLessThanOrEqual(3)
    expect(lent.copies.length).toBeGreaterThan(5)
    expect(seen[0]).toMatchObject({ authorization: 'Bearer t', connection: 'close', host: base.slice(7) })
  })

  it('stops reading while every buffer is lent, and goes on as they come back', async () => {
    const base = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Length': blob.length }).end(blob)
    })
    const response = await wireGet(new URL(`${base}/blob`), {}, options)
    const lent = lender(true)
    const done = lentToTheEnd(response.body, lent.take)
    await new Promise(resolve => setTimeout(resolve, 300))
    const whileHeld = lent.copies.length
    expect(lent.memory.size).toBeLessThanOrEqual(3)
    expect(Buffer.concat(lent.copies).length).toBeLessThan(blob.length)
    // Released as a slow writer would: one at a time, on later turns.
    const releaseAll = setInterval(() => lent.held.splice(0).forEach(release => release()), 1)
    expect(await done.finally(() => clearInterval(releaseAll))).toBeUndefined()
    expect(lent.copies.length).toBeGreaterThan(whileHeld)
    expect(Buffer.concat(lent.copies).equals(blob)).toBe(true)
    expect(lent.overwritten).toEqual([])
  })

  it('gives any other reader an ordinary stream of its own bytes, chunked or not', async () => {
    const base = await serve((_request, response) => {
      // No Content-Length: node:http sends chunks.
      response.write(blob.subarray(0, 1000))
      setTimeout(() => response.end(blob.subarray(1000)), 20)
    })
    const response = await wireGet(new URL(`${base}/chunked`), {}, options)
    // Every chunk kept to the end: views of reused read buffers would have been overwritten by then.
    const chunks: Buffer[] = []
    for await (const chunk of response.body) chunks.push(chunk as Buffer)
    expect(Buffer.concat(chunks).equals(blob)).toBe(true)
  })

  it('ends a body framed by the close with the close', async () => {
    const server = await listen(
      net.createServer(socket =>
        socket.end('HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end'),
      ),
    )
    stops.push(server.stop)
    const response = await wireGet(new URL(`http://127.0.0.1:${server.port}/`), {}, options)
    const body = await collectAtMost(response.body, 1000, () => new Error('too large'))
    expect(body.toString()).toBe('until the end')
  })

  it('fails a body cut short with a reset the retry policy retries, in either way of reading', async () => {
    const server = await listen(
      net.createServer(socket => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly some')
        setTimeout(() => socket.destroy(), 20)
      }),
    )
    stops.push(server.stop)
    const url = new URL(`http://127.0.0.1:${server.port}/`)
    const lending = await wireGet(url, {}, options)
    const error = await lentToTheEnd(lending.body, lender().take)
    expect(error).toMatchObject({ code: 'ECONNRESET' })
    expect(isRetryable(error)).toBe(true)
    const reading = await wireGet(url, {}, options)
    await expect(collectAtMost(reading.body, 2000, () => new Error('too large'))).rejects.toMatchObject({
      code: 'ECONNRESET',
    })
  })

  it('tells a lender that comes after the body failed', async () => {
    const server = await listen(
      net.createServer(socket => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nsome')
        socket.destroy()
      }),
    )
    stops.push(server.stop)
    const response = await wireGet(new URL(`http://127.0.0.1:${server.port}/`), {}, options)
    // As the request core does: it listens for the end of every answer.
    response.body.on('error', () => {})
    await new Promise(resolve => setTimeout(resolve, 100))
    const error = await lentToTheEnd(response.body, lender().take)
    expect(error).toMatchObject({ code: 'ECONNRESET' })
  })

  it('rejects when the server closes without an answer, or gives none before the timeout', async () => {
    const closing = await listen(net.createServer(socket => socket.destroy()))
    const silent = await listen(net.createServer(() => {}))
    stops.push(closing.stop, silent.stop)
    await expect(wireGet(new URL(`http://127.0.0.1:${closing.port}/`), {}, options)).rejects.toThrow(
      /socket hang up/,
    )
    const timeoutError = (): Error => Object.assign(new Error('no data for 0.2 s'), { code: 'ETIMEDOUT' })
    await expect(
      wireGet(new URL(`http://127.0.0.1:${silent.port}/`), {}, { timeoutMs: 200, timeoutError }),
    ).rejects.toThrow('no data for 0.2 s')
  })

  it('refuses a header value that would start another line', async () => {
    const base = await serve((_request, response) => response.end())
    await expect(wireGet(new URL(`${base}/`), { 'X-A': 'b\r\nX-Injected: 1' }, options)).rejects.toThrow(
      /line break/,
    )
  })

  describe('over TLS', () => {
    let dir: string
    let certificate: string
    let key: string
    beforeAll(async () => {
      dir = await tempDir('wire-tls-')
      await promisify(execFile)('openssl', [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'],
        ...['-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
        ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
      ])
      certificate = await readFile(join(dir, 'cert.pem'), 'utf8')
      key = await readFile(join(dir, 'key.pem'), 'utf8')
    })
    afterAll(async () => removeTree(dir))

    it('reads a blob by name and by address, trusting the CA it is given and no other', async () => {
      const server = await listen(
        https.createServer({ cert: certificate, key }, (_request, response) => {
          response.writeHead(200, { 'Content-Length': blob.length }).end(blob)
        }),
      )
      stops.push(server.stop)
      for (const host of ['localhost', '127.0.0.1']) {
        const response = await wireGet(
          new URL(`https://${host}:${server.port}/blob`),
          {},
          { ...options, ca: certificate },
        )
        const lent = lender()
        expect(await lentToTheEnd(response.body, lent.take)).toBeUndefined()
        expect(Buffer.concat(lent.copies).equals(blob)).toBe(true)
        expect(lent.overwritten).toEqual([])
        // TLS hands over 16 KiB per read: reads are packed into a slab one after another, not one per slab.
        expect(lent.memory.size).toBeLessThanOrEqual(3)
        expect(lent.offsets.size).toBeGreaterThan(20)
      }
      await expect(wireGet(new URL(`https://localhost:${server.port}/blob`), {}, options)).rejects.toThrow(
        /self-signed certificate/,
      )
    })
  })
})

describe('Slabs', () => {
  const MiB = 1024 * 1024
  it('packs reads one after another, keeps a reserve for reads while every slab is out, and frees none twice', async () => {
    let freed = 0
    const slabs = new Slabs(() => freed++)
    const lent: (() => void)[] = []
    // Reads of 240 KiB: four fit before the room left (64 KiB, the reserve not counted) is too little.
    const read = (bytes: number): Buffer => {
      const into = slabs.next()
      lent.push(slabs.lendRead(bytes))
      return into
    }
    const first = read(240 * 1024)
    const second = read(240 * 1024)
    expect(second.buffer).toBe(first.buffer)
    expect(second.byteOffset - first.byteOffset).toBe(240 * 1024)
    read(240 * 1024)
    read(240 * 1024)
    expect(slabs.exhausted).toBe(false)
    // The second slab: the first is set aside with its reads out.
    const other = read(240 * 1024)
    expect(other.buffer).not.toBe(first.buffer)
    for (let i = 0; i < 3; i++) read(240 * 1024)
    expect(slabs.exhausted).toBe(true)
    // Every slab is out: the next read goes into the reserve of the current one, not a new slab.
    const reserve = slabs.next()
    expect(reserve.buffer).toBe(other.buffer)
    expect(reserve.length).toBe(MiB - 4 * 240 * 1024)
    // Releasing the first slab's reads frees it, and says so only after the current turn (node stops a paused
    // socket after the read callback and `next`, so a resume from inside them would be undone).
    for (const release of lent.slice(0, 4)) release()
    lent[0]!()
    expect(freed).toBe(0)
    await new Promise(resolve => process.nextTick(resolve))
    expect(freed).toBe(1)
    expect(slabs.exhausted).toBe(false)
  })
})
