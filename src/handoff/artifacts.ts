import { mkdtemp, open, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Artifact, ArtifactClient, DownloadArtifactOptions, FindOptions } from '@actions/artifact'
import { shortDigest } from '../core/digest.js'
import type { Logger } from '../core/logger.js'
import { parsePlatform, platformSlug } from '../core/platform.js'
import {
  type DigestRecord,
  imagesKey,
  MaxRecordBytes,
  parseRecord,
  recordFileName,
  type RunIdentity,
  serializeRecord,
} from '../core/record.js'
import { Input } from '../settings/names.js'
import { newestAttempts } from '../core/selection.js'
import { parseRecordArtifactName, type RecordArtifactName, recordArtifactName } from './artifact-names.js'
import type { ReceivedRecord } from '../core/selection.js'
import type { StoringTransport } from './types.js'

export interface ArtifactTransportOptions {
  /** The images the merge publishes, fully qualified as records write them; only their records are listed. */
  images: string[]
  /** Tells apart two hand-offs of the same images in one run, e.g. a reusable workflow called twice. */
  key?: string
  /** This job's run; its attempt goes into uploaded names so re-runs never reuse one. */
  run: RunIdentity
  logger: Logger
  /** Leave the records in place after a successful merge, for debugging. */
  keep?: boolean
  /**
   * GitHub's REST API for this run (`github-token`), for the records of earlier run attempts: after "Re-run
   * failed jobs", the runner's artifact service has been seen to list them but not serve them to the new attempt.
   */
  api?: RunArtifactsApi
}

/** A listed artifact of this hand-off, with what its name says. */
interface NamedArtifact {
  artifact: Artifact
  name: RecordArtifactName
}

/** Where the REST API serves this run's artifacts, and the token to read them (`actions: read`). */
export interface RunArtifactsApi {
  token: string
  /** `owner/name`, as GITHUB_REPOSITORY gives it. */
  repository: string
  /** GITHUB_RUN_ID. */
  runId: number
}

/**
 * Hands digest records over as workflow artifacts of the current run, one artifact per build, named as
 * artifact-names.ts describes. @actions/artifact is loaded on first use: it is large, and only this
 * transport needs it.
 */
export function artifactTransport(options: ArtifactTransportOptions): StoringTransport {
  let client: Promise<ArtifactClient> | undefined
  const hand: Handoff = {
    options,
    hash: imagesKey(options.images, options.key),
    client: () => (client ??= import('@actions/artifact').then(module => new module.DefaultArtifactClient())),
    listed: [],
  }
  return { put: record => put(hand, record), list: () => list(hand), cleanup: () => cleanup(hand) }
}

/** One hand-off of these images in this run, as the transport's operations share it. */
interface Handoff {
  options: ArtifactTransportOptions
  /** The images-and-key part of every artifact name of this hand-off. */
  hash: string
  /** The artifact client, loaded on first use. */
  client(): Promise<ArtifactClient>
  /** What list() found of this hand-off, for cleanup(): superseded ones too. */
  listed: NamedArtifact[]
}

async function put(hand: Handoff, record: DigestRecord): Promise<string> {
  const name = recordArtifactName({
    images: record.images,
    key: hand.options.key,
    platform: record.platform,
    attempt: hand.options.run.attempt,
    digest: record.digest,
  })
  const directory = await mkdtemp(join(tmpdir(), 'native-multiarch-record-'))
  try {
    const file = join(directory, recordFileName(record))
    await writeFile(file, serializeRecord(record))
    await (await hand.client()).uploadArtifact(name, [file], directory)
  } catch (error) {
    if (artifactServiceStatus(error) === 409) {
      throw new Error(
        `Artifact ${name} already exists in this workflow run: run attempt ${hand.options.run.attempt} already handed over ` +
          `the ${record.platform} build ${record.digest} of ${record.images.join(', ')}. Build each platform once per ` +
          `run attempt; if the action runs twice for the same images in one workflow, give each call its own key.`,
      )
    }
    throw new Error(
      `Could not upload the ${record.platform} digest record as artifact ${name}: ${messageOf(error)}`,
    )
  } finally {
    await rm(directory, { recursive: true, force: true })
  }
  hand.options.logger.debug(`Uploaded the ${record.platform} digest record as artifact ${name}`)
  return `artifact ${name}`
}

async function list(hand: Handoff): Promise<ReceivedRecord[]> {
  const artifactsClient = await hand.client()
  const { artifacts } = await artifactsClient.listArtifacts({ latest: true })
  const ours = artifacts.flatMap((artifact): NamedArtifact[] => {
    const name = parseRecordArtifactName(artifact.name)
    if (name && name.imagesHash !== hand.hash) {
      hand.options.logger.debug(
        `Skipping artifact ${artifact.name}: a digest record for other images or another key`,
      )
    }
    return name?.imagesHash === hand.hash ? [{ artifact, name }] : []
  })
  hand.options.logger.info(
    `Found ${ours.length} digest record artifact(s) for these images among ${artifacts.length} in this run`,
  )
  // Only the newest attempt's per platform is downloaded: an earlier one may not even be served any more.
  const { newest, skipped } = newestAttempts(ours, hand.options.run.attempt, ({ name }) => ({
    platform: name.platform,
    run: { attempt: name.attempt },
  }))
  for (const { item, reason } of skipped)
    hand.options.logger.info(`Not reading artifact ${item.artifact.name}: ${reason}`)
  const directory = await mkdtemp(join(tmpdir(), 'native-multiarch-records-'))
  try {
    // Settled, not all: the directory is removed below, and no download may still be writing into it.
    const results = await Promise.allSettled(
      newest.flat().map((named, i) => receive(hand, artifactsClient, named, join(directory, String(i)))),
    )
    const failed = results.find(result => result.status === 'rejected')
    if (failed) throw failed.reason
    // The hand-off of these images in this run is used up once the index is out.
    hand.listed = ours
    return results.flatMap(result => (result.status === 'fulfilled' ? [result.value] : []))
  } finally {
    await rm(directory, { recursive: true, force: true })
  }
}

async function cleanup(hand: Handoff): Promise<void> {
  const found = hand.listed
  hand.listed = []
  if (found.length === 0) return
  if (hand.options.keep) {
    hand.options.logger.info(`Keeping ${found.length} digest record artifact(s), as asked`)
    return
  }
  const artifactsClient = await hand.client()
  const results = await Promise.allSettled(
    found.map(({ artifact }) => artifactsClient.deleteArtifact(artifact.name)),
  )
  let earlier = 0
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') return
    // The index is published by now; a leftover record only waits for its retention to end. An earlier
    // attempt's is expected to stay, as the artifact service may not let a later attempt touch it.
    const { artifact, name } = found[i]!
    const why = `Could not delete digest record artifact ${artifact.name}: ${messageOf(result.reason)}`
    if (name.attempt < hand.options.run.attempt) {
      earlier++
      hand.options.logger.debug(why)
    } else hand.options.logger.warning(why)
  })
  hand.options.logger.info(
    `Deleted ${results.filter(r => r.status === 'fulfilled').length} digest record artifact(s)`,
  )
  if (earlier) {
    hand.options.logger.info(
      `${earlier} digest record artifact(s) of earlier run attempts could not be deleted from this attempt; they stay until their retention ends`,
    )
  }
}

/** Downloads one record artifact into `directory` and checks that it holds what its name says. */
async function receive(
  hand: Handoff,
  artifactsClient: ArtifactClient,
  { artifact, name }: NamedArtifact,
  directory: string,
): Promise<ReceivedRecord> {
  const source = `artifact ${artifact.name}`
  const invalid = (why: string): Error =>
    new Error(`Digest record ${source} is not valid: ${why}. Re-run the build step that wrote it.`)
  // A zipped record is smaller than the record; anything larger is not ours, so don't fetch it.
  if (artifact.size > MaxRecordBytes) throw invalid(`it is ${artifact.size} bytes, more than any record`)
  const downloadOptions: DownloadArtifactOptions = artifact.digest
    ? { path: directory, expectedHash: artifact.digest }
    : { path: directory }
  let mismatch: boolean | undefined
  try {
    mismatch = (await artifactsClient.downloadArtifact(artifact.id, downloadOptions)).digestMismatch
  } catch (error) {
    const context = {
      attempt: hand.options.run.attempt,
      logger: hand.options.logger,
      ...(hand.options.api && { api: hand.options.api }),
    }
    mismatch = await fetchEarlierAttempt(artifactsClient, { artifact, name }, downloadOptions, error, context)
  }
  if (mismatch) throw invalid(`its content does not match the digest ${artifact.digest} recorded at upload`)
  const files = await readdir(directory)
  if (files.length !== 1 || !files[0]!.endsWith('.json')) {
    throw invalid(`it holds ${files.length ? files.join(', ') : 'nothing'}, expected one .json record file`)
  }
  const record = parseRecord(await readAtMost(join(directory, files[0]!), MaxRecordBytes + 1), source)
  const differences = [
    platformSlug(parsePlatform(record.platform, source)) !== name.platform && `platform ${record.platform}`,
    shortDigest(record.digest) !== name.digest && `digest ${record.digest}`,
    imagesKey(record.images, hand.options.key) !== hand.hash && `images ${record.images.join(', ')}`,
    record.run.attempt !== name.attempt && `attempt ${record.run.attempt}`,
  ].filter(Boolean)
  if (differences.length) throw invalid(`its name does not match its content (${differences.join('; ')})`)
  return { record, source }
}

/**
 * The second way to a record that the runner's artifact service would not serve: if an earlier run attempt
 * uploaded it ("Re-run failed jobs" keeps the legs that passed), GitHub's REST API reads it for the whole run.
 * A record of this attempt that failed is reported as it is; so is one with no API to ask, saying what to do.
 */
async function fetchEarlierAttempt(
  artifactsClient: ArtifactClient,
  { artifact, name }: NamedArtifact,
  downloadOptions: DownloadArtifactOptions,
  serviceError: unknown,
  context: { attempt: number; api?: RunArtifactsApi; logger: Logger },
): Promise<boolean> {
  const failed = `Could not download digest record artifact ${artifact.name}: ${sentence(messageOf(serviceError))}`
  const uploadedBy = name.attempt
  if (uploadedBy >= context.attempt) throw new Error(`${failed}.`)
  const why = `It was uploaded by run attempt ${uploadedBy}, and the artifact service did not serve it to attempt ${context.attempt}`
  if (!context.api) {
    throw new Error(
      `${failed}. ${why}; set input '${Input.GithubToken}' to a token with 'actions: read' to read it through ` +
        `the REST API, or re-run all jobs.`,
    )
  }
  const [repositoryOwner = '', repositoryName = ''] = context.api.repository.split('/')
  const findBy: FindOptions['findBy'] = {
    token: context.api.token,
    workflowRunId: context.api.runId,
    repositoryOwner,
    repositoryName,
  }
  context.logger.info(`${why}: reading artifact ${artifact.name} through GitHub's REST API`)
  try {
    const { digestMismatch } = await artifactsClient.downloadArtifact(artifact.id, {
      ...downloadOptions,
      findBy,
    })
    return digestMismatch ?? false
  } catch (error) {
    // Octokit's errors carry the HTTP status and GitHub's message.
    const status = (error as { status?: unknown }).status
    const message = sentence(messageOf(error))
    const answer = typeof status === 'number' ? `HTTP ${status}: ${message}` : message
    const hint =
      status === 403 && /not accessible/i.test(message)
        ? ` Give the merge job 'permissions: actions: read' (with the default '${Input.GithubToken}'), or pass a token that has it.`
        : status === 401
          ? ` The token in '${Input.GithubToken}' was not accepted: is it valid and unexpired?`
          : ''
    throw new Error(`${failed}. ${why}, and reading it through the REST API failed too: ${answer}.${hint}`)
  }
}

/** The first `bytes` bytes of a file as text: enough for parseRecord to refuse an oversized one. */
async function readAtMost(file: string, bytes: number): Promise<string> {
  const handle = await open(file)
  try {
    const buffer = Buffer.alloc(bytes)
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0)
    return buffer.subarray(0, bytesRead).toString('utf8')
  } finally {
    await handle.close()
  }
}

/** A message to go inside a sentence: without the full stop some messages end with. */
function sentence(message: string): string {
  return message.replace(/\.+$/, '')
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * The HTTP status the artifact service answered, as far as @actions/artifact tells it: its Twirp client
 * reports a failed request only as text (`Failed request: (409) Conflict`), with no status field to read.
 * This is the one place that reads it, so a client that gains a field changes only here.
 */
function artifactServiceStatus(error: unknown): number | undefined {
  const status =
    /Failed request: \((\d{3})\)/.exec(messageOf(error))?.[1] ?? /\((\d{3})\)/.exec(messageOf(error))?.[1]
  return status === undefined ? undefined : Number(status)
}
