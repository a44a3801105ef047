import type { Descriptor } from '../core/descriptor.js'
import type { Logger } from '../core/logger.js'
import type { Platform } from '../core/platform.js'
import type { Repository } from '../core/reference.js'
import type { BuilderName } from '../settings/names.js'

/** What a build step asks of a builder: exactly one platform. */
export interface BuildRequest {
  platform: Platform
  /** Build context directory (checked to exist before the builder runs). */
  context: string
  file?: string
  target?: string
  /** `KEY=VALUE` pairs, passed as separate arguments: never through a shell. */
  buildArgs: string[]
  labels: string[]
  /** buildx only: cache options, `type=gha` already given a per-platform scope by the settings. */
  cacheFrom: string[]
  cacheTo: string[]
  /** Where a builder that pushes itself (buildx) pushes; builders that export a layout ignore it. */
  images: Repository[]
  /** A tag unique to this run, attempt and platform, for builders that cannot push by digest. */
  fallbackTag: string
  /** False: build only, push nothing (pull-request checks). */
  push: boolean
}

/**
 * What came out of a build: a local OCI layout the action uploads by digest itself (buildah, podman), or a
 * manifest the builder already pushed to every image (buildx). The digest is read from the builder's own
 * records (the layout's index.json, buildx's metadata file), never from its log text.
 */
export type BuildOutput =
  | {
      kind: 'layout'
      dir: string
      manifest: Descriptor
      /** The builder's removal of its local copy, still running while the layout uploads; never rejects. */
      cleanup?: Promise<void>
    }
  | { kind: 'pushed'; repository: Repository; manifest: PushedManifest; fallbackTag?: string }
  | { kind: 'local' }

/**
 * What buildx reports about the manifest it pushed. The digest is always there; mediaType and size only when
 * the metadata file carries `containerimage.descriptor` (BuildKit 0.10 and later, so not the `docker` driver of
 * Docker 20.10): otherwise a registry HEAD of the digest supplies them.
 */
export type PushedManifest = Pick<Descriptor, 'digest'> & Partial<Pick<Descriptor, 'mediaType' | 'size'>>

export interface Builder {
  name: BuilderName
  build(request: BuildRequest, logger: Logger): Promise<BuildOutput>
}
