/**
 * The clean-up end to end through the bundles (`dist/index.js` with INPUT_* variables, `dist/cli.js`), against
 * the real registry and the suite's stand-in of GitHub's package-versions API, whose versions are the
 * registry's manifests and whose DELETE deletes from it. skopeo pulls every tag as every platform afterwards.
 */
import { fileURLToPath } from 'node:url'
import { type ActionRun, expectSuccess, runAction } from '../harness/action.js'
import { type PackagesApi, startPackagesApi } from '../harness/github-packages.js'
import { pullAs, pushArtifact, pushAttestedIndex, pushIndexOf } from '../harness/images.js'
import { execute, removeTree, tempDir } from '../harness/processes.js'
import { type RunningRegistry, startRegistry } from '../harness/registry.js'

const Token = 'ghs_prune_standin_secret'
const Cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))
const OciManifest = 'application/vnd.oci.image.manifest.v1+json'
const ThreeDaysAgo = new Date(Date.now() - 3 * 86_400_000)
// Retries of the API stay in the milliseconds.
const FastRetries = { NATIVE_MULTIARCH_RETRY_ATTEMPTS: '2', NATIVE_MULTIARCH_RETRY_BASE_MS: '1' }

let registry: RunningRegistry
let api: PackagesApi
let work: string

beforeAll(async () => {
  registry = await startRegistry()
  api = await startPackagesApi({
    registry,
    owners: { acme: 'Organization', someone: 'User' },
    token: Token,
  })
  work = await tempDir('nma-prune-')
})

afterAll(async () => {
  await api?.stop()
  await registry?.stop()
  await removeTree(work)
})

/** The action's inputs and variables for a prune of `image` on the loopback registry, as a GitHub host. */
function prune(image: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction(
    {
      mode: 'prune',
      images: image,
      'github-registry-hosts': registry.host,
      'github-token': Token,
      ...inputs,
    },
    { GITHUB_API_URL: api.url, ...FastRetries },
  )
}

async function merge(image: string, tags: string, digests: string[], inputs: Record<string, string> = {}) {
  return expectSuccess(
    await runAction(
      { mode: 'merge', images: image, tags, digests: digests.join('\n'), 'digests-path': work, ...inputs },
      { GITHUB_API_URL: api.url },
    ),
  )
}

/** Makes every manifest of `repository` stored so far three days old. */
async function ageAll(repository: string): Promise<void> {
  for (const digest of await api.digests(repository)) api.setTimes(digest, ThreeDaysAgo)
}

/** `count` distinct untagged artifacts in `repository`. */
async function orphans(repository: string, count: number): Promise<string[]> {
  const pushed: string[] = []
  for (let i = 0; i < count; i++)
    pushed.push(await pushArtifact(registry.url, repository, { note: `orphan ${i}` }))
  return pushed
}

/** A manifest's descriptor as the registry serves it (HEAD with every manifest type accepted). */
async function descriptorOf(
  repository: string,
  digest: string,
): Promise<{ digest: string; mediaType: string; size: number }> {
  const response = await fetch(`${registry.url}/v2/${repository}/manifests/${digest}`, {
    method: 'HEAD',
    headers: { Accept: `application/vnd.oci.image.index.v1+json, ${OciManifest}` },
  })
  if (response.status !== 200) throw new Error(`HEAD ${repository}@${digest} answered ${response.status}`)
  return {
    digest,
    mediaType: response.headers.get('content-type')!,
    size: Number(response.headers.get('content-length')),
  }
}

const sorted = (items: string[]): string[] => [...items].sort()

test('after latest moved to a newer index, the older index and what only it used go; tagged, referenced and young stay', async () => {
  const repository = 'acme/app'
  const image = `${registry.host}/${repository}`
  // Round 1: buildx-like one-platform indexes with attestations, merged under `latest`.
  const amd1 = await pushAttestedIndex('linux/amd64', image, { content: 'one' })
  const arm = await pushAttestedIndex('linux/arm64', image, { content: 'one' })
  const first = (await merge(image, 'latest', [amd1.indexDigest, arm.indexDigest])).outputs.digest!
  const sigOfFirst = await pushArtifact(registry.url, repository, {
    note: 'signs the first',
    subject: await descriptorOf(repository, first),
  })
  // Round 2: amd64 rebuilt, arm64 reused; `latest` moves.
  const amd2 = await pushAttestedIndex('linux/amd64', image, { content: 'two' })
  const second = (await merge(image, 'latest,2.0', [amd2.indexDigest, arm.indexDigest])).outputs.digest!
  const sigOfSecond = await pushArtifact(registry.url, repository, {
    note: 'signs the second',
    subject: await descriptorOf(repository, second),
  })
  // A signature without `subject`, found only through the fallback tag's index (as on GHCR, which has no referrers API).
  const legacy = await pushArtifact(registry.url, repository, { note: 'legacy signature' })
  const fallback = await pushIndexOf(
    registry.url,
    repository,
    [await descriptorOf(repository, legacy)],
    `sha256-${second.slice(7)}`,
  )
  await ageAll(repository)
  const young = await pushArtifact(registry.url, repository, { note: 'a build in flight' })

  const deleted = [
    first,
    sigOfFirst,
    amd1.indexDigest,
    amd1.imageDigest,
    amd1.attestationDigest,
    amd2.indexDigest,
    arm.indexDigest,
  ]
  const kept = [
    second,
    amd2.imageDigest,
    amd2.attestationDigest,
    arm.imageDigest,
    arm.attestationDigest,
    sigOfSecond,
    legacy,
    fallback,
    young,
  ]
  const before = await api.digests(repository)
  expect(sorted(before)).toEqual(sorted([...deleted, ...kept]))
  const tagsBefore = await api.tags(repository)

  // A dry run says what would go, and deletes nothing.
  api.resetRequests()
  const dry = expectSuccess(await prune(image, { 'dry-run': 'true' }))
  expect(dry.outputs.pruned).toBe('')
  expect(api.requests().filter(r => r.method === 'DELETE')).toEqual([])
  expect(sorted(await api.digests(repository))).toEqual(sorted(before))
  expect(dry.summary).toContain(`Dry run: ${deleted.length} version(s) would be deleted`)
  for (const digest of deleted) expect(dry.log).toContain(`Would delete ${digest}`)

  const run = expectSuccess(await prune(image))
  expect(sorted(run.outputs.pruned!.split('\n'))).toEqual(sorted(deleted))
  expect(sorted(await api.digests(repository))).toEqual(sorted(kept))
  expect(await api.tags(repository)).toEqual(tagsBefore)
  // Parents before children: the first index went before the images it listed.
  const order = run.outputs.pruned!.split('\n')
  expect(order.indexOf(first)).toBeLessThan(order.indexOf(amd1.imageDigest))
  expect(order.indexOf(sigOfFirst)).toBeLessThan(order.indexOf(first))
  expect(run.summary).toContain(`Pruned ${deleted.length} version(s)`)
  expect(run.summary).toContain(`<td>listed by ${second.slice(7, 19)} (tagged 2.0, latest)</td>`)
  expect(run.summary).toContain(`<td>a referrer of ${second.slice(7, 19)} (tagged 2.0, latest)</td>`)
  expect(run.summary).toMatch(/<td>changed \d+ s ago, under 24 h<\/td>/)
  expect(run.log).toMatch(/::group::Plan the clean-up of /)
  expect(run.visibleLog).not.toContain(Token)

  for (const tag of ['latest', '2.0']) {
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      // amd64 was rebuilt with content 'two'; arm64's image is the one from round 1.
      const pulled = await pullAs(`${image}:${tag}`, platform)
      expect(pulled.platformFile).toBe(`${platform}\n${platform === 'linux/amd64' ? 'two' : 'one'}`)
    }
  }
  // Nothing left to do: a second prune deletes nothing.
  expect(expectSuccess(await prune(image)).outputs.pruned).toBe('')
})

test('the CLI pages through more than 100 versions of a user package with a slash in its name', async () => {
  const repository = 'someone/tools/app'
  const image = `${registry.host}/${repository}`
  const tagged = await pushArtifact(registry.url, repository, { note: 'release', tag: 'v1' })
  const doomed = await orphans(repository, 104)
  await ageAll(repository)
  const args = [
    Cli,
    'prune',
    '--images',
    image,
    '--github-registry-hosts',
    registry.host,
    '--prune-min-age',
    '1h',
  ]
  const env = { PATH: process.env.PATH, GITHUB_API_URL: api.url, GITHUB_TOKEN: Token, ...FastRetries }
  // --dry-run is a switch: given, it is true.
  const dry = await execute(process.execPath, [...args, '--dry-run'], { env })
  expect(dry.exitCode).toBe(0)
  expect(dry.stdout).toMatch(/^pruned=$/m)
  expect(dry.stdout.match(/^Would delete /gm)).toHaveLength(104)
  expect(await api.digests(repository)).toHaveLength(105)
  api.resetRequests()
  const { exitCode, stdout, stderr } = await execute(process.execPath, args, { env })
  if (exitCode !== 0) throw new Error(`the CLI failed (${exitCode}):\n${stdout}\n${stderr}`)
  const pruned = [...stdout.matchAll(/^pruned=(.*)$/gm)].map(m => m[1]!)
  expect(sorted(pruned)).toEqual(sorted(doomed))
  expect(await api.digests(repository)).toEqual([tagged])
  const pages = api.requests().filter(r => r.method === 'GET' && r.path.includes('/versions'))
  expect(pages.map(r => r.path)).toEqual([
    '/users/someone/packages/container/tools%2Fapp/versions?per_page=100&page=1',
    '/users/someone/packages/container/tools%2Fapp/versions?per_page=100&page=2',
  ])
  expect(stdout).toContain('==> Delete from')
  expect(`${stdout}${stderr}`).not.toContain(Token)
})

test('an API page that fails after retries, or a manifest that cannot be read, deletes nothing', async () => {
  const repository = 'acme/faulty'
  const image = `${registry.host}/${repository}`
  await pushArtifact(registry.url, repository, { note: 'release', tag: 'v1' })
  await orphans(repository, 101)
  await ageAll(repository)
  const before = await api.digests(repository)

  api.resetRequests()
  api.setFault((method, url) => (method === 'GET' && url.searchParams.get('page') === '2' ? 502 : undefined))
  const failed = await prune(image)
  api.setFault(undefined)
  expect(failed.exitCode).toBe(1)
  expect(failed.log).toMatch(
    new RegExp(
      `::error::Listing the versions of ${image} failed; nothing was deleted\\. .*page=2 failed 2 times .*HTTP 502`,
    ),
  )
  expect(
    api
      .requests()
      .filter(r => r.path.includes('page=2'))
      .map(r => r.status),
  ).toEqual([502, 502])
  expect(api.requests().filter(r => r.method === 'DELETE')).toEqual([])
  expect(sorted(await api.digests(repository))).toEqual(sorted(before))

  // GitHub lists a version the registry cannot serve: what it references is unknown, so nothing goes.
  const phantom = `sha256:${'e'.repeat(64)}`
  api.addPhantom(repository, phantom)
  api.setTimes(phantom, ThreeDaysAgo)
  api.resetRequests()
  const unreadable = await prune(image)
  expect(unreadable.exitCode).toBe(1)
  expect(unreadable.log).toContain(
    `::error::Reading ${image}@${phantom} failed, so what it references is unknown; nothing was deleted.`,
  )
  expect(api.requests().filter(r => r.method === 'DELETE')).toEqual([])
  expect(sorted(await api.digests(repository))).toEqual(sorted(before))
})

test('a merge with prune: true cleans up after publishing; on a registry it cannot list, it says so and succeeds', async () => {
  const repository = 'acme/merged'
  const image = `${registry.host}/${repository}`
  const v1 = await pushAttestedIndex('linux/amd64', image, { content: 'v1' })
  const first = (await merge(image, 'latest', [v1.indexDigest])).outputs.digest!
  await ageAll(repository)

  const v2 = await pushAttestedIndex('linux/amd64', image, { content: 'v2' })
  // Not a GitHub host: nothing can be listed, and the merge still succeeds.
  const elsewhere = await merge(image, 'latest', [v2.indexDigest], { prune: 'true', 'github-token': Token })
  expect(elsewhere.log).toContain(
    `${image}: ${registry.host} is not GitHub's container registry (ghcr.io): its untagged content cannot be listed there, so nothing was pruned.`,
  )
  expect(elsewhere.outputs.pruned).toBe('')
  expect(await api.digests(repository)).toContain(first)

  // A token GitHub refuses: the index is out and the outputs are set, but the step fails, saying so.
  const refused = await runAction(
    {
      mode: 'merge',
      images: image,
      tags: 'latest',
      digests: v2.indexDigest,
      'digests-path': work,
      prune: 'true',
      'github-token': 'not-a-valid-token',
      'github-registry-hosts': registry.host,
    },
    { GITHUB_API_URL: api.url, ...FastRetries },
  )
  expect(refused.exitCode).toBe(1)
  expect(refused.outputs.digest).toBe(elsewhere.outputs.digest)
  expect(refused.log).toMatch(
    new RegExp(
      `::error::The index ${elsewhere.outputs.digest} was published; the clean-up after it failed: .*HTTP 401 \\(Bad credentials\\).*'permissions: packages: write'`,
    ),
  )
  expect(refused.visibleLog).not.toContain('not-a-valid-token')
  expect(await api.digests(repository)).toContain(first)

  const second = await merge(image, 'latest', [v2.indexDigest], {
    prune: 'true',
    'github-token': Token,
    'github-registry-hosts': registry.host,
  })
  expect(second.outputs.digest).toBe(elsewhere.outputs.digest)
  expect(sorted(second.outputs.pruned!.split('\n'))).toEqual(
    sorted([first, v1.indexDigest, v1.imageDigest, v1.attestationDigest]),
  )
  expect(second.summary).toContain('Published index')
  expect(second.summary).toContain('Pruned 4 version(s)')
  expect((await pullAs(`${image}:latest`, 'linux/amd64')).digest).toBe(v2.imageDigest)
})
