import type { Readable } from 'node:stream'
import type { Descriptor } from '../core/descriptor.js'
import type { Digest } from '../core/digest.js'
import { formatRepository, type Repository } from '../core/reference.js'
import { verified, verifiedBody } from './content.js'
import { finalRefusalOf, RegistryError } from './errors.js'
import { discardBody } from './http.js'
import { checkReference } from './manifests.js'
import { header, type RegistryCall, type RequestCore } from './request.js'
import type { RegistryClient } from './types.js'

type BlobOperations = Pick<RegistryClient, 'hasBlob' | 'mountBlob' | 'getBlob' | 'pushBlob'>

/** Blobs by digest: existence, cross-repository mount, streamed download, and monolithic upload. */
export function blobOperations(core: RequestCore): BlobOperations {
  return {
    hasBlob: (repository, digest) => hasBlob(core, repository, digest),
    mountBlob: (repository, digest, from) => mountBlob(core, repository, digest, from),
    getBlob: (repository, digest, options) => getBlob(core, repository, digest, options),
    pushBlob: (repository, descriptor, open, options) =>
      pushBlob(core, repository, descriptor, open, options),
  }
}

async function hasBlob(core: RequestCore, repository: Repository, digest: Digest): Promise<boolean> {
  const call: RegistryCall = {
    repository,
    method: 'HEAD',
    url: core.apiUrl(repository, `blobs/${checkReference(repository, digest)}`),
    push: false,
    // A redirect means the registry has it and would send it from storage; don't HEAD a presigned GET URL.
    expectedStatuses: [200, 404, 301, 302, 303, 307, 308],
    followRedirects: false,
  }
  return core.request(call, async response => {
    await discardBody(response)
    return response.status !== 404
  })
}

async function mountBlob(
  core: RequestCore,
  repository: Repository,
  digest: Digest,
  from: Repository,
): Promise<boolean> {
  if (repository.registry !== from.registry) {
    throw new Error(
      `Cannot mount ${digest} into ${formatRepository(repository)} from ${formatRepository(from)}: mounts work within one registry.`,
    )
  }
  const query = new URLSearchParams({ mount: checkReference(repository, digest), from: from.path })
  const call: RegistryCall = {
    repository,
    method: 'POST',
    url: core.apiUrl(repository, `blobs/uploads/?${query}`),
    headers: { 'Content-Length': '0' },
    push: true,
    from,
    expectedStatuses: [201, 202],
  }
  try {
    return await core.request(call, async response => {
      await discardBody(response)
      // 202 opened an upload session instead; it is left for the registry to expire, which costs no request.
      return response.status === 201
    })
  } catch (error) {
    // Any 4xx to a mount means "not mounted", not "no access": Harbor answers a source project the token
    // does not cover with 404 "project not found", a pull-through proxy with 403. The caller uploads the
    // blob instead, as containerd and oras do; only a refused upload is an access error.
    const answer = finalRefusalOf(error)
    if (!answer) throw error
    core.logger.debug(
      `Registry ${repository.registry} refused to mount ${digest} from ${from.path} (HTTP ${answer.status})`,
    )
    return false
  }
}

/**
 * Blobs this large are read by wire.ts. Below it, a keep-alive connection saves more (a TCP and TLS handshake
 * per blob) than reused buffers do (about 2 ms of CPU per MiB here).
 */
export const BulkBlobBytes = 8 * 1024 * 1024

async function getBlob(
  core: RequestCore,
  repository: Repository,
  digest: Digest,
  { checked = true, size }: { checked?: boolean; size?: number } = {},
): Promise<Readable> {
  const call: RegistryCall = {
    repository,
    method: 'GET',
    url: core.apiUrl(repository, `blobs/${checkReference(repository, digest)}`),
    push: false,
    expectedStatuses: [200, 404],
    slotFree: true,
    bulk: size !== undefined && size >= BulkBlobBytes,
  }
  const response = await core.request(call, async r => r)
  if (response.status === 404) {
    await discardBody(response)
    throw new RegistryError(`Blob ${digest} was not found in ${formatRepository(repository)} (HTTP 404).`, {
      registry: repository.registry,
      method: 'GET',
      path: call.url.pathname,
      status: 404,
    })
  }
  if (!checked) return response.body
  return verified(response.body, digest, undefined, `Blob ${digest} from ${formatRepository(repository)}`)
}

/** Upload a blob (monolithic POST then PUT); `open` is called again for each retry, since a stream is used up. */
async function pushBlob(
  core: RequestCore,
  repository: Repository,
  descriptor: Pick<Descriptor, 'digest' | 'size'>,
  open: () => Promise<Readable>,
  { progress }: { progress?: (bytes: number) => void } = {},
): Promise<void> {
  const { digest, size } = descriptor
  const name = formatRepository(repository)
  const start: RegistryCall = {
    repository,
    method: 'POST',
    url: core.apiUrl(repository, 'blobs/uploads/'),
    headers: { 'Content-Length': '0' },
    push: true,
    expectedStatuses: [202],
  }
  const target = {
    host: repository.registry,
    method: 'POST+PUT',
    path: `${start.url.pathname} (blob ${digest})`,
  }
  // POST then PUT, retried whole: a failed PUT's session is not resumed, a new one is opened.
  await core.retried(target, 'POST', start.url, async attempt => {
    const started = await core.exchange(start, attempt)
    await discardBody(started)
    const location = header(started, 'location')
    if (!location)
      throw new Error(`Registry ${repository.registry} opened an upload to ${name} without a Location.`)
    const url = new URL(location, started.url)
    // Keep the registry's own query (upload state) byte for byte; add the digest to it.
    url.search = `${url.search ? `${url.search}&` : '?'}digest=${encodeURIComponent(digest)}`
    const upload: RegistryCall = {
      repository,
      method: 'PUT',
      url,
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) },
      body: async () => verifiedBody(await open(), digest, size, `Blob ${digest} for ${name}`, { progress }),
      push: true,
      expectedStatuses: [200, 201, 204],
    }
    const finished = await core.exchange(upload, attempt)
    await discardBody(finished)
    const stored = header(finished, 'docker-content-digest')
    if (stored && stored !== digest) {
      throw new Error(
        `Registry ${repository.registry} stored the blob pushed as ${digest} to ${name} as ${stored}.`,
      )
    }
  })
}
