/**
 * The package-versions client against the suite's stand-in of GitHub's API, whose versions are a real
 * registry's manifests: paging with and without Link headers, organisation and user owners, package names
 * with slashes, deletion, and how failures read.
 */
import { githubPackagesApi, nextPage, packageOf } from '../../src/github/packages.js'
import { type PackagesApi, startPackagesApi } from '../harness/github-packages.js'
import { pushArtifact } from '../harness/images.js'
import { type RunningRegistry, startRegistry } from '../harness/registry.js'

const Token = 'ghs_standin_token'
const fast = { maxAttempts: 2, baseDelayMs: 1 }

let registry: RunningRegistry
const apis: PackagesApi[] = []

beforeAll(async () => {
  registry = await startRegistry()
})

afterAll(async () => {
  await Promise.all(apis.map(api => api.stop()))
  await registry?.stop()
})

async function standIn(linkHeaders = true): Promise<PackagesApi> {
  const api = await startPackagesApi({
    registry,
    owners: { acme: 'Organization', someone: 'User' },
    token: Token,
    linkHeaders,
  })
  apis.push(api)
  return api
}

/** Pushes `count` distinct artifacts to `repository`; returns their digests. */
async function fill(repository: string, count: number): Promise<string[]> {
  const digests: string[] = []
  for (let i = 0; i < count; i++) digests.push(await pushArtifact(registry.url, repository, { note: `${i}` }))
  return digests
}

const repo = (path: string) => ({ registry: registry.host, path })

test.each([true, false])(
  'lists all 101 versions of a user-owned package with a slash in its name (Link headers: %s)',
  async linkHeaders => {
    const api = await standIn(linkHeaders)
    const path = `someone/tools/app-${linkHeaders}`
    const pushed = await fill(path, 101)
    const client = githubPackagesApi({ apiUrl: api.url, token: Token, retry: fast })
    const versions = await client.list(repo(path))
    expect(versions.map(v => v.digest).sort()).toEqual([...pushed].sort())
    expect(new Set(versions.map(v => v.id)).size).toBe(101)
    const listings = api.requests().filter(r => r.path.includes('/versions'))
    expect(listings.map(r => r.path)).toEqual([
      `/users/someone/packages/container/tools%2Fapp-${linkHeaders}/versions?per_page=100&page=1`,
      `/users/someone/packages/container/tools%2Fapp-${linkHeaders}/versions?per_page=100&page=2`,
    ])
  },
)

test('an organisation package: lists, deletes by id (one already gone counts as deleted)', async () => {
  const api = await standIn()
  const [first, second] = await fill('acme/app', 2)
  const client = githubPackagesApi({ apiUrl: api.url, token: Token, retry: fast })
  const versions = await client.list(repo('acme/app'))
  expect(api.requests()[0]!.path).toBe('/users/acme')
  const doomed = versions.find(v => v.digest === first)!
  await client.remove(repo('acme/app'), doomed)
  expect(await api.digests('acme/app')).toEqual([second])
  // The id is gone now: GitHub would answer 404, which is what a second deletion wants anyway.
  await client.remove(repo('acme/app'), doomed)
  expect(api.requests().filter(r => r.method === 'DELETE')).toEqual([
    { method: 'DELETE', path: `/orgs/acme/packages/container/app/versions/${doomed.id}`, status: 204 },
    { method: 'DELETE', path: `/orgs/acme/packages/container/app/versions/${doomed.id}`, status: 404 },
  ])
})

test('a page that keeps failing is retried, then fails naming the request; a refused token names the permission', async () => {
  const api = await standIn()
  await fill('acme/flaky', 1)
  api.setFault((_method, url) => (url.pathname.endsWith('/versions') ? 503 : undefined))
  const client = githubPackagesApi({ apiUrl: api.url, token: Token, retry: fast })
  await expect(client.list(repo('acme/flaky'))).rejects.toThrow(
    /GET \/orgs\/acme\/packages\/container\/flaky\/versions\?per_page=100&page=1 failed 2 times .*HTTP 503 \(injected fault\)/,
  )
  expect(api.requests().filter(r => r.status === 503)).toHaveLength(2)

  const wrong = githubPackagesApi({ apiUrl: api.url, token: 'not-the-token', retry: fast })
  const refused = wrong.list(repo('acme/flaky'))
  await expect(refused).rejects.toThrow(/HTTP 401 \(Bad credentials\).*'permissions: packages: write'/)
  await expect(refused).rejects.not.toThrow(/not-the-token/)
})

test('an image without an owner is refused before any request', () => {
  expect(() => packageOf({ registry: 'ghcr.io', path: 'app' })).toThrow(
    "Input 'images': ghcr.io/app names no owner; GitHub's registry takes ghcr.io/OWNER/NAME.",
  )
  expect(packageOf({ registry: 'ghcr.io', path: 'acme/tools/app' })).toEqual({
    owner: 'acme',
    name: 'tools/app',
  })
})

test.each<[string | null, string | undefined]>([
  [
    '<https://api.example.com/x?page=2>; rel="next", <https://api.example.com/x?page=9>; rel="last"',
    'https://api.example.com/x?page=2',
  ],
  ['<https://api.example.com/x?page=9>; rel="last"', undefined],
  // The token goes to the API's origin only.
  ['<https://elsewhere.example.com/x?page=2>; rel="next"', undefined],
  [null, undefined],
])('nextPage(%j)', (link, next) => {
  expect(nextPage(link, 'https://api.example.com')?.toString()).toBe(next)
})
