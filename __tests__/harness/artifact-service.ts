import { mkdir } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  BlobSASPermissions,
  BlobServiceClient,
  generateBlobSASQueryParameters,
  SASProtocol,
  StorageSharedKeyCredential,
} from '@azure/storage-blob'
import { type Daemon, freePort, removeTree, startDaemon, tempDir, waitForHttp } from './processes.js'

/**
 * GitHub's artifact service, locally: Azurite stores the blobs, and a small HTTP server answers the Twirp JSON
 * calls of the results service (what @actions/artifact talks to on a runner) with SAS URLs into Azurite, and the
 * REST API call that downloads an artifact with a token (`findBy`). The real @actions/artifact client runs against it
 * unchanged.
 *
 * Run attempts behave as GitHub has been seen to treat them after "Re-run failed jobs": each attempt has its own
 * backend run id; ListArtifacts shows the artifacts of every attempt of the run, but GetSignedArtifactURL signs
 * only the caller's own attempt's ("workflow run not found" otherwise). The REST API serves the whole run of
 * ApiRepository to a token with `actions: read` (ApiTokens.read); ApiTokens.none gets 403 as a job without that
 * permission does, any other token 401.
 */
export interface ArtifactService {
  /** What a runner gives a job of the default run ('run-1', job 'job-1'): set it in process.env. */
  env: Record<string, string>
  /** The same for another job of a run, or a job of another workflow run; `attempt` defaults to 1. */
  envFor(run: string, job: string, attempt?: number): Record<string, string>
  /** The REST API's base URL (GITHUB_API_URL); @actions/github reads it once, when it is first imported. */
  apiUrl: string
  /** Names of the uploaded (finalized) artifacts of one run, or of all runs, sorted. */
  artifacts(run?: string): string[]
  stop(): Promise<void>
}

// Azurite's well-known development account (https://learn.microsoft.com/azure/storage/common/storage-use-azurite).
const Account = 'devstoreaccount1'
const AccountKey = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
const Container = 'actions-results'
const TwirpPrefix = '/twirp/github.actions.results.api.v1.ArtifactService/'
const Azurite = fileURLToPath(new URL('../../node_modules/.bin/azurite-blob', import.meta.url))

/** Tokens the REST API stand-in knows: one with `actions: read`, one without. */
export const ApiTokens = { read: 'ghs_test-actions-read', none: 'ghs_test-no-actions-permission' } as const

/** The one repository the REST API stand-in serves (GITHUB_REPOSITORY); any other is 404, as GitHub answers. */
export const ApiRepository = 'acme/app'

interface StoredArtifact {
  id: number
  run: string
  /** The backend run id of the attempt that uploaded it. */
  backend: string
  job: string
  name: string
  blob: string
  size: number
  digest?: string
  createdAt: Date
  finalized: boolean
}

class TwirpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** Starts Azurite and the results-service stand-in on free loopback ports. */
export async function startArtifactService(): Promise<ArtifactService> {
  const dir = await tempDir('artifact-service-')
  let azurite: Daemon | undefined
  let server: Server | undefined
  const stop = async (): Promise<void> => {
    if (server) {
      const closed = new Promise(resolve => server!.close(resolve))
      server.closeAllConnections()
      await closed
    }
    await azurite?.stop()
    await removeTree(dir)
  }
  try {
    const blobPort = await freePort()
    await mkdir(join(dir, 'blobs'))
    azurite = await startDaemon(
      'azurite-blob',
      Azurite,
      [
        ...['--blobHost', '127.0.0.1', '--blobPort', String(blobPort), '--location', join(dir, 'blobs')],
        ...['--skipApiVersionCheck', '--silent', '--disableTelemetry'],
      ],
      { logDir: dir },
    )
    const blobEndpoint = `http://127.0.0.1:${blobPort}/${Account}`
    await waitForHttp(blobEndpoint, 30_000, azurite)
    const credential = new StorageSharedKeyCredential(Account, AccountKey)
    const container = new BlobServiceClient(blobEndpoint, credential).getContainerClient(Container)
    await container.createIfNotExists()

    const artifacts: StoredArtifact[] = []
    let nextId = 1
    const signedUrl = (artifact: StoredArtifact, permissions: string): string => {
      const sas = generateBlobSASQueryParameters(
        {
          containerName: Container,
          blobName: artifact.blob,
          permissions: BlobSASPermissions.parse(permissions),
          expiresOn: new Date(Date.now() + 60 * 60 * 1000),
          protocol: SASProtocol.HttpsAndHttp,
        },
        credential,
      )
      return `${blobEndpoint}/${Container}/${artifact.blob.split('/').map(encodeURIComponent).join('/')}?${sas}`
    }
    const handlers: Record<string, (body: Body, scope: Scope) => Promise<object> | object> = {
      CreateArtifact(body, scope) {
        const name = requireName(body)
        if (artifacts.some(a => a.run === scope.run && a.name === name)) {
          throw new TwirpError(
            409,
            'already_exists',
            'an artifact with this name already exists on the workflow run',
          )
        }
        const id = nextId++
        const artifact: StoredArtifact = {
          id,
          run: scope.run,
          backend: scope.backend,
          job: scope.job,
          name,
          blob: `${scope.run}/${scope.job}/${id}/${name}.zip`,
          size: 0,
          createdAt: new Date(),
          finalized: false,
        }
        artifacts.push(artifact)
        return { ok: true, signed_upload_url: signedUrl(artifact, 'cw') }
      },
      FinalizeArtifact(body, scope) {
        const artifact = find(scope, requireName(body), false)
        artifact.finalized = true
        artifact.size = Number(body.size ?? 0)
        if (typeof body.hash === 'string') artifact.digest = body.hash
        return { ok: true, artifact_id: String(artifact.id) }
      },
      ListArtifacts(body, scope) {
        const matches = artifacts.filter(
          a =>
            a.run === scope.run &&
            a.finalized &&
            (body.name_filter === undefined || a.name === body.name_filter) &&
            (body.id_filter === undefined || String(a.id) === String(body.id_filter)),
        )
        return {
          artifacts: matches.map(a => ({
            workflow_run_backend_id: a.backend,
            workflow_job_run_backend_id: a.job,
            database_id: String(a.id),
            name: a.name,
            size: String(a.size),
            created_at: a.createdAt.toISOString(),
            ...(a.digest ? { digest: a.digest } : {}),
          })),
        }
      },
      GetSignedArtifactURL(body, scope) {
        return { signed_url: signedUrl(find(scope, requireName(body), true), 'r') }
      },
      async DeleteArtifact(body, scope) {
        const artifact = find(scope, requireName(body), true)
        artifacts.splice(artifacts.indexOf(artifact), 1)
        await container.getBlobClient(artifact.blob).deleteIfExists()
        return { ok: true, artifact_id: String(artifact.id) }
      },
    }
    const find = (scope: Scope, name: string, finalized: boolean): StoredArtifact => {
      const artifact = artifacts.find(
        a => a.run === scope.run && a.name === name && a.finalized === finalized,
      )
      if (!artifact) throw new TwirpError(404, 'not_found', `artifact ${name} not found`)
      return artifact
    }

    /** GET /repos/{owner}/{repo}/actions/artifacts/{id}/zip: what @actions/artifact's `findBy` download calls. */
    const rest = (request: IncomingMessage, response: ServerResponse): boolean => {
      const path = new URL(request.url ?? '', 'http://stand-in').pathname
      const zip = /^\/repos\/([^/]+\/[^/]+)\/actions\/artifacts\/(\d+)\/zip$/.exec(path)
      if (request.method !== 'GET' || !zip) return false
      const token = /^(?:token|Bearer) (.+)$/.exec(request.headers.authorization ?? '')?.[1]
      const [status, message] =
        token === ApiTokens.none
          ? [403, 'Resource not accessible by integration']
          : token !== ApiTokens.read
            ? [401, 'Bad credentials']
            : decodeURIComponent(zip[1]!) !== ApiRepository
              ? [404, 'Not Found']
              : [200, '']
      const artifact = artifacts.find(a => a.id === Number(zip[2]) && a.finalized)
      if (status === 200 && artifact) response.writeHead(302, { Location: signedUrl(artifact, 'r') }).end()
      else {
        const answer = status === 200 ? 404 : status
        reply(response, answer, {
          message: message || 'Not Found',
          documentation_url: 'https://docs.github.com/rest',
          status: String(answer),
        })
      }
      return true
    }

    server = createServer((request, response) => {
      if (rest(request, response)) return
      serve(request, handlers)
        .then(body => reply(response, 200, body))
        .catch(error =>
          error instanceof TwirpError
            ? reply(response, error.status, { code: error.code, msg: error.message })
            : reply(response, 500, { code: 'internal', msg: String(error) }),
        )
    })
    await new Promise<void>(resolve => server!.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    if (!address || typeof address === 'string') throw new Error('The results service has no TCP address')
    const resultsUrl = `http://127.0.0.1:${address.port}/`
    const apiUrl = `http://127.0.0.1:${address.port}`
    const envFor = (run: string, job: string, attempt = 1): Record<string, string> => ({
      ACTIONS_RUNTIME_TOKEN: runtimeToken(`${run}${AttemptSeparator}${attempt}`, job),
      ACTIONS_RESULTS_URL: resultsUrl,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_API_URL: apiUrl,
    })
    return {
      env: envFor('run-1', 'job-1'),
      envFor,
      apiUrl,
      artifacts: run =>
        artifacts
          .filter(a => a.finalized && (run === undefined || a.run === run))
          .map(a => a.name)
          .sort(),
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

type Body = Record<string, unknown>
interface Scope {
  /** The workflow run, shared by its attempts. */
  run: string
  /** The backend run id of the caller's attempt: `<run>.<attempt>`. */
  backend: string
  job: string
}

const AttemptSeparator = '.'

/** Runs one Twirp call: the token's run must be the run the request names, as on GitHub. */
async function serve(
  request: IncomingMessage,
  handlers: Record<string, (body: Body, scope: Scope) => Promise<object> | object>,
): Promise<object> {
  const url = request.url ?? ''
  const handler = url.startsWith(TwirpPrefix) ? handlers[url.slice(TwirpPrefix.length)] : undefined
  if (request.method !== 'POST' || !handler) throw new TwirpError(404, 'bad_route', `no handler for ${url}`)
  const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1]
  const scope = token ? scopeOf(token) : undefined
  if (!scope) throw new TwirpError(401, 'unauthenticated', 'no valid runtime token')
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Body
  if (body.workflow_run_backend_id !== scope.backend)
    throw new TwirpError(404, 'not_found', 'workflow run not found')
  return handler(body, scope)
}

function reply(response: ServerResponse, status: number, body: object): void {
  response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body))
}

function requireName(body: Body): string {
  if (typeof body.name !== 'string' || !body.name)
    throw new TwirpError(400, 'invalid_argument', 'name is required')
  return body.name
}

/** An unsigned JWT with the scope claim @actions/artifact reads the run and job backend ids from. */
function runtimeToken(run: string, job: string): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ scp: `Actions.GenericRead:0 Actions.Results:${run}:${job}` })}.`
}

function scopeOf(token: string): Scope | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      scp?: string
    }
    const results = payload.scp?.split(' ').find(scope => scope.startsWith('Actions.Results:'))
    const [, backend, job] = results?.split(':') ?? []
    const separator = backend?.lastIndexOf(AttemptSeparator) ?? -1
    if (!backend || !job || separator < 1) return undefined
    return { run: backend.slice(0, separator), backend, job }
  } catch {
    return undefined
  }
}
