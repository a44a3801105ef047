import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sha256Digest } from '../../src/core/digest.js'
import type { Logger } from '../../src/core/logger.js'
import { MediaType } from '../../src/core/media-types.js'
import { parsePlatform } from '../../src/core/platform.js'
import { type DigestRecord, makeRecord, serializeRecord } from '../../src/core/record.js'
import { parseRepository } from '../../src/core/reference.js'
import { recordArtifactName } from '../../src/handoff/artifact-names.js'
import { artifactTransport, type ArtifactTransportOptions } from '../../src/handoff/artifacts.js'
import {
  ApiRepository,
  ApiTokens,
  type ArtifactService,
  startArtifactService,
} from '../harness/artifact-service.js'
import { testHoldingStdout } from '../harness/held-stdout.js'

// The artifact client writes a ::debug:: line per request: each test shows them only if it fails.
const test = testHoldingStdout

const App = ['ghcr.io/acme/app', 'docker.io/acme/app']
const Other = ['ghcr.io/acme/other']

let service: ArtifactService
const savedEnv = { ...process.env }

beforeAll(async () => {
  service = await startArtifactService()
  // Before @actions/artifact is first imported: @actions/github reads the API's address once, on import.
  process.env.GITHUB_API_URL = service.apiUrl
})

afterAll(async () => {
  process.env = savedEnv
  await service?.stop()
})

/** Makes the following calls run as job `job` of workflow run `run`, as a runner would set them up. */
function asJob(run: string, job: string, attempt = 1): void {
  Object.assign(process.env, service.envFor(run, job, attempt))
}

function record(
  platform: string,
  options: { images?: string[]; attempt?: number; build?: string } = {},
): DigestRecord {
  const digest = sha256Digest(Buffer.from(`${platform} ${options.build ?? 'build 1'}`))
  const pushed = { mediaType: MediaType.OciManifest, digest, size: 1234 }
  return makeRecord({
    images: (options.images ?? App).map(image => parseRepository(image, 'test')),
    platform: parsePlatform(platform, 'test'),
    pushed,
    manifests: [{ ...pushed, platform: parsePlatform(platform, 'test') }],
    run: { id: '4242', attempt: options.attempt ?? 1, job: 'build' },
    builder: 'buildah',
  })
}

function transport(options: Partial<ArtifactTransportOptions> & { attempt?: number } = {}) {
  const logs: string[] = []
  const logger: Logger = {
    debug: message => logs.push(`debug: ${message}`),
    info: message => logs.push(`info: ${message}`),
    warning: message => logs.push(`warning: ${message}`),
  }
  const { attempt = 1, ...rest } = options
  return {
    logs,
    ...artifactTransport({ images: App, run: { id: '4242', attempt, job: 'build' }, logger, ...rest }),
  }
}

/** Puts `record` from its own matrix leg of `run`, as that leg's build step would. */
async function putAs(
  run: string,
  leg: string,
  put: DigestRecord,
  options: Parameters<typeof transport>[0] = {},
) {
  asJob(run, leg, put.run.attempt)
  return (await transport({ attempt: put.run.attempt, ...options }).put(put)).replace(/^artifact /, '')
}

/** Uploads an artifact by hand, for content our put() would never write. */
async function uploadRaw(run: string, name: string, fileName: string, content: string): Promise<void> {
  asJob(run, 'intruder')
  const dir = await mkdtemp(join(tmpdir(), 'raw-artifact-'))
  try {
    await writeFile(join(dir, fileName), content)
    const { DefaultArtifactClient } = await import('@actions/artifact')
    await new DefaultArtifactClient().uploadArtifact(name, [join(dir, fileName)], dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const summary = (received: { record: DigestRecord; source: string }[]) =>
  received.map(r => `${r.record.platform} attempt ${r.record.run.attempt}`).sort()

test('two matrix legs hand over their records and the merge lists exactly those two', async () => {
  const amd64 = await putAs('legs', 'build-amd64', record('linux/amd64'))
  const arm64 = await putAs('legs', 'build-arm64', record('linux/arm64'))
  expect(service.artifacts('legs')).toEqual([amd64, arm64].sort())

  asJob('legs', 'merge')
  const received = await transport().list()
  expect(received.map(r => r.source).sort()).toEqual([`artifact ${amd64}`, `artifact ${arm64}`].sort())
  expect(received.map(r => r.record).sort((a, b) => a.platform.localeCompare(b.platform))).toEqual([
    record('linux/amd64'),
    record('linux/arm64'),
  ])
})

test('records of another images set in the same run, and unrelated artifacts, are not picked up', async () => {
  await putAs('two-images', 'build-amd64', record('linux/amd64'))
  await putAs('two-images', 'build-amd64', record('linux/amd64', { images: Other }), { images: Other })
  await putAs('two-images', 'build-arm64', record('linux/arm64', { images: Other }), { images: Other })
  // Neither is a record: a prefix or a longer name must not be taken for one (and would not parse).
  const ours = recordArtifactName({
    images: App,
    platform: 'linux/arm64',
    attempt: 1,
    digest: record('linux/arm64').digest,
  })
  await uploadRaw('two-images', `${ours}-logs`, 'log.txt', 'not a record')
  await uploadRaw('two-images', 'native-multiarch', 'log.txt', 'not a record')

  asJob('two-images', 'merge')
  expect(summary(await transport().list())).toEqual(['linux/amd64 attempt 1'])
  expect(summary(await transport({ images: Other }).list())).toEqual([
    'linux/amd64 attempt 1',
    'linux/arm64 attempt 1',
  ])
})

/** The REST API of run `runId` (numeric, as GITHUB_RUN_ID is) with one of the stand-in's tokens. */
const api = (runId: number, token: string = ApiTokens.read, repository = ApiRepository) => ({
  token,
  repository,
  runId,
})

/** Attempt 1 builds amd64 and arm64, "Re-run failed jobs" builds arm64 again as attempt 2; returns the names. */
async function rerun(run: string) {
  const amd64 = await putAs(run, 'build-amd64', record('linux/amd64'))
  const arm64First = await putAs(run, 'build-arm64', record('linux/arm64'))
  // A reproducible build pushes the same digest again: the attempt alone must keep the names apart.
  const arm64Second = await putAs(run, 'build-arm64', record('linux/arm64', { attempt: 2 }))
  expect(arm64Second).not.toBe(arm64First)
  return { amd64, arm64First, arm64Second }
}

test('after "Re-run failed jobs", the leg that passed is read through the REST API; the superseded one not at all', async () => {
  const { amd64, arm64First } = await rerun('5001')
  asJob('5001', 'merge', 2)
  const merge = transport({ attempt: 2, api: api(5001) })
  expect(summary(await merge.list())).toEqual(['linux/amd64 attempt 1', 'linux/arm64 attempt 2'])
  expect(merge.logs.filter(line => line.includes("through GitHub's REST API"))).toEqual([
    `info: It was uploaded by run attempt 1, and the artifact service did not serve it to attempt 2: reading artifact ${amd64} through GitHub's REST API`,
  ])
  expect(merge.logs).toContain(
    `info: Not reading artifact ${arm64First}: attempt 1 was superseded by attempt 2`,
  )
})

test('a record of this attempt that the service refuses is reported as it is, not fetched through the REST API', async () => {
  // The name says attempt 2, but attempt 1's job uploaded it: the service refuses it to attempt 2.
  asJob('5005', 'build-amd64', 1)
  const put = await transport({ attempt: 2 }).put(record('linux/amd64', { attempt: 2 }))
  const name = put.replace(/^artifact /, '')
  asJob('5005', 'merge', 2)
  const merge = transport({ attempt: 2, api: api(5005) })
  await expect(merge.list()).rejects.toThrow(
    new RegExp(`^Could not download digest record artifact ${name}: [^\\n]*workflow run not found\\.$`),
  )
  expect(merge.logs.filter(line => line.includes('REST API'))).toEqual([])
})

test('"Re-run all jobs" after a failed merge: the first attempt\'s records are passed over, not downloaded', async () => {
  await putAs('5006', 'build-amd64', record('linux/amd64'))
  await putAs('5006', 'build-arm64', record('linux/arm64'))
  await putAs('5006', 'build-amd64', record('linux/amd64', { attempt: 2, build: 'again' }))
  await putAs('5006', 'build-arm64', record('linux/arm64', { attempt: 2, build: 'again' }))
  asJob('5006', 'merge', 2)
  // No token: nothing of attempt 1 may need one.
  const merge = transport({ attempt: 2 })
  expect(summary(await merge.list())).toEqual(['linux/amd64 attempt 2', 'linux/arm64 attempt 2'])
  expect(merge.logs.filter(line => line.includes('superseded by attempt 2'))).toHaveLength(2)
})

test("the REST API is asked for the run's own repository: another one answers 404, and the error says so", async () => {
  await rerun('5007')
  asJob('5007', 'merge', 2)
  const elsewhere = transport({ attempt: 2, api: api(5007, ApiTokens.read, 'acme/elsewhere') })
  await expect(elsewhere.list()).rejects.toThrow(
    /reading it through the REST API failed too: HTTP 404: Not Found - https:\/\/docs\.github\.com\/rest\.$/,
  )
})

test("without a token, an earlier attempt's record is an error that says what to do", async () => {
  const { amd64 } = await rerun('5002')
  asJob('5002', 'merge', 2)
  await expect(transport({ attempt: 2 }).list()).rejects.toThrow(
    new RegExp(
      `^Could not download digest record artifact (${amd64}|\\S+attempt-1\\S+): .*workflow run not found.*\\. It was uploaded by run attempt 1, .*; set input 'github-token' to a token with 'actions: read' to read it through the REST API, or re-run all jobs\\.$`,
    ),
  )
})

test('a token without actions: read gets the permission named; one not accepted at all is called so', async () => {
  await rerun('5003')
  asJob('5003', 'merge', 2)
  await expect(transport({ attempt: 2, api: api(5003, ApiTokens.none) }).list()).rejects.toThrow(
    /reading it through the REST API failed too: HTTP 403: Resource not accessible by integration - https:\/\/docs\.github\.com\/rest\. Give the merge job 'permissions: actions: read' \(with the default 'github-token'\), or pass a token that has it\.$/,
  )
  await expect(transport({ attempt: 2, api: api(5003, 'ghs_expired') }).list()).rejects.toThrow(
    /failed too: HTTP 401: Bad credentials - https:\/\/docs\.github\.com\/rest\. The token in 'github-token' was not accepted: is it valid and unexpired\?$/,
  )
})

test("cleanup after a re-run deletes this attempt's records and says why earlier ones stay", async () => {
  const { amd64, arm64First, arm64Second } = await rerun('5004')
  asJob('5004', 'merge', 2)
  const merge = transport({ attempt: 2, api: api(5004) })
  expect(await merge.list()).toHaveLength(2)
  await merge.cleanup()
  expect(service.artifacts('5004')).toEqual([amd64, arm64First].sort())
  expect(service.artifacts('5004')).not.toContain(arm64Second)
  expect(merge.logs).toContain('info: Deleted 1 digest record artifact(s)')
  expect(merge.logs).toContain(
    'info: 2 digest record artifact(s) of earlier run attempts could not be deleted from this attempt; they stay until their retention ends',
  )
  expect(merge.logs.filter(line => line.startsWith('warning:'))).toEqual([])
})

test('records handed over under another key are not picked up', async () => {
  await putAs('keys', 'build-amd64', record('linux/amd64'), { key: 'first' })
  await putAs('keys', 'build-amd64', record('linux/amd64', { build: 'second' }), { key: 'second' })

  asJob('keys', 'merge')
  const first = await transport({ key: 'first' }).list()
  expect(first.map(r => r.record.digest)).toEqual([record('linux/amd64').digest])
  const second = await transport({ key: 'second' }).list()
  expect(second.map(r => r.record.digest)).toEqual([record('linux/amd64', { build: 'second' }).digest])
  expect(await transport().list()).toEqual([])
})

test("another workflow run's records are not seen", async () => {
  await putAs('run-a', 'build-amd64', record('linux/amd64'))
  asJob('run-b', 'merge')
  expect(await transport().list()).toEqual([])
})

test('names never collide across legs, attempts, image sets and keys; a real collision is refused', async () => {
  const names: string[] = []
  for (const images of [App, Other]) {
    for (const key of [undefined, 'called-twice']) {
      for (const attempt of [1, 2]) {
        for (const platform of ['linux/amd64', 'linux/arm64', 'linux/arm/v7']) {
          // The stand-in refuses a name already used in the run, as GitHub does: any collision fails here.
          names.push(
            await putAs('matrix', `build-${platform}`, record(platform, { images, attempt }), {
              images,
              key,
            }),
          )
        }
      }
    }
  }
  expect(new Set(names).size).toBe(24)
  expect(service.artifacts('matrix')).toEqual([...names].sort())

  // The same leg handing over twice in one attempt is the one true collision, and it is reported as such.
  await expect(putAs('matrix', 'build-linux/amd64', record('linux/amd64'))).rejects.toThrow(
    /^Artifact native-multiarch_\w+_linux-amd64_attempt-1_\w+ already exists in this workflow run: run attempt 1 already handed over the linux\/amd64 build sha256:/,
  )
  expect(service.artifacts('matrix')).toHaveLength(24)
})

test('cleanup deletes exactly the artifacts list returned', async () => {
  await putAs('cleanup', 'build-amd64', record('linux/amd64'))
  await putAs('cleanup', 'build-arm64', record('linux/arm64'))
  const other = await putAs('cleanup', 'build-amd64', record('linux/amd64', { images: Other }), {
    images: Other,
  })

  asJob('cleanup', 'merge')
  const merge = transport()
  expect(await merge.list()).toHaveLength(2)
  // Uploaded after the merge looked: not part of what it published, so not its to delete.
  const late = await putAs('cleanup', 'build-riscv64', record('linux/riscv64'))
  asJob('cleanup', 'merge')
  await merge.cleanup()
  expect(service.artifacts('cleanup')).toEqual([other, late].sort())
  expect(merge.logs).toContain('info: Deleted 2 digest record artifact(s)')
})

test('cleanup keeps the artifacts when asked to', async () => {
  const amd64 = await putAs('keep', 'build-amd64', record('linux/amd64'))
  asJob('keep', 'merge')
  const merge = transport({ keep: true })
  expect(await merge.list()).toHaveLength(1)
  await merge.cleanup()
  expect(service.artifacts('keep')).toEqual([amd64])
})

test('a corrupt record is an error that names the artifact', async () => {
  const name = recordArtifactName({
    images: App,
    platform: 'linux/arm64',
    attempt: 1,
    digest: record('linux/arm64').digest,
  })
  await uploadRaw('corrupt', name, 'linux-arm64.json', '{"schema": "native-multiarch/digest-record", ')

  asJob('corrupt', 'merge')
  await expect(transport().list()).rejects.toThrow(
    `Digest record artifact ${name} is not valid: it is not JSON (`,
  )
})

test('a record whose content disagrees with its artifact name is refused', async () => {
  const arm64 = record('linux/arm64')
  const name = recordArtifactName({ images: App, platform: 'linux/arm64', attempt: 1, digest: arm64.digest })
  await uploadRaw('mislabelled', name, 'linux-amd64.json', serializeRecord(record('linux/amd64')))

  asJob('mislabelled', 'merge')
  await expect(transport().list()).rejects.toThrow(
    `Digest record artifact ${name} is not valid: its name does not match its content (platform linux/amd64; digest ${record('linux/amd64').digest}).`,
  )
})

test('a record whose attempt disagrees with its artifact name is refused', async () => {
  const amd64 = record('linux/amd64', { attempt: 2 })
  const name = recordArtifactName({ images: App, platform: 'linux/amd64', attempt: 1, digest: amd64.digest })
  await uploadRaw('wrong-attempt', name, 'linux-amd64.json', serializeRecord(amd64))

  asJob('wrong-attempt', 'merge')
  await expect(transport().list()).rejects.toThrow(
    `Digest record artifact ${name} is not valid: its name does not match its content (attempt 2).`,
  )
})
