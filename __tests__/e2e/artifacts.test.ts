/**
 * The default hand-off through the bundle: with `digests-path` unset on GitHub, build steps upload their
 * records as workflow artifacts and the merge finds exactly this run's records, publishes, and deletes them.
 * Runs the real @actions/artifact client (the bundle's lazily loaded chunk) against Azurite and a stand-in
 * for GitHub's results service.
 */
import { join } from 'node:path'
import { expectSuccess, runAction } from '../harness/action.js'
import { type ArtifactService, startArtifactService } from '../harness/artifact-service.js'
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
    ...service.envFor(run, jobName),
    GITHUB_ACTIONS: 'true',
    GITHUB_RUN_ID: run,
    GITHUB_RUN_ATTEMPT: String(attempt),
    GITHUB_JOB: jobName,
    RUNNER_ARCH: 'X64',
    RUNNER_TEMP: work,
  }
}

test('records travel as artifacts: a re-run leg supersedes its first attempt; the merge cleans up after itself', async () => {
  const context = join(work, 'context')
  await writeSampleContext(context, { platforms: ['linux/amd64', 'linux/arm64'] })
  const image = `${registry.host}/artifacts/app`
  const build = (platform: string, attempt: number) =>
    runAction(
      { mode: 'build', images: image, platform, builder: 'buildah', context },
      { ...storage.env, ...job('run-7', 'build', attempt) },
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
      { ...storage.env, ...job('run-7', 'build', 2) },
    ),
  )
  expect(service.artifacts('run-7')).toHaveLength(4)

  const merge = expectSuccess(
    await runAction(
      { mode: 'merge', images: image, tags: 'latest', platforms: 'linux/amd64,linux/arm64' },
      job('run-7', 'merge', 2),
    ),
  )
  expect(merge.log).toContain('superseded by attempt 2')
  expect((await pullAs(`${image}:latest`, 'linux/amd64')).digest).toBe(amd.outputs.digest)
  const arm = await pullAs(`${image}:latest`, 'linux/arm64')
  expect(arm.digest).toBe(arm2.outputs.digest)
  expect(arm.platformFile).toBe('linux/arm64\nattempt 2')
  // This image's three records are gone; the other image's record stays for its own merge.
  expect(service.artifacts('run-7')).toHaveLength(1)
})
