/**
 * The default hand-off through the bundle: with `digests-path` unset on GitHub, build steps upload their
 * records as workflow artifacts and the merge finds exactly this run's records, publishes, and deletes them.
 * Runs the real @actions/artifact client (the bundle's lazily loaded chunk) against Azurite and a stand-in
 * for GitHub's results service and REST API, which treat run attempts as GitHub does after "Re-run failed
 * jobs": an earlier attempt's artifacts are listed, but only the REST API serves them.
 */
import { join } from 'node:path'
import { expectSuccess, runAction } from '../harness/action.js'
import { ApiTokens, type ArtifactService, startArtifactService } from '../harness/artifact-service.js'
import { buildahEnv, pullAs, writeSampleContext } from '../harness/images.js'
import { removeTree, tempDir } from '../harness/processes.js'
import { type RunningRegistry, startRegistry } from '../harness/registry.js'

let service: ArtifactService
let registry: RunningRegistry
let storage: Awaited<ReturnType<typeof buildahEnv>>
let work: string

beforeAll(async () => {
  ;[service, registry, storage, work] = await Promise.all([
    startArtifactService(),
    startRegistry(),
    buildahEnv(),
    tempDir('nma-artifacts-'),
  ])
})

afterAll(async () => {
  await Promise.all([service?.stop(), registry?.stop(), storage?.cleanup()])
  await removeTree(work)
})

/** A GitHub job's environment: the run, the attempt, and the artifact service's variables. */
function job(run: string, jobName: string, attempt: number): NodeJS.ProcessEnv {
  return {
    ...service.envFor(run, jobName, attempt),
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_RUN_ID: run,
    GITHUB_RUN_ATTEMPT: String(attempt),
    GITHUB_JOB: jobName,
    RUNNER_ARCH: 'X64',
    RUNNER_TEMP: work,
  }
}

test('records travel as artifacts: a re-run leg supersedes its first attempt, the leg that passed is read through the REST API, the merge cleans up what it may', async () => {
  const context = join(work, 'context')
  await writeSampleContext(context, { platforms: ['linux/amd64', 'linux/arm64'] })
  const image = `${registry.host}/artifacts/app`
  const build = (platform: string, attempt: number) =>
    runAction(
      { mode: 'build', images: image, platform, builder: 'buildah', context },
      { ...storage.env, ...job('7007', 'build', attempt) },
      undefined,
    )
  // Different content per attempt, so the re-run pushes a different digest.
  await writeSampleContext(context, { platforms: ['linux/amd64', 'linux/arm64'], content: 'attempt 1' })
  const amd = expectSuccess(await build('linux/amd64', 1))
  expectSuccess(await build('linux/arm64', 1))
  await writeSampleContext(context, { platforms: ['linux/amd64', 'linux/arm64'], content: 'attempt 2' })
  const arm2 = expectSuccess(await build('linux/arm64', 2))
  // Another image in the same run hands off too; the merge must not pick it up.
  expectSuccess(
    await runAction(
      {
        mode: 'build',
        images: `${registry.host}/artifacts/other`,
        platform: 'linux/arm64',
        builder: 'buildah',
        context,
      },
      { ...storage.env, ...job('7007', 'build', 2) },
    ),
  )
  expect(service.artifacts('7007')).toHaveLength(4)

  const mergeInputs = { mode: 'merge', images: image, tags: 'latest', platforms: 'linux/amd64,linux/arm64' }
  // A merge job without `actions: read` cannot read attempt 1's records, says how to fix it, and publishes nothing.
  const refused = await runAction({ ...mergeInputs, 'github-token': ApiTokens.none }, job('7007', 'merge', 2))
  expect(refused.exitCode).toBe(1)
  expect(refused.visibleLog).toMatch(
    /::error::Could not download digest record artifact native-multiarch_\w+_linux-amd64_attempt-1_\w+: .* It was uploaded by run attempt 1, .*HTTP 403: Resource not accessible by integration.* Give the merge job 'permissions: actions: read'/,
  )
  expect(refused.visibleLog).not.toContain(ApiTokens.none)
  await expect(pullAs(`${image}:latest`, 'linux/amd64')).rejects.toThrow()
  expect(service.artifacts('7007')).toHaveLength(4)

  const merge = expectSuccess(
    await runAction({ ...mergeInputs, 'github-token': ApiTokens.read }, job('7007', 'merge', 2)),
  )
  expect(merge.log).toContain('superseded by attempt 2')
  expect(merge.log).toMatch(
    /reading artifact native-multiarch_\w+_linux-amd64_attempt-1_\w+ through GitHub's REST API/,
  )
  expect(merge.log).toContain('::add-mask::' + ApiTokens.read)
  expect(merge.visibleLog).not.toContain(ApiTokens.read)
  expect((await pullAs(`${image}:latest`, 'linux/amd64')).digest).toBe(amd.outputs.digest)
  const arm = await pullAs(`${image}:latest`, 'linux/arm64')
  expect(arm.digest).toBe(arm2.outputs.digest)
  expect(arm.platformFile).toBe('linux/arm64\nattempt 2')
  // Attempt 2's record of this image is gone; attempt 1's two stay (an attempt may delete only its own), and
  // so does the other image's, for its own merge.
  expect(service.artifacts('7007')).toHaveLength(3)
  expect(service.artifacts('7007').filter(name => name.includes('_attempt-2_'))).toHaveLength(1)
  expect(merge.log).toContain(
    '2 digest record artifact(s) of earlier run attempts could not be deleted from this attempt; they stay until their retention ends',
  )
})
