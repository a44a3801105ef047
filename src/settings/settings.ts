import { type BuilderName, BuilderNames } from '../build/types.js'
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
} from '../core/reference.js'
import { Input, type Mode, Modes } from './names.js'
import {
  inputLabel,
  type InputReader,
  parseBoolean,
  parseKeyValues,
  parseLines,
  parseList,
} from './values.js'

/** What both modes share. */
interface CommonSettings {
  /** Target repositories, fully qualified: the build pushes its platform to each, the merge its index. */
  images: Repository[]
  /** Directory of digest records; undefined means workflow artifacts carry them. */
  digestsPath?: string
  /** Registry hosts the user allows plain HTTP for, besides loopback ones. */
  insecureRegistries: string[]
  /** Separates hand-offs that share a run and images (a reusable workflow called twice). */
  handoffKey: string
  /** The workflow run, so records of other runs and newer attempts are not mixed in. */
  run: RunIdentity
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
  tags: string[]
  /** Platforms that must be present, exactly; undefined means whatever the records hold. */
  platforms?: Platform[]
  digests: DigestSource[]
  /** Annotations on the index itself (an OCI index then, since Docker lists cannot carry them). */
  annotations: Record<string, string>
  /** Keep the hand-off artifacts after a successful publish. */
  keepArtifacts: boolean
}

export type Settings = BuildSettings | MergeSettings

/** The environment facts settings depend on: GitHub's variables and the machine's architecture. */
export interface Environment {
  env: Record<string, string | undefined>
  /** `uname -m`, for runners that do not set RUNNER_ARCH. */
  machine: string
}

/** Reads and validates every input of the chosen mode once; each error names the input and the expected form. */
export function parseSettings(read: InputReader, environment: Environment): Settings {
  const mode = read(Input.Mode).trim()
  if (!(Modes as readonly string[]).includes(mode)) {
    throw new Error(
      `${inputLabel(Input.Mode)}: '${mode}' is not a mode. Expected one of: ${Modes.join(', ')}.`,
    )
  }
  return (mode as Mode) === 'build'
    ? parseBuildSettings(read, environment)
    : parseMergeSettings(read, environment)
}

function parseCommon(read: InputReader, { env }: Environment): CommonSettings {
  const images = parseList(read(Input.Images)).map(image => parseRepository(image, inputLabel(Input.Images)))
  if (images.length === 0) {
    throw new Error(
      `${inputLabel(Input.Images)} is required: one or more image names without tag, e.g. ghcr.io/acme/app.`,
    )
  }
  const unique = new Map(images.map(image => [formatRepository(image), image]))
  const digestsPath = read(Input.DigestsPath).trim() || undefined
  const common: CommonSettings = {
    images: [...unique.values()],
    insecureRegistries: parseList(read(Input.InsecureRegistries)),
    handoffKey: read(Input.HandoffKey).trim(),
    run: {
      id: env.GITHUB_RUN_ID ?? '',
      attempt: Number.parseInt(env.GITHUB_RUN_ATTEMPT ?? '', 10) || 0,
      job: env.GITHUB_JOB ?? '',
    },
  }
  if (digestsPath) common.digestsPath = digestsPath
  else if (env.GITHUB_ACTIONS !== 'true') {
    throw new Error(
      `${inputLabel(Input.DigestsPath)} is required outside GitHub Actions: a directory the build steps write digest records to and the merge step reads them from.`,
    )
  }
  if (common.handoffKey && !/^[A-Za-z0-9._-]{1,40}$/.test(common.handoffKey)) {
    throw new Error(
      `${inputLabel(Input.HandoffKey)}: '${common.handoffKey}' must be 1-40 of A-Z a-z 0-9 . _ -.`,
    )
  }
  return common
}

function parseBuildSettings(read: InputReader, environment: Environment): BuildSettings {
  const common = parseCommon(read, environment)
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
    labels: parseLines(read(Input.Labels)).map(label => checkKeyValue(label, Input.Labels)),
    cacheFrom: parseLines(read(Input.CacheFrom)).map(entry => withGhaScope(entry, scope)),
    cacheTo: parseLines(read(Input.CacheTo)).map(entry => withGhaScope(entry, scope)),
    push: parseBoolean(read(Input.Push), Input.Push, true),
    archTags,
  }
  const file = read(Input.File).trim()
  const target = read(Input.Target).trim()
  if (file) settings.file = file
  if (target) settings.target = target
  return settings
}

function parseMergeSettings(read: InputReader, environment: Environment): MergeSettings {
  const common = parseCommon(read, environment)
  const tags = parseList(read(Input.Tags))
  for (const tag of tags) checkTag(tag, Input.Tags)
  const platformsText = parseList(read(Input.Platforms))
  const platforms = platformsText.map(p => parsePlatform(p, inputLabel(Input.Platforms)))
  platforms.forEach((p, i) => {
    if (platforms.findIndex(q => samePlatform(p, q)) !== i) {
      throw new Error(`${inputLabel(Input.Platforms)}: ${formatPlatform(p)} is listed twice.`)
    }
  })
  const annotationLines = parseLines(read(Input.Annotations)).map(line => line.replace(/^index:/, ''))
  const settings: MergeSettings = {
    ...common,
    mode: 'merge',
    tags: tags.length ? [...new Set(tags)] : ['latest'],
    digests: parseList(read(Input.Digests)).map(text => parseDigestSource(text, common.images[0]!)),
    annotations: parseKeyValues(annotationLines, Input.Annotations),
    keepArtifacts: parseBoolean(read(Input.KeepArtifacts), Input.KeepArtifacts, false),
  }
  if (platforms.length) settings.platforms = platforms
  return settings
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
  if (tag.includes('/') || (tag.includes(':') && !isValidTag(tag))) {
    throw new Error(
      `${inputLabel(input)}: '${tag}' looks like a full image reference. Give bare tags like 1.4; they apply to every image in '${Input.Images}'.`,
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
