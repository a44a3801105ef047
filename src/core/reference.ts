import { type Digest, isDigest } from './digest.js'

/** A repository on a registry: `ghcr.io` + `acme/app`. Docker Hub is `docker.io`, with `library/` for officials. */
export interface Repository {
  /** Registry host as users write it, with port if any: `ghcr.io`, `localhost:5000`, `docker.io`. */
  registry: string
  /** Repository path within the registry: `acme/app`. */
  path: string
}

/** A reference to one manifest: a repository with a tag, a digest, or both (`repo:tag@digest`). */
export interface Reference {
  repository: Repository
  tag?: string
  digest?: Digest
}

export const DockerHub = 'docker.io'

/** Docker Hub under any of its host names (`index.docker.io`, `registry-1.docker.io`) is `docker.io`. */
export function canonicalRegistry(host: string): string {
  return host === 'index.docker.io' || host === 'registry-1.docker.io' ? DockerHub : host
}

// The distribution/reference grammar (distribution-spec "Pulling manifests": name and tag).
const PathComponent = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const TagPattern = /^[\w][\w.-]{0,127}$/
const DomainPattern =
  /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?$/
const MaxNameLength = 255

/** Whether `tag` is a valid tag: up to 128 of `[A-Za-z0-9_.-]`, not starting with `.` or `-`. */
export function isValidTag(tag: string): boolean {
  return TagPattern.test(tag)
}

/** Parses `[registry/]path`, an image name without tag or digest, as `images` takes it. */
export function parseRepository(value: string, where: string): Repository {
  const reference = parseReference(value, where)
  if (reference.tag !== undefined || reference.digest !== undefined) {
    throw new Error(
      `${where}: '${value}' has a tag or digest. Expected an image name without one, e.g. ghcr.io/acme/app; put tags in 'tags'.`,
    )
  }
  return reference.repository
}

/** Parses `[registry/]path[:tag][@digest]`, or throws naming the input and what was expected. */
export function parseReference(value: string, where: string): Reference {
  const text = value.trim()
  const fail = (why: string): never => {
    throw new Error(`${where}: '${value}' is not a valid image reference: ${why}.`)
  }
  if (!text) fail('it is empty')
  let rest = text
  let digest: Digest | undefined
  const at = rest.indexOf('@')
  if (at >= 0) {
    const candidate = rest.slice(at + 1)
    if (!isDigest(candidate)) fail(`'${candidate}' is not a digest (expected sha256: and 64 hex digits)`)
    digest = candidate as Digest
    rest = rest.slice(0, at)
  }
  let tag: string | undefined
  const lastSlash = rest.lastIndexOf('/')
  const colon = rest.lastIndexOf(':')
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
    if (!isValidTag(tag)) fail(`tag '${tag}' must be 1-128 of A-Z a-z 0-9 _ . - and not start with . or -`)
  }
  const components = rest.split('/')
  let registry = DockerHub
  const first = components[0] ?? ''
  if (
    components.length > 1 &&
    (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase())
  ) {
    registry = first
    components.shift()
    if (!DomainPattern.test(registry)) fail(`'${registry}' is not a registry host`)
  }
  registry = canonicalRegistry(registry)
  if (registry === DockerHub && components.length === 1) components.unshift('library')
  for (const component of components) {
    if (!PathComponent.test(component)) {
      fail(
        `path component '${component}' must be lowercase letters and digits, separated by '.', '_', '__' or '-'`,
      )
    }
  }
  const path = components.join('/')
  if (registry.length + 1 + path.length > MaxNameLength)
    fail(`the name is longer than ${MaxNameLength} characters`)
  const reference: Reference = { repository: { registry, path } }
  if (tag !== undefined) reference.tag = tag
  if (digest !== undefined) reference.digest = digest
  return reference
}

/** `ghcr.io/acme/app`: the fully qualified name. */
export function formatRepository(repository: Repository): string {
  return `${repository.registry}/${repository.path}`
}

/** `ghcr.io/acme/app:1.4@sha256:...`, with whatever parts the reference has. */
export function formatReference(reference: Reference): string {
  let text = formatRepository(reference.repository)
  if (reference.tag !== undefined) text += `:${reference.tag}`
  if (reference.digest !== undefined) text += `@${reference.digest}`
  return text
}

export function sameRepository(a: Repository, b: Repository): boolean {
  return a.registry === b.registry && a.path === b.path
}

/** Whether a registry host is on this machine, where Docker too speaks plain HTTP by default. */
export function isLoopbackRegistry(registry: string): boolean {
  const host = registry.startsWith('[')
    ? registry.slice(0, registry.indexOf(']') + 1)
    : registry.split(':')[0]!
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}
