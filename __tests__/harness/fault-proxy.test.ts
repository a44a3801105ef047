/** The fault proxy itself, against the real registry: classification, each fault, token rewriting, storage. */
import { createHash } from 'node:crypto'
import { type FaultProxy, requestKind, startFaultProxy, startObjectStorage } from './fault-proxy.js'
import { type RunningRegistry, startRegistry } from './registry.js'

let registry: RunningRegistry
let proxy: FaultProxy
const blob = Buffer.from('fault proxy self-test')
const digest = `sha256:${createHash('sha256').update(blob).digest('hex')}`

beforeAll(async () => {
  registry = await startRegistry()
  proxy = await startFaultProxy({ target: registry.url })
  // One blob in the registry, uploaded monolithically through the proxy.
  const started = await fetch(`${proxy.url}/v2/self/test/blobs/uploads/`, { method: 'POST' })
  const location = new URL(started.headers.get('location')!, proxy.url)
  expect(location.origin).toBe(proxy.url)
  location.searchParams.set('digest', digest)
  expect((await fetch(location, { method: 'PUT', body: blob })).status).toBe(201)
})

afterAll(async () => {
  await proxy?.stop()
  await registry?.stop()
})

beforeEach(() => {
  proxy.clear()
  proxy.reset()
})

test('classifies requests by what they are in the protocol', () => {
  expect(requestKind('HEAD', '/v2/a/b/manifests/latest')).toBe('manifest-head')
  expect(requestKind('GET', '/v2/a/manifests/sha256:00')).toBe('manifest-get')
  expect(requestKind('PUT', '/v2/a/manifests/v1')).toBe('manifest-put')
  expect(requestKind('HEAD', `/v2/a/blobs/${digest}`)).toBe('blob-head')
  expect(requestKind('GET', `/v2/a/blobs/${digest}`)).toBe('blob-get')
  expect(requestKind('POST', '/v2/a/blobs/uploads/')).toBe('upload-post')
  expect(requestKind('PUT', '/v2/a/blobs/uploads/5f3c')).toBe('upload-put')
  expect(requestKind('GET', '/token', '/token')).toBe('token')
  expect(requestKind('GET', '/v2/')).toBe('other')
})

test('answers a status N times, then passes through; counts every request', async () => {
  proxy.inject({
    kind: 'blob-head',
    fault: { status: 429, headers: { 'Retry-After': '1', 'ratelimit-remaining': '0;w=21600' } },
    times: 2,
  })
  const head = (): Promise<Response> => fetch(`${proxy.url}/v2/self/test/blobs/${digest}`, { method: 'HEAD' })
  const first = await head()
  expect(first.status).toBe(429)
  expect(first.headers.get('retry-after')).toBe('1')
  expect(first.headers.get('ratelimit-remaining')).toBe('0;w=21600')
  expect((await head()).status).toBe(429)
  expect((await head()).status).toBe(200)
  expect(proxy.counts()['blob-head']).toBe(3)
  expect(proxy.requests().map(r => r.fault)).toEqual(['429', '429', undefined])
  // Only the request that passed reached the registry.
  expect((await registry.requests()).filter(r => r.method === 'HEAD')).toHaveLength(1)
})

test('drops a connection, and stalls one until the client gives up', async () => {
  proxy.inject({ kind: 'manifest-get', fault: 'drop', times: 1 })
  proxy.inject({ kind: 'manifest-get', fault: 'stall', times: 1 })
  const get = (): Promise<Response> =>
    fetch(`${proxy.url}/v2/self/test/manifests/latest`, { signal: AbortSignal.timeout(300) })
  await expect(get()).rejects.toThrow()
  const stalled = Date.now()
  await expect(get()).rejects.toThrow(/abort|timeout/i)
  expect(Date.now() - stalled).toBeGreaterThanOrEqual(250)
  expect((await get()).status).toBe(404)
  expect(proxy.requests().map(r => [r.fault, r.status])).toEqual([
    ['drop', 0],
    ['stall', 0],
    [undefined, 404],
  ])
})

test('replaces the body of a real answer, keeping its status', async () => {
  proxy.inject({ kind: 'blob-get', fault: { replaceBody: '<html>oops</html>', contentType: 'text/html' } })
  const response = await fetch(`${proxy.url}/v2/self/test/blobs/${digest}`)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('text/html')
  expect(await response.text()).toBe('<html>oops</html>')
})

test('redirects blob GETs to object storage, which serves the bytes and records the headers', async () => {
  const storage = await startObjectStorage(registry.rootDir)
  try {
    proxy.inject({ kind: 'blob-get', fault: { redirect: storage.url } })
    const response = await fetch(`${proxy.url}/v2/self/test/blobs/${digest}`, {
      headers: { Authorization: 'Bearer not-for-storage' },
    })
    expect(Buffer.from(await response.arrayBuffer())).toEqual(blob)
    expect(storage.requests).toHaveLength(1)
    expect(storage.requests[0]!.path).toMatch(/^\/blobs\/sha256:[0-9a-f]{64}\?X-Amz-Signature=/)
    // fetch drops Authorization across origins too; the point here is only that the header is recorded.
    expect(storage.requests[0]!.headers).not.toHaveProperty('authorization')
  } finally {
    await storage.stop()
  }
})

test('measures requests in flight', async () => {
  const slow = await startFaultProxy({ target: registry.url, delayMs: 100 })
  try {
    await Promise.all(
      Array.from({ length: 3 }, () =>
        fetch(`${slow.url}/v2/self/test/blobs/${digest}`, { method: 'HEAD' }).then(r => r.status),
      ),
    )
    expect(slow.maxInFlight()).toBe(3)
    expect(slow.maxInFlight('HEAD')).toBe(3)
    expect(slow.maxInFlight('not HEAD')).toBe(0)
  } finally {
    await slow.stop()
  }
})

test('runs hooks before a request of a kind, with its ordinal', async () => {
  const seen: number[] = []
  proxy.before('manifest-head', async (_request, ordinal) => {
    seen.push(ordinal)
  })
  for (let i = 0; i < 2; i++) await fetch(`${proxy.url}/v2/self/test/manifests/v${i}`, { method: 'HEAD' })
  expect(seen).toEqual([1, 2])
})

test('sends token requests through itself and can fail them', async () => {
  const tokenRegistry = await startRegistry({ auth: 'token' })
  const front = await startFaultProxy({ target: tokenRegistry.url, tokenRealm: tokenRegistry.token!.realm })
  try {
    const challenge = await fetch(`${front.url}/v2/self/test/manifests/latest`, { method: 'HEAD' })
    expect(challenge.status).toBe(401)
    const header = challenge.headers.get('www-authenticate')!
    expect(header).toContain(`realm="${front.url}/token"`)
    front.inject({ kind: 'token', fault: { status: 503 }, times: 1 })
    const tokenUrl = `${front.url}/token?service=${tokenRegistry.token!.service}&scope=repository:self/test:pull`
    const basic = `Basic ${Buffer.from(`${tokenRegistry.username}:${tokenRegistry.password}`).toString('base64')}`
    expect((await fetch(tokenUrl, { headers: { Authorization: basic } })).status).toBe(503)
    const answer = await fetch(tokenUrl, { headers: { Authorization: basic } })
    expect(answer.status).toBe(200)
    expect(((await answer.json()) as { token: string }).token).toMatch(/^ey/)
    expect(front.counts().token).toBe(2)
    expect(tokenRegistry.tokenRequests()).toBe(1)
  } finally {
    await front.stop()
    await tokenRegistry.stop()
  }
})
