import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from '../core/logger.js'
import { isDigest } from '../core/digest.js'
import { formatPlatform } from '../core/platform.js'
import { formatReference, formatRepository } from '../core/reference.js'
import { type CommandOptions, checkContext, commonBuildFlags, runCommand, tempRoot } from './command.js'
import type { Builder, BuildOutput, BuildRequest, PushedManifest } from './types.js'

/** The builder `docker buildx build` will use (`BUILDX_BUILDER`, else the current one), as `buildx inspect` shows it. */
export interface BuildxBuilderInfo {
  name: string
  /** `docker`, `docker-container`, `kubernetes`, `remote`. */
  driver: string
}

/**
 * `docker buildx build`, pushing the one platform itself. Drivers backed by their own BuildKit push by digest,
 * leaving no tag. The `docker` driver cannot (buildx: "push-by-digest is currently not implemented for docker
 * driver"), so it pushes `fallbackTag` to every image instead and says so in a warning.
 */
export function buildxBuilder(options: CommandOptions = {}): Builder {
  return {
    name: 'buildx',
    async build(request: BuildRequest, logger: Logger): Promise<BuildOutput> {
      await checkContext(request.context)
      if (request.push && request.images.length === 0)
        throw new Error('buildx was asked to push, but no image was given')
      const builder = await inspectBuildxBuilder(options)
      logger.info(
        `Building ${formatPlatform(request.platform)} with buildx builder '${builder.name}' (${builder.driver} driver)`,
      )
      const dir = await mkdtemp(join(tempRoot(options), 'native-multiarch-buildx-'))
      try {
        const metadataFile = join(dir, 'metadata.json')
        await runCommand('docker', buildxArguments(request, builder.driver, metadataFile), options)
        if (!request.push) return { kind: 'local' }
        const manifest = parseBuildxMetadata(
          await readFile(metadataFile, 'utf8').catch(() => ''),
          metadataFile,
        )
        const repository = request.images[0]!
        if (builder.driver !== 'docker') return { kind: 'pushed', repository, manifest }
        const tagged = fallbackRefs(request)
        logger.warning(
          `The buildx builder '${builder.name}' uses the 'docker' driver, which cannot push by digest, so this build ` +
            `pushed the temporary tag ${tagged.join(', ')}. Add a docker/setup-buildx-action step before this one ` +
            `(it creates a docker-container builder) to push by digest and leave no tag behind.`,
        )
        return { kind: 'pushed', repository, manifest, fallbackTag: request.fallbackTag }
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    },
  }
}

/** Asks buildx which builder and driver a build would use; `buildx inspect` prints them the same way in 0.13 and today. */
export async function inspectBuildxBuilder(options: CommandOptions): Promise<BuildxBuilderInfo> {
  const { stdout } = await runCommand('docker', ['buildx', 'inspect'], { ...options, silent: true })
  const info = parseBuildxInspect(stdout)
  if (!info.name || !info.driver) {
    throw new Error(
      `docker buildx cannot reach its builder${info.name ? ` '${info.name}'` : ''}${info.error ? `: ${info.error}` : ''}. ` +
        `Start the Docker engine, or add docker/setup-buildx-action before this step.`,
    )
  }
  return { name: info.name, driver: info.driver }
}

/**
 * Reads the builder's `Name:`, `Driver:` and `Error:` from `docker buildx inspect` text: the first occurrence of
 * each, before the per-node section. An unreachable engine leaves `Driver:` empty and puts the cause in `Error:`.
 */
export function parseBuildxInspect(text: string): { name?: string; driver?: string; error?: string } {
  const field = (key: string): string | undefined => {
    const match = new RegExp(`^${key}:[ \\t]*(.*)$`, 'm').exec(text.split(/\n\s*Nodes:/)[0] ?? '')
    return match?.[1]?.trim() || undefined
  }
  return { name: field('Name'), driver: field('Driver'), error: field('Error') }
}

/** The temporary tag on every image, for the docker driver, which cannot push by digest. */
function fallbackRefs(request: BuildRequest): string[] {
  return request.images.map(repository => formatReference({ repository, tag: request.fallbackTag }))
}

/** The `docker buildx build` arguments for a request; each value is its own argument, never shell text. */
export function buildxArguments(request: BuildRequest, driver: string, metadataFile: string): string[] {
  const args = ['buildx', 'build', ...commonBuildFlags(request)]
  for (const cache of request.cacheFrom) args.push('--cache-from', cache)
  for (const cache of request.cacheTo) args.push('--cache-to', cache)
  args.push('--metadata-file', metadataFile)
  if (!request.push) {
    args.push('--output', 'type=cacheonly')
  } else if (driver === 'docker') {
    for (const ref of fallbackRefs(request)) args.push('--tag', ref)
    args.push('--push')
  } else {
    // The exporter's options are CSV: the quotes keep the comma-separated names one value.
    const names = request.images.map(formatRepository).join(',')
    args.push('--output', `type=image,"name=${names}",push-by-digest=true,name-canonical=true,push=true`)
  }
  args.push(request.context)
  return args
}

/**
 * The pushed manifest from buildx's metadata file: `containerimage.digest`, with mediaType and size from
 * `containerimage.descriptor` when BuildKit wrote one for that same digest.
 */
export function parseBuildxMetadata(text: string, file: string): PushedManifest {
  let metadata: Record<string, unknown>
  try {
    metadata = JSON.parse(text) as Record<string, unknown>
  } catch {
    throw new Error(`buildx wrote no readable metadata file ${file}, so the pushed digest is unknown`)
  }
  const digest = metadata['containerimage.digest']
  if (typeof digest !== 'string' || !isDigest(digest)) {
    throw new Error(
      `buildx's metadata file ${file} has no 'containerimage.digest' (found ${JSON.stringify(digest)})`,
    )
  }
  const manifest: PushedManifest = { digest }
  const descriptor = metadata['containerimage.descriptor'] as Partial<PushedManifest> | undefined
  if (descriptor?.digest === digest) {
    if (typeof descriptor.mediaType === 'string') manifest.mediaType = descriptor.mediaType
    if (Number.isSafeInteger(descriptor.size)) manifest.size = descriptor.size
  }
  return manifest
}
