import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Descriptor } from '../core/descriptor.js'
import type { Logger } from '../core/logger.js'
import { isImageManifestMediaType } from '../core/media-types.js'
import { formatPlatform, platformSlug } from '../core/platform.js'
import { readLayoutIndex } from '../transfer/oci-layout.js'
import { type CommandOptions, checkContext, commonBuildFlags, runCommand, tempRoot } from './command.js'
import type { Builder, BuildOutput, BuildRequest } from './types.js'

/**
 * buildah or podman: both take `build` with the same flags and write an OCI layout whose index.json gives the
 * manifest digest; the caller uploads the layout by digest, then deletes its directory. Without a layer cache
 * (buildah's default) the build commits straight into the layout. With one (podman's default, or
 * BUILDAH_LAYERS=true) that fails whenever the last step is a cache hit, so the image is built under a local
 * name unique to this build, exported with `push IMAGE oci:DIR`, and removed again while the caller uploads
 * (`cleanup`).
 */
export function buildahBuilder(tool: 'buildah' | 'podman', options: CommandOptions = {}): Builder {
  return {
    name: tool,
    async build(request: BuildRequest, logger: Logger): Promise<BuildOutput> {
      await checkContext(request.context)
      const platform = formatPlatform(request.platform)
      if (request.push && !cachesLayers(tool, options)) {
        logger.info(`Building ${platform} with ${tool} into an OCI layout`)
        const layout = await inLayoutDir(tool, options, async dir => {
          await runCommand(tool, buildArguments(request, `oci:${dir}`, LayoutFlags), options)
        })
        logger.info(`${tool} built ${layout.manifest.digest} for ${platform}`)
        return { kind: 'layout', ...layout }
      }
      const localName = `localhost/native-multiarch-build:${platformSlug(request.platform)}-${randomBytes(6).toString('hex')}`
      logger.info(`Building ${platform} with ${tool} as ${localName}`)
      await runCommand(tool, buildArguments(request, localName), options)
      // By name, so an image that another name shares (podman's layer cache can rebuild identical IDs) stays.
      const removeLocalImage = (): Promise<void> =>
        runCommand(tool, ['rmi', localName], { ...options, silent: true }).then(
          () => undefined,
          (error: Error) => logger.warning(`Could not remove the local image ${localName}: ${error.message}`),
        )
      if (!request.push) {
        await removeLocalImage()
        return { kind: 'local' }
      }
      const layout = await inLayoutDir(tool, options, dir =>
        exportLayout(tool, localName, dir, options),
      ).catch(async (error: unknown) => {
        await removeLocalImage()
        throw error
      })
      logger.info(`${tool} built ${layout.manifest.digest} for ${platform}`)
      // The layout is a whole copy of the image: the local one goes while the step uploads the layout.
      return { kind: 'layout', ...layout, cleanup: removeLocalImage() }
    },
  }
}

/**
 * Committing to a layout leaves layers uncompressed unless asked (`build` defaults to `--disable-compression`);
 * registries and pulls expect gzip, as `push` writes by default.
 */
const LayoutFlags = ['--disable-compression=false']

/**
 * Whether `build` keeps a layer cache in local storage, as each tool reads BUILDAH_LAYERS: buildah caches only
 * when it is `true` (any case) or `1`, podman unless it is `false` (any case) or `0`.
 */
export function cachesLayers(tool: 'buildah' | 'podman', options: Pick<CommandOptions, 'env'>): boolean {
  const value = (options.env ?? process.env).BUILDAH_LAYERS ?? ''
  return tool === 'buildah' ? /^(1|true)$/i.test(value) : !/^(0|false)$/i.test(value)
}

/** A fresh layout directory that `write` fills, read back: the directory and the manifest it holds. */
async function inLayoutDir(
  tool: string,
  options: CommandOptions,
  write: (dir: string) => Promise<void>,
): Promise<{ dir: string; manifest: Descriptor }> {
  const dir = await mkdtemp(join(tempRoot(options), 'native-multiarch-layout-'))
  try {
    // The oci: transport reads a ':' in the path as the start of an image name.
    if (dir.includes(':'))
      throw new Error(`Temporary directory ${dir} contains ':', which ${tool} cannot write a layout to`)
    await write(dir)
    return { dir, manifest: await layoutManifest(dir, tool) }
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }
}

/**
 * `push IMAGE oci:DIR`, with an empty auth file: a local layout needs no credentials, and buildah and podman
 * refuse to push at all when DOCKER_CONFIG names a directory without config.json (as before any login).
 */
async function exportLayout(
  tool: string,
  localName: string,
  dir: string,
  options: CommandOptions,
): Promise<void> {
  const authFile = `${dir}.auth.json`
  await writeFile(authFile, '{}')
  try {
    await runCommand(tool, ['push', '--authfile', authFile, localName, `oci:${dir}`], options)
  } finally {
    await rm(authFile, { force: true })
  }
}

function buildArguments(request: BuildRequest, tag: string, extra: string[] = []): string[] {
  return ['build', ...commonBuildFlags(request), ...extra, '--tag', tag, request.context]
}

/** The one image manifest a fresh layout holds, as the layout's index.json describes it. */
async function layoutManifest(dir: string, tool: string): Promise<Descriptor> {
  const manifests = await readLayoutIndex(dir)
  const descriptor = manifests[0]
  if (manifests.length !== 1 || !descriptor || !isImageManifestMediaType(descriptor.mediaType)) {
    throw new Error(
      `${tool} wrote ${manifests.length} manifests (${manifests.map(m => m.mediaType).join(', ')}) to ${dir}, expected one image manifest`,
    )
  }
  return { mediaType: descriptor.mediaType, digest: descriptor.digest, size: descriptor.size }
}
