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
 * buildah or podman: both take `build` with the same flags and `push IMAGE oci:DIR`. The image is built under a
 * local name unique to this build, exported to a fresh OCI layout whose index.json gives the manifest digest,
 * and removed from local storage again, while the caller uploads the layout by digest (`cleanup`). The caller
 * then deletes the layout's directory.
 */
export function buildahBuilder(tool: 'buildah' | 'podman', options: CommandOptions = {}): Builder {
  return {
    name: tool,
    async build(request: BuildRequest, logger: Logger): Promise<BuildOutput> {
      await checkContext(request.context)
      const platform = formatPlatform(request.platform)
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
      const layout = await writeLayout(tool, localName, options).catch(async (error: unknown) => {
        await removeLocalImage()
        throw error
      })
      logger.info(`${tool} built ${layout.manifest.digest} for ${platform}`)
      // The layout is a whole copy of the image: the local one goes while the step uploads the layout.
      return { kind: 'layout', ...layout, cleanup: removeLocalImage() }
    },
  }
}

/** Exports the local image to a fresh OCI layout, read back: its directory and the manifest it holds. */
async function writeLayout(
  tool: string,
  localName: string,
  options: CommandOptions,
): Promise<{ dir: string; manifest: Descriptor }> {
  const dir = await mkdtemp(join(tempRoot(options), 'native-multiarch-layout-'))
  try {
    // The oci: transport reads a ':' in the path as the start of an image name.
    if (dir.includes(':'))
      throw new Error(`Temporary directory ${dir} contains ':', which ${tool} cannot push to`)
    await exportLayout(tool, localName, dir, options)
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

function buildArguments(request: BuildRequest, localName: string): string[] {
  return ['build', ...commonBuildFlags(request), '--tag', localName, request.context]
}

/** The one image manifest a fresh `push oci:DIR` wrote, as the layout's index.json describes it. */
async function layoutManifest(dir: string, tool: string): Promise<Descriptor> {
  const manifests = await readLayoutIndex(dir)
  const descriptor = manifests[0]
  if (manifests.length !== 1 || !descriptor || !isImageManifestMediaType(descriptor.mediaType)) {
    throw new Error(
      `${tool} push wrote ${manifests.length} manifests (${manifests.map(m => m.mediaType).join(', ')}) to ${dir}, expected one image manifest`,
    )
  }
  return { mediaType: descriptor.mediaType, digest: descriptor.digest, size: descriptor.size }
}
