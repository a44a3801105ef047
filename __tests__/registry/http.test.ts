import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { createHttpTransport, type HttpTransport, readBody, redactedUrl } from '../../src/registry/http.js'
import { WireBody, type LentBody } from '../../src/registry/wire.js'
import { startServer, type TestServer } from './fake-registry.js'

describe('HTTP transport', () => {
  let transport: HttpTransport
  const servers: TestServer[] = []
  const serve = async (handler: Parameters<typeof startServer>[0]): Promise<TestServer> => {
    const server = await startServer(handler)
    servers.push(server)
    return server
  }

  beforeEach(() => {
    transport = createHttpTransport({ timeoutMs: 2000 })
  })
  afterEach(async () => {
    transport.close()
    await Promise.all(servers.splice(0).map(server => server.close()))
  })

  it('drops Authorization when a redirect goes to another host, and keeps the other headers', async () => {
    const storage = await serve((_request, response) => void response.end('blob bytes'))
    const registry = await serve((_request, response) => {
      response.writeHead(307, { Location: `${storage.url}/bucket/blob?X-Amz-Signature=abc` }).end()
    })
    const response = await transport.request('GET', new URL(`${registry.url}/v2/app/blobs/sha256:1`), {
      Authorization: 'Bearer secret-token',
      'User-Agent': 'test-agent',
    })
    expect(response.status).toBe(200)
    expect((await readBody(response, 1024, 'the blob')).toString()).toBe('blob bytes')
    expect(registry.requests[0]!.headers.authorization).toBe('Bearer secret-token')
    expect(storage.requests[0]!.headers.authorization).toBeUndefined()
    expect(storage.requests[0]!.headers['user-agent']).toBe('test-agent')
    expect(storage.requests[0]!.path).toBe('/bucket/blob?X-Amz-Signature=abc')
    expect(response.redirects.map(hop => hop.status)).toEqual([307])
    expect(response.url.href).toBe(`${storage.url}/bucket/blob?X-Amz-Signature=abc`)
  })

  it('keeps Authorization on a redirect within the same host', async () => {
    const registry = await serve((request, response) => {
      if (request.path === '/first') response.writeHead(302, { Location: '/second' }).end()
      else response.end('ok')
    })
    const response = await transport.request('GET', new URL(`${registry.url}/first`), {
      Authorization: 'Basic abc',
    })
    expect(response.status).toBe(200)
    expect(registry.requests.map(r => [r.path, r.headers.authorization])).toEqual([
      ['/first', 'Basic abc'],
      ['/second', 'Basic abc'],
    ])
  })

  it('treats another host name for the same server as another host', async () => {
    const server = await serve((request, response) => {
      if (request.path === '/start') {
        response.writeHead(308, { Location: `http://localhost:${server.host.split(':')[1]}/next` }).end()
      } else response.end('ok')
    })
    await transport.request('GET', new URL(`${server.url}/start`), { authorization: 'Bearer t' })
    expect(server.requests.map(r => [r.path, r.headers.authorization])).toEqual([
      ['/start', 'Bearer t'],
      ['/next', undefined],
    ])
  })

  it('gives up after 5 redirects', async () => {
    const loop = await serve((request, response) => {
      const n = Number(request.path.slice(1)) || 0
      response.writeHead(302, { Location: `/${n + 1}` }).end()
    })
    await expect(transport.request('GET', new URL(`${loop.url}/0`), {})).rejects.toThrow(
      /more than 5 redirects/,
    )
    expect(loop.requests).toHaveLength(6)
  })

  it('can return a redirect instead of following it', async () => {
    const registry = await serve(
      (_request, response) => void response.writeHead(307, { Location: '/elsewhere' }).end(),
    )
    const response = await transport.request('HEAD', new URL(registry.url), {}, undefined, {
      followRedirects: false,
    })
    expect(response.status).toBe(307)
    expect(registry.requests).toHaveLength(1)
  })

  it('re-sends a streamed body on a 307, and turns a 303 into a GET without one', async () => {
    const server = await serve((request, response) => {
      if (request.path === '/upload') response.writeHead(307, { Location: '/upload-here' }).end()
      else if (request.path === '/form') response.writeHead(303, { Location: '/result' }).end()
      else response.end(`${request.method} ${request.path} ${request.body.toString()}`)
    })
    let opened = 0
    const open = async (): Promise<Readable> => {
      opened++
      return Readable.from([Buffer.from('payload')])
    }
    const put = await transport.request(
      'PUT',
      new URL(`${server.url}/upload`),
      { 'Content-Length': '7' },
      open,
    )
    expect((await readBody(put, 100, 'x')).toString()).toBe('PUT /upload-here payload')
    expect(opened).toBe(2)
    const post = await transport.request(
      'POST',
      new URL(`${server.url}/form`),
      { 'Content-Length': '4' },
      Buffer.from('data'),
    )
    expect((await readBody(post, 100, 'x')).toString()).toBe('GET /result ')
  })

  it('reads a bulk GET on its own connection, following redirects as any other GET', async () => {
    const storage = await serve((_request, response) => void response.end('blob bytes'))
    const registry = await serve((_request, response) => {
      response.writeHead(307, { Location: `${storage.url}/bucket/blob?X-Amz-Signature=abc` }).end()
    })
    const response = await transport.request(
      'GET',
      new URL(`${registry.url}/v2/app/blobs/sha256:1`),
      { Authorization: 'Bearer secret-token' },
      undefined,
      { bulk: true },
    )
    expect(response.body).toBeInstanceOf(WireBody)
    expect((await readBody(response, 1024, 'the blob')).toString()).toBe('blob bytes')
    expect(registry.requests[0]!.headers).toMatchObject({
      authorization: 'Bearer secret-token',
      connection: 'close',
    })
    expect(storage.requests[0]!.headers.authorization).toBeUndefined()
    expect(response.redirects.map(hop => hop.status)).toEqual([307])
  })

  it('writes a body that lends its chunks, releasing each once it is written', async () => {
    const server = await serve((request, response) => void response.end(`${request.body.length}`))
    const chunks = [Buffer.alloc(300_000, 1), Buffer.alloc(5, 2), Buffer.alloc(70_000, 3)]
    const sent = Buffer.concat(chunks)
    const released: number[] = []
    const body: LentBody = {
      lend(take, done) {
        // A released chunk's memory is read into again at once: here, scribbled over.
        chunks.forEach((chunk, i) =>
          take(chunk, () => {
            released.push(i)
            chunk.fill(0x21)
          }),
        )
        setImmediate(done)
      },
      destroy: () => {},
    }
    const put = await transport.request(
      'PUT',
      new URL(`${server.url}/upload`),
      { 'Content-Length': '370005' },
      async () => body,
    )
    expect((await readBody(put, 100, 'x')).toString()).toBe('370005')
    expect(server.requests[0]!.body.equals(sent)).toBe(true)
    expect(released.sort()).toEqual([0, 1, 2])
  })

  it('stops a lent body that fails, and fails the request with its error', async () => {
    const server = await serve((_request, response) => void response.end())
    let destroyed = false
    const body: LentBody = {
      lend(take, done) {
        take(Buffer.from('some'), () => {})
        setImmediate(() => done(new Error('the source broke')))
      },
      destroy: () => void (destroyed = true),
    }
    await expect(
      transport.request(
        'PUT',
        new URL(`${server.url}/upload`),
        { 'Content-Length': '100' },
        async () => body,
      ),
    ).rejects.toThrow('the source broke')
    expect(destroyed).toBe(true)
  })

  it('keeps the answer a server gives before a lent body is all sent, and stops the body', async () => {
    const early = http.createServer((_request, response) => {
      response
        .writeHead(401, { 'Content-Type': 'application/json' })
        .end('{"errors":[{"code":"UNAUTHORIZED"}]}')
    })
    await new Promise<void>(resolve => early.listen(0, '127.0.0.1', resolve))
    const port = (early.address() as AddressInfo).port
    let stopped = false
    let finish: (error?: Error) => void = () => {}
    const body: LentBody = {
      lend(take, done) {
        take(Buffer.alloc(64 * 1024), () => {})
        finish = done
      },
      // As a wire body does: stopping it ends its lending with an error.
      destroy: () => {
        stopped = true
        finish(new Error('The download was stopped.'))
      },
    }
    try {
      const put = await transport.request(
        'PUT',
        new URL(`http://127.0.0.1:${port}/upload`),
        { 'Content-Length': String(10 * 1024 * 1024) },
        async () => body,
      )
      expect(put.status).toBe(401)
      expect((await readBody(put, 1000, 'x')).toString()).toContain('UNAUTHORIZED')
      expect(stopped).toBe(true)
    } finally {
      early.closeAllConnections()
      await new Promise(resolve => early.close(resolve))
    }
  })

  it('stops sending a body when the server answers early, and carries on', async () => {
    const early = http.createServer((request, response) => {
      if (request.url === '/upload') response.writeHead(401).end('no')
      else response.end('fine')
    })
    await new Promise<void>(resolve => early.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(early.address() as AddressInfo).port}`
    let sent = 0
    const open = async (): Promise<Readable> =>
      Readable.from(
        (function* () {
          for (let i = 0; i < 1024; i++) {
            sent += 64 * 1024
            yield Buffer.alloc(64 * 1024)
          }
        })(),
      )
    try {
      const response = await transport.request(
        'PUT',
        new URL(`${url}/upload`),
        { 'Content-Length': String(64 * 1024 * 1024) },
        open,
      )
      expect(response.status).toBe(401)
      expect((await readBody(response, 100, 'x')).toString()).toBe('no')
      expect(sent).toBeLessThan(64 * 1024 * 1024)
      const next = await transport.request('GET', new URL(`${url}/other`), {})
      expect((await readBody(next, 100, 'x')).toString()).toBe('fine')
    } finally {
      early.closeAllConnections()
      await new Promise(resolve => early.close(resolve))
    }
  })

  it('reuses keep-alive connections', async () => {
    const server = await serve((_request, response) => void response.end('ok'))
    for (let i = 0; i < 5; i++) {
      const response = await transport.request('GET', new URL(server.url), {})
      await readBody(response, 10, 'x')
    }
    expect(server.connections()).toBe(1)
  })

  it('refuses a body over the cap by Content-Length, before reading it', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Length': 4 * 1024 * 1024 + 1 })
      response.end(Buffer.alloc(4 * 1024 * 1024 + 1))
    })
    const response = await transport.request('GET', new URL(server.url), {})
    await expect(readBody(response, 4 * 1024 * 1024, 'The manifest ghcr.io/acme/app:1')).rejects.toThrow(
      'The manifest ghcr.io/acme/app:1 is larger than 4194304 bytes (4194305 bytes); refusing to read it.',
    )
  })

  it('refuses a chunked body once it passes the cap', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200)
      for (let i = 0; i < 5; i++) response.write(Buffer.alloc(1024 * 1024))
      response.end()
    })
    const response = await transport.request('GET', new URL(server.url), {})
    await expect(readBody(response, 4 * 1024 * 1024, 'The manifest x')).rejects.toThrow(
      /larger than 4194304 bytes/,
    )
  })

  it('times out a request that gets no answer, with a code the retry policy knows', async () => {
    const server = await serve(() => {})
    const started = Date.now()
    const error = await transport
      .request('GET', new URL(server.url), {}, undefined, { timeoutMs: 150 })
      .catch(e => e)
    expect(error).toMatchObject({ name: 'HttpTimeoutError', code: 'ETIMEDOUT' })
    expect(error.message).toMatch(/timed out: no data for 0.15 s/)
    expect(Date.now() - started).toBeLessThan(1500)
  })

  it('times out a body that stops arriving', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'Content-Length': 100 })
      response.write('partial')
    })
    const response = await transport.request('GET', new URL(server.url), {}, undefined, { timeoutMs: 150 })
    await expect(readBody(response, 1000, 'x')).rejects.toMatchObject({ code: 'ETIMEDOUT' })
  })

  it('hides the query of URLs on other hosts in logs', () => {
    const registry = new URL('https://ghcr.io/v2/')
    expect(redactedUrl(registry, new URL('https://ghcr.io/v2/a/blobs/uploads/1?_state=x'))).toBe(
      'https://ghcr.io/v2/a/blobs/uploads/1?_state=x',
    )
    expect(redactedUrl(registry, new URL('https://s3.example/b/k?X-Amz-Signature=s'))).toBe(
      'https://s3.example/b/k?…',
    )
  })
})
