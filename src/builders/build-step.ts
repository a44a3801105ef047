import { rm } from 'node:fs/promises'
import type { Descriptor } from '../core/descriptor.js'
import type { Logger } from '../core/logger.js'
import { formatPlatform, type Platform, platformSlug, samePlatform } from '../core/platform.js'
import { makeRecord } from '../core/record.js'
import { formatRepository, type Repository } from '../core/reference.js'
import type { RecordTransport } from '../handoff/types.js'
import type { RegistryClient } from '../registry/types.js'
import { Input } from '../settings/names.js'
import type { BuildSettings } from '../settings/settings.js'
import { inputName } from '../settings/values.js'
import { copyManifest } from '../transfer/copy.js'
import { inspectImage } from '../transfer/inspect.js'
import { layoutSource } from '../transfer/oci-layout.js'
import { registrySource } from '../transfer/registry-source.js'
import type { ContentSource } from '../transfer/source.js'
import type { Builder, BuildOutput } from './types.js'

/** What the build step needs from outside. */
export interface BuildContext {
  registry: RegistryClient
  transport: RecordTransport
  logger: Logger
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
  selectBuilder(choice: BuildSettings['builder']): Promise<Builder>
}

export interface BuildResult {
  platform: Platform
  /** What was pushed (an image manifest, or buildx's one-platform index); undefined when `push` is false. */
  pushed?: Descriptor
  /** `repository@digest` in the first image. */
  image?: string
  archRefs: string[]
}

/**
 * Builds one platform, pushes it to every image by digest (no tag moves), checks the pushed image's config
 * declares the platform asked for, and hands a digest record to the merge step.
 */
export async function runBuild(settings: BuildSettings, context: BuildContext): Promise<BuildResult> {
  const { logger, group } = context
  if (!samePlatform(settings.platform, settings.runnerPlatform)) {
    logger.warning(
      `Building ${formatPlatform(settings.platform)} on a ${formatPlatform(settings.runnerPlatform)} runner means CPU emulation, ` +
        `typically 4-20x slower. Run this leg on a native ${settings.platform.architecture} runner (e.g. ubuntu-24.04-arm for arm64).`,
    )
  }
  const builder = await context.selectBuilder(settings.builder)
  const ready = prepareUpload(settings, context.registry, builder)
  const output = await group(`Build ${formatPlatform(settings.platform)} with ${builder.name}`, () =>
    builder.build(
      {
        platform: settings.platform,
        context: settings.context,
        file: settings.file,
        target: settings.target,
        buildArgs: settings.buildArgs,
        labels: settings.labels,
        cacheFrom: settings.cacheFrom,
        cacheTo: settings.cacheTo,
        images: settings.images,
        fallbackTag: fallbackTag(settings),
        push: settings.push,
      },
      logger,
    ),
  )
  // A failed build is reported at once: the shell's closing of the client ends a preparation still going.
  await ready
  if (output.kind === 'local') {
    logger.info(
      `Built ${formatPlatform(settings.platform)}; ${inputName(Input.Push)} is false, so nothing was pushed and no record written.`,
    )
    return { platform: settings.platform, archRefs: [] }
  }
  try {
    return await group(`Push ${formatPlatform(settings.platform)} by digest`, () =>
      pushAndRecord(settings, context, builder, output),
    )
  } finally {
    // The exported layout has been uploaded (or failed to be); it is a copy of the whole image. The step ends
    // only once the builder's own clean-up has too, so no builder process outlives it.
    if (output.kind === 'layout')
      await Promise.all([rm(output.dir, { recursive: true, force: true }), output.cleanup])
  }
}

/**
 * While the builder runs, each image's registry is asked for its auth scheme and push token, so the upload
 * after the build starts with them (on a registry a network away, a 401 and a token request fewer on its path).
 * buildx pushes itself, and a build that is not pushed uploads nothing.
 */
function prepareUpload(
  settings: BuildSettings,
  registry: RegistryClient,
  builder: Builder,
): Promise<unknown> {
  if (!settings.push || builder.name === 'buildx') return Promise.resolve()
  // prepare never fails; should it, the upload's own requests still meet and report the cause.
  return Promise.all(settings.images.map(image => registry.prepare(image, { push: true }))).catch(() => {})
}

async function pushAndRecord(
  settings: BuildSettings,
  context: BuildContext,
  builder: Builder,
  output: Exclude<BuildOutput, { kind: 'local' }>,
): Promise<BuildResult> {
  const { logger, registry } = context
  const source = contentSource(output, registry)
  const pushed = await pushedDescriptor(output, registry)
  const where = `The ${builder.name} build of ${formatPlatform(settings.platform)}`
  const inspected = await inspectImage(source, pushed, where, settings.platform)
  if (output.kind === 'layout') await uploadLayout(registry, source, pushed, settings.images, logger)
  const archRefs = await pushArchTags(registry, settings, pushed, inspected.bytes)
  const record = makeRecord({
    images: settings.images,
    platform: inspected.platform,
    pushed,
    manifests: [inspected.image, ...inspected.attestations],
    run: settings.run,
    builder: builder.name,
  })
  const recordLocation = await context.transport.put(record)
  const image = `${formatRepository(settings.images[0]!)}@${pushed.digest}`
  logger.info(
    `Pushed ${formatPlatform(inspected.platform)} as ${pushed.digest} to ${settings.images.map(formatRepository).join(', ')}`,
  )
  if (recordLocation) logger.info(`Digest record: ${recordLocation}`)
  else {
    logger.info(
      `No digest record was written: ${inputName(Input.DigestsPath)} is not set and this is not a GitHub Actions run. ` +
        `Give the merge this image in ${inputName(Input.Digests)}: ${image}`,
    )
  }
  return { platform: inspected.platform, pushed, image, archRefs }
}

/**
 * Uploads the layout to the first image of each registry, then copies it from there to that registry's other
 * images: their blobs are mounted, not uploaded again (a blob the registry declines to mount is still read from
 * the layout). Registries are served in parallel.
 */
async function uploadLayout(
  registry: RegistryClient,
  layout: ContentSource,
  pushed: Descriptor,
  images: Repository[],
  logger: Logger,
): Promise<void> {
  const byRegistry = new Map<string, Repository[]>()
  for (const image of images)
    byRegistry.set(image.registry, [...(byRegistry.get(image.registry) ?? []), image])
  await Promise.all(
    [...byRegistry.values()].map(async ([first, ...others]) => {
      await copyManifest(registry, layout, pushed, first!, { logger })
      const mountable: ContentSource = { ...layout, repository: first! }
      await Promise.all(others.map(image => copyManifest(registry, mountable, pushed, image, { logger })))
    }),
  )
}

/** buildx's metadata file may lack the media type or size; the registry's HEAD supplies them. */
async function pushedDescriptor(
  output: Exclude<BuildOutput, { kind: 'local' }>,
  registry: RegistryClient,
): Promise<Descriptor> {
  const { manifest } = output
  if (manifest.mediaType !== undefined && manifest.size !== undefined) {
    return { mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.size }
  }
  const found =
    output.kind === 'pushed' ? await registry.headManifest(output.repository, manifest.digest) : undefined
  if (!found) throw new Error(`The builder reported ${manifest.digest}, but the registry does not have it.`)
  return found
}

function contentSource(
  output: Exclude<BuildOutput, { kind: 'local' }>,
  registry: RegistryClient,
): ContentSource {
  return output.kind === 'layout' ? layoutSource(output.dir) : registrySource(registry, output.repository)
}

/** `1.4` + linux/arm/v7 becomes `1.4-armv7`: the suffixes per-arch tag conventions use. */
function archTag(tag: string, platform: Platform): string {
  return `${tag}-${platform.architecture}${platform.variant ?? ''}`
}

async function pushArchTags(
  registry: RegistryClient,
  settings: BuildSettings,
  pushed: Descriptor,
  bytes: Buffer,
): Promise<string[]> {
  if (settings.archTags.length === 0) return []
  const refs: string[] = []
  for (const image of settings.images) {
    for (const tag of settings.archTags.map(t => archTag(t, settings.platform))) {
      await registry.putManifest(image, tag, bytes, pushed.mediaType)
      refs.push(`${formatRepository(image)}:${tag}`)
    }
  }
  return refs
}

/** A tag for builders that cannot push by digest: unique per run, attempt and platform, and plainly temporary. */
function fallbackTag(settings: BuildSettings): string {
  const run = settings.run.id ? `${settings.run.id}-${settings.run.attempt}` : `local-${Date.now()}`
  return `native-multiarch-tmp-${run}-${platformSlug(settings.platform)}`.slice(0, 128)
}
