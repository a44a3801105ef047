import { parseDigest } from '../core/digest.js'
import {
  formatPlatform,
  parsePlatform,
  type Platform,
  platformSlug,
  runnerPlatform,
  samePlatform,
} from '../core/platform.js'
import type { RunIdentity } from '../core/record.js'
import {
  formatRepository,
  isValidTag,
  parseReference,
  parseRepository,
  type Reference,
  type Repository,
  sameRepository,
} from '../core/reference.js'
import { type TagPolicy, TagPolicies } from '../core/tag-order.js'
import type { GitHubContext } from '../github/context.js'
import { deriveAnnotations, deriveTags } from '../github/derive.js'
import { type Metadata, parseMetadata } from '../github/metadata.js'
import { type BuilderName, BuilderNames, Input, type Mode, Modes } from './names.js'
import {
  inputLabel,
  inputName,
  type InputReader,
  parseAnnotations,
  parseBoolean,
  parseDuration,
  parseLines,
  parseList,
} from './values.js'

/** What both modes share. */
interface CommonSettings {
  /** Target repositories, fully qualified: the build pushes its platform to each, the merge its index. */
  images: Repository[]
  /** Directory of digest records; undefined means workflow artifacts carry them, or (off GitHub) nothing does. */
  digestsPath?: string
  /**
   * Records travel as this run's workflow artifacts: on GitHub Actions when no directory is given. Elsewhere,
   * without a directory, a build writes no record (its digest is an output) and a merge takes `digests` only.
   */
  artifacts: boolean
  /** Registry hosts the user allows plain HTTP for, besides loopback ones. */
  insecureRegistries: string[]
  /** Separates hand-offs that share a run and images (a reusable workflow called twice). */
  handoffKey: string
  /** The workflow run, so records of other runs and newer attempts are not mixed in. */
  run: RunIdentity
  /** What parsing decided that the log should say once: where the tags came from, what was left out. */
  notices: string[]
}

/** Settings of the build step: one platform, built natively where possible. */
export interface BuildSettings extends CommonSettings {
  mode: 'build'
  /** The platform to build: the `platform` input, or the runner's own. */
  platform: Platform
  /** The runner's own platform; a different `platform` means emulation, which is warned about. */
  runnerPlatform: Platform
  builder: 'auto' | BuilderName
  context: string
  file?: string
  target?: string
  buildArgs: string[]
  /** `key=value`: docker/metadata-action's labels, overridden per key by the `labels` input. */
  labels: string[]
  /** buildx cache options; `type=gha` entries get a per-platform `scope` so legs do not overwrite each other. */
  cacheFrom: string[]
  cacheTo: string[]
  push: boolean
  /** Tags also pushed with an architecture suffix (`1.4` becomes `1.4-arm64`), for per-arch pulls. */
  archTags: string[]
}

/** A source the user names directly in `digests`: a bare digest (in the first image), or a reference anywhere. */
export interface DigestSource {
  /** The text as given, for errors. */
  text: string
  /** Has a digest or a tag (or both). */
  reference: Reference
}

/** Settings of the merge step: which images to index and where to publish the index. */
export interface MergeSettings extends CommonSettings {
  mode: 'merge'
  /**
   * Bare tags, applied to every image: the `tags` input; else metadata-action's tags; else derived from the
   * GitHub event; else `latest` (outside GitHub).
   */
  tags: string[]
  /** Platforms that must be present, exactly; undefined means whatever the records hold. */
  platforms?: Platform[]
  /**
   * Platforms that may be missing (a failed leg): the index is published without them, with a warning. One
   * listed in `platforms` too is optional; one in neither list is still unexpected when `platforms` is given.
   */
  optionalPlatforms: Platform[]
  /** `forward`: a tag that holds a newer index (by version, else creation time) stays; `always`: every tag moves. */
  tagPolicy: TagPolicy
  digests: DigestSource[]
  /**
   * Annotations on the index itself (an OCI index then, since Docker lists cannot carry them): derived from the
   * GitHub event when there is no metadata, then metadata-action's index-level ones, then the `annotations`
   * input; a later source wins per key.
   */
  annotations: Record<string, string>
  /**
   * Read each record's image config and check the platform it names. Off by default: the build step checked
   * the config before it wrote the record, and each check costs two GETs (Docker Hub pulls).
   */
  verifyPlatforms: boolean
  /** Keep the hand-off artifacts after a successful publish. */
  keepArtifacts: boolean
  /** `github-token`: reads artifacts that earlier run attempts uploaded, through the REST API; '' for none. */
  githubToken: string
  /** `prune: true`: after a successful publish, prune the images published to; undefined when not asked. */
  prune?: PruneOptions
}

/** How a prune runs, in mode prune and after a merge with `prune: true`. */
export interface PruneOptions {
  /** `prune-min-age`: a version changed more recently than this (in ms) is kept, as a run in flight may need it. */
  minAgeMs: number
  /** `dry-run`: say what would be deleted and delete nothing. */
  dryRun: boolean
  /** Registry hosts served by GitHub Packages, whose versions the REST API lists: ghcr.io and `github-registry-hosts`. */
  githubRegistryHosts: string[]
  /** GitHub's REST API: GITHUB_API_URL, else https://api.github.com. */
  apiUrl: string
  /** `github-token`, with `packages: write` (read is enough for a dry run); '' for none. */
  token: string
}

/** Settings of the prune step: which images to clean up, and how. */
export interface PruneSettings {
  mode: 'prune'
  images: Repository[]
  insecureRegistries: string[]
  notices: string[]
  prune: PruneOptions
}

export type Settings = BuildSettings | MergeSettings | PruneSettings

/** The modes that hand digest records over: build writes one, merge reads them. */
export type HandoffSettings = BuildSettings | MergeSettings

/** The environment facts settings depend on: GitHub's variables and the machine's architecture. */
export interface Environment {
  env: Record<string, string | undefined>
  /** `uname -m`, for runners that do not set RUNNER_ARCH. */
  machine: string
  /** The run's event, on GitHub Actions: tags and annotations are derived from it when none are given. */
  github?: GitHubContext
}

/** Reads and validates every input of the chosen mode once; each error names the input and the expected form. */
export function parseSettings(read: InputReader, environment: Environment): Settings {
  const mode = read(Input.Mode).trim()
  if (!(Modes as readonly string[]).includes(mode)) {
    throw new Error(
      `${inputLabel(Input.Mode)}: '${mode}' is not a mode. Expected one of: ${Modes.join(', ')}.`,
    )
  }
  if ((mode as Mode) === 'prune') return parsePruneSettings(read, environment)
  return (mode as Mode) === 'build'
    ? parseBuildSettings(read, environment)
    : parseMergeSettings(read, environment)
}

/** `images`: at least one, duplicates dropped. */
function parseImages(read: InputReader): Repository[] {
  const images = parseList(read(Input.Images)).map(image => parseRepository(image, inputLabel(Input.Images)))
  if (images.length === 0) {
    throw new Error(
      `${inputLabel(Input.Images)} is required: one or more image names without tag, e.g. ghcr.io/acme/app.`,
    )
  }
  return [...new Map(images.map(image => [formatRepository(image), image])).values()]
}

function parseCommon(read: InputReader, { env }: Environment): CommonSettings {
  const digestsPath = read(Input.DigestsPath).trim() || undefined
  const common: CommonSettings = {
    images: parseImages(read),
    artifacts: !digestsPath && env.GITHUB_ACTIONS === 'true',
    insecureRegistries: parseList(read(Input.InsecureRegistries)),
    handoffKey: read(Input.HandoffKey).trim(),
    run: {
      id: env.GITHUB_RUN_ID ?? '',
      attempt: Number.parseInt(env.GITHUB_RUN_ATTEMPT ?? '', 10) || 0,
      job: env.GITHUB_JOB ?? '',
    },
    notices: [],
  }
  if (digestsPath) common.digestsPath = digestsPath
  if (common.handoffKey && !/^[A-Za-z0-9._-]{1,40}$/.test(common.handoffKey)) {
    throw new Error(
      `${inputLabel(Input.HandoffKey)}: '${common.handoffKey}' must be 1-40 of A-Z a-z 0-9 . _ -.`,
    )
  }
  return common
}

function parseBuildSettings(read: InputReader, environment: Environment): BuildSettings {
  const common = parseCommon(read, environment)
  const metadata = readMetadata(read, environment)
  const runner = runnerPlatform(environment.env.RUNNER_ARCH, environment.machine)
  const platformText = read(Input.Platform).trim()
  if (parseList(platformText).length > 1) {
    throw new Error(
      `${inputLabel(Input.Platform)}: '${platformText}' names several platforms; a build step builds one. Use a matrix with one platform per job.`,
    )
  }
  const platform = platformText ? parsePlatform(platformText, inputLabel(Input.Platform)) : runner
  const builder = read(Input.Builder).trim() || 'auto'
  if (builder !== 'auto' && !(BuilderNames as readonly string[]).includes(builder)) {
    throw new Error(
      `${inputLabel(Input.Builder)}: '${builder}' is not a builder. Expected one of: auto, ${BuilderNames.join(', ')}.`,
    )
  }
  const archTags = parseList(read(Input.ArchTags))
  for (const tag of archTags) checkTag(tag, Input.ArchTags)
  const slug = platformSlug(platform)
  const scope = `${common.images[0]!.path.replace(/[^A-Za-z0-9._-]/g, '-')}-${slug}`
  const settings: BuildSettings = {
    ...common,
    mode: 'build',
    platform,
    runnerPlatform: runner,
    builder: builder as BuildSettings['builder'],
    context: read(Input.Context).trim() || '.',
    buildArgs: parseLines(read(Input.BuildArgs)).map(arg => checkKeyValue(arg, Input.BuildArgs)),
    labels: buildLabels(metadata?.metadata, parseLines(read(Input.Labels))),
    cacheFrom: parseLines(read(Input.CacheFrom)).map(entry => withGhaScope(entry, scope)),
    cacheTo: parseLines(read(Input.CacheTo)).map(entry => withGhaScope(entry, scope)),
    push: parseBoolean(read(Input.Push), Input.Push, true),
    archTags,
  }
  const file = read(Input.File).trim()
  const target = read(Input.Target).trim()
  if (file) settings.file = file
  if (target) settings.target = target
  if (metadata?.metadata.annotations.length) {
    settings.notices.push(
      `The ${metadata.metadata.annotations.length} annotation(s) in ${metadata.origin} are not set on the ${formatPlatform(platform)} image: ` +
        `the build step sets labels only. Index-level ones (index:key=value) go on the index in the merge step.`,
    )
  }
  return settings
}

/** metadata-action's labels with the `labels` input over them, key by key. */
function buildLabels(metadata: Metadata | undefined, lines: string[]): string[] {
  const labels = new Map(Object.entries(metadata?.labels ?? {}))
  for (const line of lines) {
    checkKeyValue(line, Input.Labels)
    const eq = line.indexOf('=')
    labels.set(line.slice(0, eq), line.slice(eq + 1))
  }
  return [...labels].map(([key, value]) => `${key}=${value}`)
}

function parseMergeSettings(read: InputReader, environment: Environment): MergeSettings {
  const common = parseCommon(read, environment)
  const metadata = readMetadata(read, environment)
  const { tags, origin } = mergeTags(read, environment, common.images, metadata)
  common.notices.push(`Tags: ${tags.join(', ')} (from ${origin})`)
  const platforms = parsePlatforms(read, Input.Platforms)
  const settings: MergeSettings = {
    ...common,
    mode: 'merge',
    tags,
    digests: parseList(read(Input.Digests)).map(text => parseDigestSource(text, common.images[0]!)),
    annotations: mergeAnnotations(read, environment, tags, metadata, common.notices),
    verifyPlatforms: parseBoolean(read(Input.VerifyPlatforms), Input.VerifyPlatforms, false),
    keepArtifacts: parseBoolean(read(Input.KeepArtifacts), Input.KeepArtifacts, false),
    githubToken: read(Input.GithubToken).trim(),
    optionalPlatforms: parsePlatforms(read, Input.OptionalPlatforms),
    tagPolicy: parseTagPolicy(read),
  }
  if (platforms.length) settings.platforms = platforms
  if (parseBoolean(read(Input.Prune), Input.Prune, false))
    settings.prune = parsePruneOptions(read, environment)
  return settings
}

/** A list of platforms, none twice. */
function parsePlatforms(read: InputReader, input: Input): Platform[] {
  const platforms = parseList(read(input)).map(p => parsePlatform(p, inputLabel(input)))
  platforms.forEach((p, i) => {
    if (platforms.findIndex(q => samePlatform(p, q)) !== i) {
      throw new Error(`${inputLabel(input)}: ${formatPlatform(p)} is listed twice.`)
    }
  })
  return platforms
}

function parseTagPolicy(read: InputReader): TagPolicy {
  const policy = read(Input.TagPolicy).trim() || 'forward'
  if (!(TagPolicies as readonly string[]).includes(policy)) {
    throw new Error(
      `${inputLabel(Input.TagPolicy)}: '${policy}' is not a tag policy. Expected forward (a tag never moves to an older index) or always.`,
    )
  }
  return policy as TagPolicy
}

function parsePruneSettings(read: InputReader, environment: Environment): PruneSettings {
  return {
    mode: 'prune',
    images: parseImages(read),
    insecureRegistries: parseList(read(Input.InsecureRegistries)),
    notices: [],
    prune: parsePruneOptions(read, environment),
  }
}

/** GitHub's container registry; a GitHub Enterprise Server adds its own hosts in `github-registry-hosts`. */
const GitHubContainerRegistry = 'ghcr.io'

function parsePruneOptions(read: InputReader, { env }: Environment): PruneOptions {
  const hosts = parseList(read(Input.GithubRegistryHosts))
  for (const host of hosts) {
    if (!/^[A-Za-z0-9.-]+(:\d+)?$/.test(host)) {
      throw new Error(
        `${inputLabel(Input.GithubRegistryHosts)}: '${host}' is not a registry host. Expected a host name with an optional port, e.g. containers.github.example.com.`,
      )
    }
  }
  const apiText = env.GITHUB_API_URL?.trim() || 'https://api.github.com'
  let apiUrl: URL | undefined
  try {
    apiUrl = new URL(apiText)
  } catch {
    apiUrl = undefined
  }
  if (!apiUrl || !/^https?:$/.test(apiUrl.protocol)) {
    throw new Error(`GITHUB_API_URL: '${apiText}' is not an http(s) URL of GitHub's REST API.`)
  }
  return {
    minAgeMs: parseDuration(read(Input.PruneMinAge) || '24h', Input.PruneMinAge),
    dryRun: parseBoolean(read(Input.DryRun), Input.DryRun, false),
    githubRegistryHosts: [...new Set([GitHubContainerRegistry, ...hosts])],
    apiUrl: apiText.replace(/\/+$/, ''),
    token: read(Input.GithubToken).trim(),
  }
}

/** metadata-action's output: the `metadata` input, else the variable the action exports to later steps. */
interface MetadataSource {
  metadata: Metadata
  /** How errors and the log name it. */
  origin: string
}

const MetadataVariable = 'DOCKER_METADATA_OUTPUT_JSON'

function readMetadata(read: InputReader, { env }: Environment): MetadataSource | undefined {
  const text = read(Input.Metadata).trim()
  if (text) {
    const origin = inputLabel(Input.Metadata)
    return { metadata: parseMetadata(text, origin), origin }
  }
  const exported = env[MetadataVariable]?.trim()
  if (!exported) return undefined
  // Any later step of a job that ran metadata-action sees it; say so in errors, since no input named it.
  const origin = `${MetadataVariable} (docker/metadata-action's output, read since ${inputName(Input.Metadata)} is empty)`
  return { metadata: parseMetadata(exported, origin), origin }
}

/** The index's tags and where they came from, in the order of precedence `MergeSettings.tags` documents. */
function mergeTags(
  read: InputReader,
  { github }: Environment,
  images: Repository[],
  metadata: MetadataSource | undefined,
): { tags: string[]; origin: string } {
  const given = parseList(read(Input.Tags))
  if (given.length) {
    for (const tag of given) checkTag(tag, Input.Tags)
    return { tags: [...new Set(given)], origin: inputLabel(Input.Tags) }
  }
  if (metadata) return { tags: metadataTags(metadata, images), origin: metadata.origin }
  if (!github) return { tags: ['latest'], origin: 'the default outside GitHub Actions' }
  const derived = deriveTags(github)
  if (!derived?.tags.length) {
    throw new Error(
      `${inputLabel(Input.Tags)} is empty and this run names nothing to tag (event '${github.eventName}', ref '${github.ref}'). ` +
        `Set ${inputName(Input.Tags)}, or pass docker/metadata-action's output in ${inputName(Input.Metadata)}.`,
    )
  }
  return { tags: derived.tags, origin: derived.reason }
}

/**
 * metadata-action's tags as bare tags. They are full references; each must name one of `images`, since the
 * merge publishes every tag to every image and nowhere else.
 */
function metadataTags({ metadata, origin }: MetadataSource, images: Repository[]): string[] {
  const tags = new Set<string>()
  for (const text of metadata.tags) {
    // Without `images`, metadata-action writes bare tags.
    if (isValidTag(text)) {
      tags.add(text)
      continue
    }
    const reference = parseReference(text, origin)
    if (reference.tag === undefined || reference.digest !== undefined) {
      throw new Error(`${origin}: '${text}' is not a tagged image reference like ghcr.io/acme/app:1.4.`)
    }
    if (!images.some(image => sameRepository(image, reference.repository))) {
      throw new Error(
        `${origin}: '${text}' is a tag of ${formatRepository(reference.repository)}, which is not in ${inputName(Input.Images)} ` +
          `(${images.map(formatRepository).join(', ')}). Add it to ${inputName(Input.Images)}, or give metadata-action the same images.`,
      )
    }
    tags.add(reference.tag)
  }
  if (tags.size === 0) {
    throw new Error(
      `${origin} has no tags: metadata-action's tag rules made none for this event. Add a rule that matches it, or set ${inputName(Input.Tags)}.`,
    )
  }
  return [...tags]
}

/** The index's annotations by precedence; annotations meant for other levels are noted once, not dropped silently. */
function mergeAnnotations(
  read: InputReader,
  { github }: Environment,
  tags: string[],
  metadata: MetadataSource | undefined,
  notices: string[],
): Record<string, string> {
  const fromMetadata = metadata
    ? parseAnnotations(metadata.metadata.annotations, metadata.origin)
    : { index: {}, elsewhere: [] }
  const fromInput = parseAnnotations(parseLines(read(Input.Annotations)), inputLabel(Input.Annotations))
  // metadata-action users chose their annotations there; deriving others beside them would mix two sources.
  const derived = github && !metadata ? deriveAnnotations(github, tags) : {}
  const elsewhere = [...fromMetadata.elsewhere, ...fromInput.elsewhere]
  if (elsewhere.length) {
    const keys = [...new Set(elsewhere.map(line => line.slice(line.indexOf(':') + 1).split('=')[0]))]
    notices.push(
      `Not on the index: ${elsewhere.length} annotation(s) for another level (${keys.join(', ')}). Manifest-level annotations ` +
        `belong to each platform's image, which the build step makes; the index takes index:key=value ` +
        `(with docker/metadata-action, set DOCKER_METADATA_ANNOTATIONS_LEVELS=manifest,index).`,
    )
  }
  return { ...derived, ...fromMetadata.index, ...fromInput.index }
}

function parseDigestSource(text: string, firstImage: Repository): DigestSource {
  const where = inputLabel(Input.Digests)
  if (/^sha\d+:/.test(text))
    return { text, reference: { repository: firstImage, digest: parseDigest(text, where) } }
  const reference = parseReference(text, where)
  if (reference.digest === undefined && reference.tag === undefined) {
    throw new Error(
      `${where}: '${text}' names no tag or digest. Expected sha256:..., repo@sha256:... or repo:tag.`,
    )
  }
  return { text, reference }
}

function checkTag(tag: string, input: Input): void {
  // No tag can hold '/' or ':' (isValidTag): one that does is a reference given where a tag belongs.
  if (tag.includes('/') || tag.includes(':')) {
    throw new Error(
      `${inputLabel(input)}: '${tag}' looks like a full image reference. Give bare tags like 1.4; they apply to every image in ${inputName(Input.Images)}.`,
    )
  }
  if (!isValidTag(tag)) {
    throw new Error(
      `${inputLabel(input)}: '${tag}' is not a valid tag. Expected 1-128 of A-Z a-z 0-9 _ . - not starting with . or -.`,
    )
  }
}

function checkKeyValue(entry: string, input: Input): string {
  if (!/^[^=\s][^=]*=/.test(entry)) throw new Error(`${inputLabel(input)}: '${entry}' is not KEY=VALUE.`)
  return entry
}

/** Gives a `type=gha` cache entry without a scope one per image and platform, so matrix legs keep their own. */
export function withGhaScope(entry: string, scope: string): string {
  const fields = entry.split(',').map(f => f.trim())
  const isGha = fields.includes('type=gha')
  return isGha && !fields.some(f => f.startsWith('scope=')) ? `${entry},scope=${scope}` : entry
}
