/**
 * The merge at the request floor, counted from the real registry's access log while the bundle merges records
 * that the action's own build mode wrote.
 *
 * With every descriptor known from the digest records, publishing an index of P platforms under T tags to one
 * repository needs:
 *
 *   P  HEAD /v2/<repo>/manifests/<child digest>   each child is there (nothing is read: no GET)
 *   T  HEAD /v2/<repo>/manifests/<tag>            where each tag points now (404 the first time), in the
 *                                                 same parallel round: the price of tags that only move forward
 *   T  PUT  /v2/<repo>/manifests/<tag>            one per tag; the first goes alone and stores the index (under
 *                                                 its digest too), so no other tag moves unless it lands
 *
 * so P + 2T registry requests on a registry without auth, the floor: no PUT of the index by digest. An identical re-run finds every tag in place and
 * sends the P + T HEADs alone: nothing is written. A Bearer-token registry (Docker Hub, GHCR) adds
 * one token request to its token service (scope `repository:<repo>:pull,push`, cached for the whole merge) and
 * the one 401 challenge that teaches the client the scheme: the first request to a registry learns it while the
 * others wait, so C = 1 however many requests run in parallel.
 *
 * Any extra request fails these tests. `docker manifest create/push` doing the same work is counted alongside.
 */
import { join } from 'node:path'
import {
  BenchPlatforms,
  buildWithAction,
  mergeWithAction,
  mergeWithDockerManifest,
  tagList,
  type BuiltImages,
} from '../../bench/merge-tools.js'
import { writeDockerConfig, type DockerConfigDir } from '../harness/docker-config.js'
import { buildahEnv, type BuildahEnv, writeSampleContext } from '../harness/images.js'
import { removeTree, tempDir } from '../harness/processes.js'
import { type RegistryRequest, type RunningRegistry, startRegistry } from '../harness/registry.js'

/** P platforms x T tags, with P != T in one shape so the formula's two terms are told apart. */
const Shapes: [number, number][] = [
  [4, 4],
  [2, 5],
]

/** 401 answers an auth-enabled registry gives one merge: the first request learns the scheme for all. */
const Challenges = 1

let work: string
let context: string
let storage: BuildahEnv

beforeAll(async () => {
  work = await tempDir('nma-requests-')
  context = join(work, 'context')
  await writeSampleContext(context, { platforms: BenchPlatforms })
  storage = await buildahEnv()
})

afterAll(async () => {
  await storage?.cleanup()
  if (work) await removeTree(work)
})

/** `/v2/bench/p4/manifests/sha256:...` -> `sha256:...` */
function manifestReference(request: RegistryRequest, repository: string): string | undefined {
  const prefix = `/v2/${repository}/manifests/`
  return request.path.startsWith(prefix) ? request.path.slice(prefix.length) : undefined
}

describe.each(['none', 'token'] as const)('a merge on a registry with auth %s', auth => {
  let registry: RunningRegistry
  let config: DockerConfigDir | undefined
  const built = new Map<number, BuiltImages>()

  beforeAll(async () => {
    registry = await startRegistry({ auth })
    if (auth === 'token') {
      config = await writeDockerConfig({
        [registry.host]: { username: registry.username, password: registry.password },
      })
    }
    for (const platforms of new Set(Shapes.map(([p]) => p))) {
      built.set(
        platforms,
        await buildWithAction(
          `${registry.host}/bench/p${platforms}`,
          BenchPlatforms.slice(0, platforms),
          context,
          join(work, `records-${auth}-${platforms}`),
          { ...storage.env, ...config?.env },
        ),
      )
    }
  })

  afterAll(async () => {
    await registry?.stop()
    await config?.cleanup()
  })

  test.each(Shapes)(
    '%i platforms x %i tags: P + T HEAD + T PUT, the floor (+ challenges and one token with auth); a re-run writes nothing',
    async (platforms, tags) => {
      const images = built.get(platforms)!
      const repository = `bench/p${platforms}`
      const tagNames = tagList(`floor-${platforms}x${tags}`, tags)
      await registry.resetRequests()
      const indexDigest = await mergeWithAction(images, tagNames, config?.env ?? {})
      const requests = await registry.requests()

      const challenges = requests.filter(r => r.status === 401)
      const answered = requests.filter(r => r.status !== 401)
      const heads = answered.filter(r => r.method === 'HEAD')
      const puts = answered.filter(r => r.method === 'PUT').map(r => manifestReference(r, repository))
      expect(heads.map(r => manifestReference(r, repository)).sort()).toEqual(
        [...images.digests, ...tagNames].sort(),
      )
      expect(puts.sort()).toEqual([...tagNames].sort())
      // The tags do not exist yet: their HEADs are 404s; everything else succeeds.
      const statuses = (refs: string[]) =>
        answered
          .filter(r => refs.includes(manifestReference(r, repository)!) && r.method === 'HEAD')
          .map(r => r.status)
      expect(statuses(tagNames)).toEqual(tagNames.map(() => 404))
      expect(statuses(images.digests)).toEqual(images.digests.map(() => 200))
      expect(answered.filter(r => r.method === 'PUT').every(r => r.status === 201)).toBe(true)

      const expectedChallenges = auth === 'none' ? 0 : Challenges
      // Every challenge is one of the first HEADs, sent before the scheme was known.
      expect(challenges.every(r => r.method === 'HEAD')).toBe(true)
      expect(challenges).toHaveLength(expectedChallenges)
      expect(requests).toHaveLength(platforms + 2 * tags + expectedChallenges)

      // The same merge again: every tag holds the index, so the HEADs are all it sends.
      await registry.resetRequests()
      expect(await mergeWithAction(images, tagNames, config?.env ?? {})).toBe(indexDigest)
      const again = (await registry.requests()).filter(r => r.status !== 401)
      expect(again.filter(r => r.method !== 'HEAD')).toEqual([])
      expect(again).toHaveLength(platforms + tags)

      const tokens = registry.tokenRequestLog()
      if (auth === 'none') {
        expect(tokens).toEqual([])
      } else {
        expect(tokens).toHaveLength(1)
        expect(tokens[0]).toMatchObject({ status: 200, scopes: [`repository:${repository}:pull,push`] })
      }
    },
  )

  test('docker manifest create --amend + push, the same 4 platforms x 4 tags, needs four times as many requests or more', async () => {
    // Ours: 4 + 2 x 4 = 12 requests (13 with the token challenge).
    const images = built.get(4)!
    await registry.resetRequests()
    await mergeWithAction(images, tagList('ours', 4), config?.env ?? {})
    const ours = (await registry.requests()).length
    const ourTokens = registry.tokenRequests()

    await registry.resetRequests()
    await mergeWithDockerManifest(images, tagList('docker', 4), config?.dir)
    const docker = await registry.requests()
    // Docker CLI 28.2 here: per tag, for each source GET /v2/, GET its manifest and GET its config blob, then
    // GET /v2/ and PUT the list: T(3P + 2) = 56 requests for 4 x 4 (and T(P + 1) = 20 token requests).
    expect(docker.filter(r => r.method === 'PUT')).toHaveLength(4)
    expect(docker.length).toBeGreaterThanOrEqual(4 * ours)
    if (auth === 'token') expect(registry.tokenRequests()).toBeGreaterThan(10 * ourTokens)
  })
})
