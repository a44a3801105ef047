import type { Descriptor } from '../core/descriptor.js'
import { isDigest } from '../core/digest.js'
import { ManifestMediaTypes, MaxManifestBytes } from '../core/media-types.js'
import { formatReference, formatRepository, isValidTag, type Repository } from '../core/reference.js'
import { checkDigest } from './content.js'
import { parseErrorBody } from './error-body.js'
import { RegistryError, type RegistryAnswer, registryErrorOf } from './errors.js'
import { discardBody, readBody } from './http.js'
import { header, readErrorBody, type RegistryCall, type RequestCore } from './request.js'
import type { Manifest, RegistryClient } from './types.js'

/** Content types some registries answer with instead of the manifest's own; the bytes' `mediaType` then decides. */
const GenericContentTypes = new Set(['', 'application/json', 'application/octet-stream', 'text/plain'])

/** Codes of a manifest PUT whose children the registry does not show yet. */
const LagCodes = ['MANIFEST_BLOB_UNKNOWN', 'BLOB_UNKNOWN']

type ManifestOperations = Pick<RegistryClient, 'headManifest' | 'getManifest' | 'putManifest'>

/** Manifests by tag or digest: HEAD (a GET where HEAD is not implemented), GET, and PUT. */
export function manifestOperations(core: RequestCore): ManifestOperations {
  return {
    async headManifest(repository, reference, options) {
      if (!options?.pushed) return headManifest(core, repository, reference)
      const path = core.apiUrl(repository, `manifests/${reference}`).pathname
      const target = { host: repository.registry, method: 'HEAD', path }
      const notThere = new RegistryError(`${referenceName(repository, reference)} was not found`, {
        ...target,
        registry: repository.registry,
        status: 404,
      })
      const what = `${referenceName(repository, reference)} is not there yet`
      return core
        .waitOutLag(
          what,
          target,
          error => error === notThere,
          async () => {
            const found = await headManifest(core, repository, reference)
            if (!found) throw notThere
            return found
          },
        )
        .catch(error => {
          if (error === notThere) return undefined
          throw error
        })
    },

    getManifest: (repository, reference) => getManifest(core, repository, reference),

    async putManifest(repository, reference, bytes, mediaType) {
      const name = referenceName(repository, reference)
      if (bytes.length > MaxManifestBytes) {
        throw new Error(
          `The manifest for ${name} is ${bytes.length} bytes, over the ${MaxManifestBytes} registries accept.`,
        )
      }
      const digest = checkDigest(bytes, isDigest(reference) ? reference : undefined, name, 'The caller')
      const call: RegistryCall = {
        repository,
        method: 'PUT',
        url: manifestUrl(core, repository, reference),
        headers: { 'Content-Type': mediaType, 'Content-Length': String(bytes.length) },
        body: bytes,
        push: true,
        expectedStatuses: [200, 201, 204],
      }
      const put = () =>
        core.request(call, async response => {
          await discardBody(response)
          const stored = header(response, 'docker-content-digest')
          if (stored && stored !== digest) {
            throw new Error(
              `Registry ${repository.registry} stored the manifest for ${name} as ${stored}, but the bytes sent have digest ${digest}.`,
            )
          }
          return digest
        })
      const target = { host: repository.registry, method: 'PUT', path: call.url.pathname }
      const isLag = (error: unknown) => registryErrorOf(error)?.hasCode(...LagCodes) === true
      return core.waitOutLag(
        `${name}: the registry does not show the manifest's children yet`,
        target,
        isLag,
        put,
      )
    },
  }
}

/** One manifest HEAD (a GET where HEAD is not implemented): the descriptor, or undefined on 404. */
async function headManifest(
  core: RequestCore,
  repository: Repository,
  reference: string,
): Promise<Descriptor | undefined> {
  if (core.hosts.lacksManifestHead(repository.registry)) return headByGet(core, repository, reference)
  const call = {
    ...manifestCall(core, repository, reference, 'HEAD'),
    expectedStatuses: [200, 404, 405, 501],
  }
  const descriptor = await core.request(call, async response => {
    await discardBody(response)
    if (response.status === 405 || response.status === 501) return 'no-head' as const
    if (response.status === 404) return null
    const digest = header(response, 'docker-content-digest')
    const mediaType = mediaTypeOf(header(response, 'content-type'))
    const size = Number(header(response, 'content-length'))
    if (
      !digest ||
      !isDigest(digest) ||
      GenericContentTypes.has(mediaType) ||
      !Number.isSafeInteger(size) ||
      size <= 0
    )
      return undefined
    if (isDigest(reference) && digest !== reference) {
      throw new Error(
        `Registry ${repository.registry} answered HEAD ${referenceName(repository, reference)} with digest ${digest}.`,
      )
    }
    return { mediaType, digest, size } satisfies Descriptor
  })
  if (descriptor === null) return undefined
  if (descriptor === 'no-head') {
    // Older Nexus and some pull-through caches: existence is checked with GET there, as containerd does.
    if (core.hosts.learnNoManifestHead(repository.registry)) {
      core.logger.info(
        `Registry ${repository.registry} does not answer manifest HEAD requests; checking with GET there from now on.`,
      )
    }
    return headByGet(core, repository, reference)
  }
  // Some registries leave out what HEAD should say; the manifest itself settles it.
  return descriptor ?? (await getManifest(core, repository, reference)).descriptor
}

async function headByGet(core: RequestCore, repository: Repository, reference: string) {
  const found = await findManifest(core, repository, reference)
  return 'bytes' in found ? found.descriptor : undefined
}

async function getManifest(core: RequestCore, repository: Repository, reference: string): Promise<Manifest> {
  const found = await findManifest(core, repository, reference)
  if ('bytes' in found) return found
  const name = referenceName(repository, reference)
  throw new RegistryError(
    `Manifest ${name} was not found (HTTP 404${found.detail ? `: ${found.detail}` : ''}).`,
    found.answer,
  )
}

/** GET a manifest: its bytes and descriptor, or what the registry said when it has none (404). */
async function findManifest(
  core: RequestCore,
  repository: Repository,
  reference: string,
): Promise<Manifest | { answer: RegistryAnswer; detail: string }> {
  const name = referenceName(repository, reference)
  const call = manifestCall(core, repository, reference, 'GET')
  return core.request(call, async response => {
    if (response.status === 404) {
      const { codes, detail } = parseErrorBody(await readErrorBody(response))
      const path = call.url.pathname
      return { answer: { registry: repository.registry, method: 'GET', path, status: 404, codes }, detail }
    }
    const bytes = await readBody(response, MaxManifestBytes, `The manifest ${name}`)
    let parsed: { mediaType?: unknown }
    try {
      parsed = JSON.parse(bytes.toString('utf8'))
    } catch {
      throw new Error(
        `Registry ${repository.registry}: GET ${call.url.pathname} answered with a body that is not JSON; expected the manifest ${name}.`,
      )
    }
    const announced = header(response, 'docker-content-digest')
    const expected = isDigest(reference) ? reference : announced
    const digest = checkDigest(bytes, expected, name, `Registry ${repository.registry}`)
    const contentType = mediaTypeOf(header(response, 'content-type'))
    const mediaType =
      GenericContentTypes.has(contentType) && typeof parsed.mediaType === 'string'
        ? parsed.mediaType
        : contentType
    if (!mediaType)
      throw new Error(`Registry ${repository.registry} sent the manifest ${name} without a media type.`)
    return { descriptor: { mediaType, digest, size: bytes.length }, bytes }
  })
}

/** HEAD or GET with the full `Accept` list: ACR and GHCR answer 404 when it lacks the stored type. */
function manifestCall(
  core: RequestCore,
  repository: Repository,
  reference: string,
  method: 'HEAD' | 'GET',
): RegistryCall {
  return {
    repository,
    method,
    url: manifestUrl(core, repository, reference),
    headers: { Accept: ManifestMediaTypes.join(', ') },
    push: false,
    expectedStatuses: [200, 404],
  }
}

function manifestUrl(core: RequestCore, repository: Repository, reference: string): URL {
  return core.apiUrl(repository, `manifests/${checkReference(repository, reference)}`)
}

/** `ghcr.io/acme/app:1.0` or `ghcr.io/acme/app@sha256:...`, for messages. */
function referenceName(repository: Repository, reference: string): string {
  return formatReference({
    repository,
    ...(isDigest(reference) ? { digest: reference } : { tag: reference }),
  })
}

/** A tag or digest that is safe to put in a URL path, or an error naming the repository. */
export function checkReference(repository: Repository, reference: string): string {
  if (isDigest(reference) || isValidTag(reference)) return reference
  throw new Error(`'${reference}' is neither a tag nor a digest (for ${formatRepository(repository)}).`)
}

function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase()
}
